import type { FileHandle } from 'node:fs/promises';
import { readAt } from './read-at.js';

/**
 * Is this ISO-BMFF file an M4A (R47)? file-type calls a file m4a only when its *major* brand
 * is `M4A `, but iTunes, Android and ffmpeg also write `isom`/`mp42` majors that list `M4A `
 * among the compatible brands. So: `ftyp` first, with `M4A ` as the major or a compatible
 * brand; a `moov` box; at least one sound track and no video track (an MP4 film renamed
 * .m4a is refused); every box inside the file. Only box headers are read (the sample tables
 * and the audio are skipped), so a 500 MB recording costs a few dozen small reads.
 */
export async function isM4a(file: FileHandle, size: number): Promise<boolean> {
  const ftyp = await readBox(file, 0, size);
  if (!ftyp || ftyp.type !== 'ftyp' || ftyp.size < 16 || ftyp.size > 4096) return false;
  const brands = await readAt(file, ftyp.start + ftyp.headerSize, ftyp.size - ftyp.headerSize);
  const major = brands.toString('latin1', 0, 4);
  const compatible: string[] = [];
  for (let at = 8; at + 4 <= brands.length; at += 4) compatible.push(brands.toString('latin1', at, at + 4));
  if (major !== 'M4A ' && !compatible.includes('M4A ')) return false;

  const top = await children(file, 0, size);
  const moov = top?.find((box) => box.type === 'moov');
  if (!moov) return false;
  const tracks = (await children(file, moov.start + moov.headerSize, moov.start + moov.size))?.filter((box) => box.type === 'trak');
  if (!tracks) return false;
  let sound = 0;
  for (const trak of tracks) {
    const handler = await trackHandler(file, trak);
    if (handler === undefined || handler === 'vide') return false;
    if (handler === 'soun') sound += 1;
  }
  return sound > 0;
}

interface Box {
  type: string;
  start: number;
  headerSize: number;
  size: number;
}

/** At most this many boxes per level: real files have a handful; a crafted one cannot loop us. */
const MAX_BOXES = 4096;

/** The box header at `at`, or undefined when it is malformed or does not fit before `end`. */
async function readBox(file: FileHandle, at: number, end: number): Promise<Box | undefined> {
  if (end - at < 8) return undefined;
  const head = await readAt(file, at, Math.min(16, end - at));
  if (head.length < 8) return undefined;
  const size32 = head.readUInt32BE(0);
  const type = head.toString('latin1', 4, 8);
  let size: number;
  let headerSize = 8;
  if (size32 === 1) {
    if (head.length < 16) return undefined;
    const large = head.readBigUInt64BE(8);
    if (large > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
    size = Number(large);
    headerSize = 16;
  } else {
    size = size32 === 0 ? end - at : size32; // 0: the box runs to the end of its parent
  }
  if (size < headerSize || at + size > end) return undefined;
  return { type, start: at, headerSize, size };
}

/** The boxes filling [start, end) exactly; undefined if they do not. */
async function children(file: FileHandle, start: number, end: number): Promise<Box[] | undefined> {
  const boxes: Box[] = [];
  let at = start;
  while (at < end) {
    if (boxes.length >= MAX_BOXES) return undefined;
    const box = await readBox(file, at, end);
    if (!box) return undefined;
    boxes.push(box);
    at += box.size;
  }
  return boxes;
}

/** trak → mdia → hdlr's handler type (`soun`, `vide`, `text`…). */
async function trackHandler(file: FileHandle, trak: Box): Promise<string | undefined> {
  const mdia = (await children(file, trak.start + trak.headerSize, trak.start + trak.size))?.find((box) => box.type === 'mdia');
  if (!mdia) return undefined;
  const hdlr = (await children(file, mdia.start + mdia.headerSize, mdia.start + mdia.size))?.find((box) => box.type === 'hdlr');
  if (!hdlr || hdlr.size - hdlr.headerSize < 12) return undefined;
  // FullBox: version and flags (4), pre_defined (4), then handler_type (4).
  return (await readAt(file, hdlr.start + hdlr.headerSize + 8, 4)).toString('latin1');
}
