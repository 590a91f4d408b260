import { FILE_TYPE_RULES, FILE_TYPES, type FileType, type UploadTypePolicy } from '../../src/contract/index.js';
import type { UploadSettings } from './settings.js';

// The allow-list (R46), each type's extensions and media type, is the contract's FILE_TYPE_RULES.

const BY_EXTENSION: ReadonlyMap<string, FileType> = new Map(
  FILE_TYPES.flatMap((type) => FILE_TYPE_RULES[type].extensions.map((extension) => [extension, type] as const)),
);

/** The type an extension (lower case, no dot) stands for, if it is allowed at all. */
export function fileTypeOfExtension(extension: string): FileType | undefined {
  return BY_EXTENSION.get(extension);
}

export function mediaTypeOf(type: FileType): string {
  return FILE_TYPE_RULES[type].mediaType;
}

export function isFileType(value: string): value is FileType {
  return (FILE_TYPES as readonly string[]).includes(value);
}

/** JPEG and PNG are rewritten without their metadata before they are stored (R53). */
export function isImage(type: FileType): type is 'jpg' | 'png' {
  return type === 'jpg' || type === 'png';
}

export function typePolicies(settings: Pick<UploadSettings, 'maxBytes'>): UploadTypePolicy[] {
  return FILE_TYPES.map((type) => ({
    type,
    extensions: [...FILE_TYPE_RULES[type].extensions],
    mediaType: FILE_TYPE_RULES[type].mediaType,
    maxBytes: settings.maxBytes[type],
  }));
}
