import { fileTypeFromBuffer } from 'file-type';
import { createReadStream } from 'node:fs';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import type { FileErrorCode, FileType } from '../../src/contract/index.js';
import { isM4a } from './check-m4a.js';
import { isMp3 } from './check-mp3.js';
import { readAt } from './read-at.js';
import { stripJpeg, type StrippedImage } from './strip-jpeg.js';
import { stripPng } from './strip-png.js';

export type ContentVerdict =
  | { ok: true; /** JPEG/PNG: the bytes to store, without metadata. */ image?: StrippedImage }
  | { ok: false; code: Extract<FileErrorCode, 'unsupported_type'> | 'payload_too_large' };

const REFUSED: ContentVerdict = { ok: false, code: 'unsupported_type' };
const ACCEPTED: ContentVerdict = { ok: true };

/** file-type decides most formats within this many bytes (its own `reasonableDetectionSizeInBytes`). */
export const SNIFF_BYTES = 4100;

/**
 * Does the complete upload at `path` match the type its name claims (R47)? The client's
 * Content-Type and `filetype` metadata play no part. Magic bytes via file-type where it is
 * decisive, plus the checks it cannot make: a PDF ends with `%%EOF` (not truncated), an
 * MP3's audio after an ID3 tag starts with complete Layer III frames (check-mp3.ts), an M4A
 * is audio-only ISO-BMFF (check-m4a.ts), a CSV is UTF-8 text with no NUL byte that file-type does not recognise as
 * anything else. JPEG and PNG are parsed completely by the metadata filters, which also
 * refuse truncated streams and report the dimensions for the pixel limit (R48).
 */
export async function checkContent(path: string, type: FileType, size: number, maxImagePixels: number): Promise<ContentVerdict> {
  if (type === 'jpg' || type === 'png') return checkImage(path, type, maxImagePixels);
  if (type === 'csv') return (await sniff(path, 0)) === undefined && (await isUtf8WithoutNul(path)) ? ACCEPTED : REFUSED;
  const file = await open(path, 'r');
  try {
    if (type === 'pdf') return (await isPdf(file, size)) ? ACCEPTED : REFUSED;
    if (type === 'mp3') return (await isMp3(file, size)) ? ACCEPTED : REFUSED;
    return (await isM4a(file, size)) ? ACCEPTED : REFUSED;
  } finally {
    await file.close();
  }
}

async function sniff(path: string, offset: number): Promise<string | undefined> {
  const file = await open(path, 'r');
  try {
    return (await fileTypeFromBuffer(await readAt(file, offset, SNIFF_BYTES)))?.ext;
  } finally {
    await file.close();
  }
}

async function isPdf(file: FileHandle, size: number): Promise<boolean> {
  const head = await readAt(file, 0, SNIFF_BYTES);
  if (head.toString('latin1', 0, 5) !== '%PDF-') return false;
  const ext = (await fileTypeFromBuffer(head))?.ext;
  // file-type reports Illustrator files, which are PDF documents, as `ai`.
  if (ext !== 'pdf' && ext !== 'ai') return false;
  // Readers look for the trailer's %%EOF within the last 1024 bytes; a cut-off upload has none.
  const tailLength = Math.min(1024, size);
  return (await readAt(file, size - tailLength, tailLength)).includes('%%EOF', 0, 'latin1');
}

async function isUtf8WithoutNul(path: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    if (chunk.includes(0)) return false;
    if (!decodes(decoder, chunk)) return false;
  }
  return decodes(decoder);
}

/** Feeds the streaming decoder; false on invalid UTF-8 (an incomplete sequence at the very end included). */
function decodes(decoder: TextDecoder, chunk?: Buffer): boolean {
  try {
    if (chunk) decoder.decode(chunk, { stream: true });
    else decoder.decode();
    return true;
  } catch {
    return false;
  }
}

async function checkImage(path: string, type: 'jpg' | 'png', maxImagePixels: number): Promise<ContentVerdict> {
  // Images are capped at a few MB (settings.maxBytes), so one read is fine and simplest.
  const bytes = await readFile(path);
  const detected = (await fileTypeFromBuffer(bytes.subarray(0, SNIFF_BYTES)))?.ext;
  const matches = type === 'jpg' ? detected === 'jpg' : detected === 'png' || detected === 'apng';
  if (!matches) return REFUSED;
  const image = type === 'jpg' ? stripJpeg(bytes) : stripPng(bytes);
  if (!image) return REFUSED;
  if (image.width * image.height > maxImagePixels) return { ok: false, code: 'payload_too_large' };
  return { ok: true, image };
}
