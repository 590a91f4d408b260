import type { FileErrorCode, FileType } from '../../src/contract/index.js';
import { fileTypeOfExtension } from './file-types.js';

export type NameVerdict =
  | { ok: true; name: string; type: FileType }
  | { ok: false; code: Extract<FileErrorCode, 'invalid_name' | 'unsupported_type'> };

/** R49: the kept name is at most 255 bytes of UTF-8 (what most file systems allow). */
export const MAX_NAME_BYTES = 255;
/** Longer raw names are refused before any work (the metadata header is capped at 4 KiB anyway). */
const MAX_RAW_LENGTH = 1024;

/**
 * Characters no file name needs and attackers love: C0 controls (NUL, CR, LF…), DEL, C1
 * controls, line/paragraph separators, bidirectional marks, embeddings, overrides and
 * isolates (U+202E makes `report\u202Efdp.exe` look like `reportexe.pdf`), and U+FFFD,
 * which is what broken UTF-8 in the metadata decodes to.
 */
function isForbidden(codePoint: number): boolean {
  return (
    codePoint <= 0x1f ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0x2028 ||
    codePoint === 0x2029 ||
    codePoint === 0x061c ||
    codePoint === 0x200e ||
    codePoint === 0x200f ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069) ||
    codePoint === 0xfffd
  );
}

/**
 * Normalises an uploaded file's name and decides its type from the extension (R46, R49).
 *
 * NFC first, so the checks see what a file system would store. A name carrying a folder
 * (old browsers send `C:\…\x.pdf`, folder uploads `dir/x.pdf`) keeps only its last part, but
 * a `..` part is refused: no legitimate picker produces one. Leading dots, hyphens and spaces
 * are dropped (no hidden files, nothing that reads as a command-line flag); a trailing dot or
 * space is refused (Windows would silently drop it and change the extension). Only the last
 * extension counts, so `report.pdf.exe` is an `.exe`, refused; `scan.2024.pdf` is a PDF.
 * Over-long names are shortened before the extension. The result is stable: normalising it
 * again returns it unchanged.
 */
export function normalizeFileName(raw: string | null | undefined): NameVerdict {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_RAW_LENGTH) return { ok: false, code: 'invalid_name' };
  const nfc = raw.normalize('NFC');
  for (const char of nfc) {
    if (isForbidden(char.codePointAt(0)!)) return { ok: false, code: 'invalid_name' };
  }
  const parts = nfc.split(/[/\\]/);
  if (parts.some((part) => part.trim() === '..')) return { ok: false, code: 'invalid_name' };
  const base = parts[parts.length - 1].replace(/^[\s.-]+/u, '');
  if (base.length === 0 || /[\s.]$/u.test(base)) return { ok: false, code: 'invalid_name' };

  const dot = base.lastIndexOf('.');
  if (dot <= 0) return { ok: false, code: 'unsupported_type' };
  const extension = base.slice(dot + 1);
  const type = fileTypeOfExtension(extension.toLowerCase());
  if (!type) return { ok: false, code: 'unsupported_type' };

  const name = fitToBytes(base.slice(0, dot), `.${extension}`);
  return name ? { ok: true, name, type } : { ok: false, code: 'invalid_name' };
}

/** `stem + suffix` within MAX_NAME_BYTES, cutting whole code points off the stem's end. */
function fitToBytes(stem: string, suffix: string): string | undefined {
  const budget = MAX_NAME_BYTES - Buffer.byteLength(suffix);
  if (budget <= 0) return undefined;
  let bytes = Buffer.byteLength(stem);
  if (bytes <= budget) return stem + suffix;
  const chars = Array.from(stem);
  while (chars.length > 0 && bytes > budget) bytes -= Buffer.byteLength(chars.pop()!);
  // A cut can leave a trailing dot or space, which the rules above refuse: drop those too.
  const cut = chars.join('').replace(/[\s.]+$/u, '');
  return cut.length > 0 ? cut + suffix : undefined;
}
