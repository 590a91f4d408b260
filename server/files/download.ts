import { open } from 'node:fs/promises';
import { ApiError } from '../errors.js';
import { isReleased, type StoredFile } from '../repos/files.js';
import { attachmentDisposition } from './content-disposition.js';
import { mediaTypeOf } from './file-types.js';
import type { FileStorage } from './storage.js';

// Downloads, the client's and the office's alike: the same refusal of unreleased files (R52)
// and the same safe headers (R51), in one place so the two routes cannot drift apart.

/**
 * A download is an attachment and never a page of ours (R51): `sandbox` stops anything in it
 * from running as this origin even if a browser were made to render it.
 */
export const DOWNLOAD_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'";

/** The headers of every download: attachment with both filename forms, nosniff, sandbox, no-store. */
export function downloadHeaders(mediaType: string, size: number, fileName: string): Record<string, string> {
  return {
    'content-type': mediaType,
    'content-length': String(size),
    'content-disposition': attachmentDisposition(fileName),
    'content-security-policy': DOWNLOAD_CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
}

/** 409 for a file the scanner has not cleared (R52): still pending, or infected. */
export function unreleasedRefusal(file: StoredFile): ApiError | undefined {
  if (isReleased(file.scanStatus)) return undefined;
  return new ApiError(409, 'conflict', file.scanStatus === 'infected' ? 'This file was not accepted.' : 'This file is still being checked.');
}

/** Opens a released stored file for a download: its stream and headers (the caller audits, then sends). */
export async function openStoredFile(storage: FileStorage, file: StoredFile): Promise<{ headers: Record<string, string>; stream: NodeJS.ReadableStream }> {
  const handle = await open(storage.storedPath(file.storageName), 'r');
  const { size } = await handle.stat();
  return { headers: downloadHeaders(mediaTypeOf(file.fileType), size, file.fileName), stream: handle.createReadStream() };
}
