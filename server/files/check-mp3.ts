import { fileTypeFromBuffer } from 'file-type';
import type { FileHandle } from 'node:fs/promises';
import { readAt } from './read-at.js';

/** kbit/s by bitrate index, Layer III: MPEG-1, and MPEG-2/2.5. Index 0 (free format) and 15 are invalid. */
const BITRATES = {
  mpeg1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  mpeg2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
/** Hz by sample-rate index, per version bits (3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5). */
const SAMPLE_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/** The byte length of the MPEG audio Layer III frame whose 4-byte header this is, or undefined. */
export function layer3FrameLength(header: Buffer): number | undefined {
  if (header.length < 4 || header[0] !== 0xff || (header[1] & 0xe0) !== 0xe0) return undefined;
  const version = (header[1] >> 3) & 0x03;
  const layer = (header[1] >> 1) & 0x03;
  const bitrateIndex = header[2] >> 4;
  const rateIndex = (header[2] >> 2) & 0x03;
  const sampleRate = SAMPLE_RATES[version]?.[rateIndex];
  if (layer !== 0x01 || !sampleRate || bitrateIndex === 0 || bitrateIndex === 15) return undefined;
  const kbps = (version === 3 ? BITRATES.mpeg1 : BITRATES.mpeg2)[bitrateIndex];
  const padding = (header[2] >> 1) & 0x01;
  return Math.floor(((version === 3 ? 144 : 72) * kbps * 1000) / sampleRate) + padding;
}

/**
 * Is this an MP3 (R47)? Optionally an ID3v2 tag (skipped by its own size), then MPEG audio
 * Layer III, as file-type sees it, whose first frame is complete and followed by another
 * frame header or the end of the file. Two bytes of frame sync alone would let random or
 * truncated data pass.
 */
export async function isMp3(file: FileHandle, size: number): Promise<boolean> {
  const head = await readAt(file, 0, 10);
  let audioStart = 0;
  if (head.toString('latin1', 0, 3) === 'ID3') {
    if (head.length < 10 || head.subarray(6, 10).some((byte) => byte > 0x7f)) return false;
    // ID3v2: a 28-bit "syncsafe" size after the 10-byte header, plus a 10-byte footer if flagged.
    const tagSize = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9];
    audioStart = 10 + tagSize + (head[5] & 0x10 ? 10 : 0);
  }
  if (audioStart + 4 > size) return false;
  const audio = await readAt(file, audioStart, 4100);
  if ((await fileTypeFromBuffer(audio))?.ext !== 'mp3') return false;
  const frameLength = layer3FrameLength(audio);
  if (frameLength === undefined) return false;
  const next = audioStart + frameLength;
  if (next === size) return true;
  if (next + 4 > size) return false;
  return layer3FrameLength(await readAt(file, next, 4)) !== undefined;
}
