import { fileTypeFromBuffer } from 'file-type';
import { open } from 'node:fs/promises';
import type { FileType } from '../../src/contract/index.js';
import { SNIFF_BYTES } from './content-check.js';
import { readAt } from './read-at.js';

/** What each type's first bytes must be (a prefix check: the file is not complete yet). */
const MAGIC: Partial<Record<FileType, Buffer>> = {
  pdf: Buffer.from('%PDF-', 'latin1'),
  jpg: Buffer.from([0xff, 0xd8, 0xff]),
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
};

/**
 * An early look at an unfinished upload (its first SNIFF_BYTES are on disk), so a wrong file
 * of hundreds of megabytes is refused after its first PATCH rather than after its last. Only
 * what the head can prove counts: the magic bytes, M4A's brands, an MP3 starting with an ID3
 * tag or a Layer III frame, a CSV without NUL bytes that is valid UTF-8 so far and not a known
 * binary format. The full check at completion (content-check.ts) still decides.
 */
export async function headMatches(path: string, type: FileType): Promise<boolean> {
  const file = await open(path, 'r');
  let head: Buffer;
  try {
    head = await readAt(file, 0, SNIFF_BYTES);
  } finally {
    await file.close();
  }
  const magic = MAGIC[type];
  if (magic) return head.subarray(0, magic.length).equals(magic);
  if (type === 'm4a') return head.toString('latin1', 4, 8) === 'ftyp' && brandsOf(head).includes('M4A ');
  if (type === 'mp3') return head.toString('latin1', 0, 3) === 'ID3' || (await fileTypeFromBuffer(head))?.ext === 'mp3';
  return !head.includes(0) && isUtf8Prefix(head) && (await fileTypeFromBuffer(head)) === undefined;
}

/** The major and compatible brands of the `ftyp` box at the start of the file. */
function brandsOf(head: Buffer): string[] {
  if (head.length < 12) return [];
  const end = Math.min(head.readUInt32BE(0), head.length);
  const brands = [head.toString('latin1', 8, 12)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(head.toString('latin1', at, at + 4));
  return brands;
}

/** Valid UTF-8, except that the last character may be cut off by the end of the head. */
function isUtf8Prefix(head: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}
