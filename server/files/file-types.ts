import { FILE_TYPES, type FileType, type UploadTypePolicy } from '../../src/contract/index.js';
import type { UploadSettings } from './settings.js';

/** The allow-list (R46): each type's extensions and the media type it is served with. */
const TYPES: Readonly<Record<FileType, { extensions: readonly string[]; mediaType: string }>> = {
  pdf: { extensions: ['pdf'], mediaType: 'application/pdf' },
  jpg: { extensions: ['jpg', 'jpeg'], mediaType: 'image/jpeg' },
  png: { extensions: ['png'], mediaType: 'image/png' },
  mp3: { extensions: ['mp3'], mediaType: 'audio/mpeg' },
  // audio/mp4 is the registered type (RFC 4337); browsers play it from a blob.
  m4a: { extensions: ['m4a'], mediaType: 'audio/mp4' },
  csv: { extensions: ['csv'], mediaType: 'text/csv; charset=utf-8' },
};

const BY_EXTENSION: ReadonlyMap<string, FileType> = new Map(
  FILE_TYPES.flatMap((type) => TYPES[type].extensions.map((extension) => [extension, type] as const)),
);

/** The type an extension (lower case, no dot) stands for, if it is allowed at all. */
export function fileTypeOfExtension(extension: string): FileType | undefined {
  return BY_EXTENSION.get(extension);
}

export function mediaTypeOf(type: FileType): string {
  return TYPES[type].mediaType;
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
    extensions: [...TYPES[type].extensions],
    mediaType: TYPES[type].mediaType,
    maxBytes: settings.maxBytes[type],
  }));
}
