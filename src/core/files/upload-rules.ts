import type { FileType, UploadPolicy, UploadTypePolicy } from '../../contract/index.js';

/**
 * Why a file is refused before any byte is sent: a type not allowed here, over its type's
 * limit, empty, more than the room left, or vetoed by the host page (`portal-file-accept`).
 */
export type Refusal = 'type' | 'size' | 'empty' | 'quota' | 'host';

/** What may be uploaded here: the server's policy, narrowed by the widget's attributes. */
export interface UploadRules {
  readonly types: readonly UploadTypePolicy[];
  /** Bytes left in the profile's quota (stored files and unfinished uploads count). */
  readonly roomBytes: number;
}

/**
 * The policy narrowed by `accept` (extensions like `.pdf` or media types like `image/*`, as on
 * an `<input type=file>`) and `maxSize` (bytes; 0 for none). Both can only take away: a type
 * or a size the server does not allow never appears.
 */
export function uploadRules(policy: UploadPolicy, accept = '', maxSize = 0): UploadRules {
  const tokens = accept
    .toLowerCase()
    .split(',')
    .map((token) => token.trim())
    .filter(Boolean);
  const types = policy.types.flatMap((type) => {
    const named = tokens.filter((token) => token.startsWith('.')).map((token) => token.slice(1));
    const byExtension = type.extensions.filter((extension) => named.includes(extension));
    const byMedia = tokens.some((token) =>
      token.endsWith('/*') ? type.mediaType.startsWith(token.slice(0, -1)) : token === type.mediaType,
    );
    const extensions = !tokens.length || byMedia ? type.extensions : byExtension;
    if (!extensions.length) return [];
    const maxBytes = maxSize > 0 ? Math.min(type.maxBytes, maxSize) : type.maxBytes;
    return [{ ...type, extensions, maxBytes }];
  });
  const roomBytes = policy.fileCount >= policy.maxFiles ? 0 : policy.quotaBytes - policy.usedBytes - policy.reservedBytes;
  return { types, roomBytes: Math.max(0, roomBytes) };
}

/** The rule for a file name's extension (case-insensitive), if the name has one that is allowed. */
export function ruleFor(name: string, rules: UploadRules): UploadTypePolicy | undefined {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return undefined;
  const extension = name.slice(dot + 1).toLowerCase();
  return rules.types.find((type) => type.extensions.includes(extension));
}

/**
 * The checks a browser can make before uploading; the server repeats them and checks the
 * content as well (R46–R48). `pendingBytes` are uploads started on this page and not in the
 * policy yet.
 */
export function checkFile(
  file: { readonly name: string; readonly size: number },
  rules: UploadRules,
  pendingBytes = 0,
): { type?: FileType; refusal?: Refusal } {
  const rule = ruleFor(file.name, rules);
  if (!rule) return { refusal: 'type' };
  const type = rule.type;
  if (file.size === 0) return { type, refusal: 'empty' };
  if (file.size > rule.maxBytes) return { type, refusal: 'size' };
  if (file.size > rules.roomBytes - pendingBytes) return { type, refusal: 'quota' };
  return { type };
}

/** The `accept` attribute for the file input: the allowed extensions, e.g. `.pdf,.jpg,.jpeg`. */
export function acceptList(rules: UploadRules): string {
  return rules.types.flatMap((type) => type.extensions.map((extension) => `.${extension}`)).join(',');
}
