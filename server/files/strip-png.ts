import type { StrippedImage } from './strip-jpeg.js';

/**
 * Removes metadata from a PNG without re-encoding it (R53): a chunk filter with an
 * allow-list. Kept: the critical chunks and the ancillary ones that change how pixels look
 * or animate (transparency, colour space and ICC profile, gamma, HDR info, background,
 * physical size, APNG frames). Dropped: text (tEXt, zTXt, iTXt), eXIf, tIME and every chunk
 * not on the list (private chunks can carry anything), plus bytes after IEND.
 *
 * Returns undefined unless the file is a complete PNG stream: the signature, IHDR first with
 * non-zero dimensions, at least one IDAT, and IEND, with no chunk running past the end.
 */
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const KEEP = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'cHRM',
  'gAMA',
  'iCCP',
  'sBIT',
  'sRGB',
  'cICP',
  'mDCv',
  'cLLI',
  'bKGD',
  'hIST',
  'pHYs',
  'sPLT',
  'acTL',
  'fcTL',
  'fdAT',
]);

export function stripPng(input: Buffer): StrippedImage | undefined {
  if (input.length < SIGNATURE.length || !input.subarray(0, SIGNATURE.length).equals(SIGNATURE)) return undefined;
  const out: Buffer[] = [SIGNATURE];
  let pos = SIGNATURE.length;
  let width = 0;
  let height = 0;
  let sawData = false;
  for (let index = 0; ; index += 1) {
    if (pos + 12 > input.length) return undefined;
    const length = input.readUInt32BE(pos);
    const type = input.toString('latin1', pos + 4, pos + 8);
    const end = pos + 12 + length;
    if (length > 0x7fffffff || end > input.length) return undefined;
    if (index === 0) {
      if (type !== 'IHDR' || length !== 13) return undefined;
      width = input.readUInt32BE(pos + 8);
      height = input.readUInt32BE(pos + 12);
      if (width === 0 || height === 0) return undefined;
    }
    if (type === 'IDAT') sawData = true;
    if (KEEP.has(type)) out.push(input.subarray(pos, end));
    pos = end;
    if (type === 'IEND') return sawData ? { bytes: Buffer.concat(out), width, height } : undefined;
  }
}
