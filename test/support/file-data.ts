import type { FileItem, FileList, UploadPolicy } from '../../src/contract/index.js';

const MiB = 1024 * 1024;

/** The reference endpoint's default policy (server/files/settings.ts), for Jordan's own profile. */
export const policy: UploadPolicy = {
  types: [
    { type: 'pdf', extensions: ['pdf'], mediaType: 'application/pdf', maxBytes: 25 * MiB },
    { type: 'jpg', extensions: ['jpg', 'jpeg'], mediaType: 'image/jpeg', maxBytes: 15 * MiB },
    { type: 'png', extensions: ['png'], mediaType: 'image/png', maxBytes: 15 * MiB },
    { type: 'mp3', extensions: ['mp3'], mediaType: 'audio/mpeg', maxBytes: 500 * MiB },
    { type: 'm4a', extensions: ['m4a'], mediaType: 'audio/mp4', maxBytes: 500 * MiB },
    { type: 'csv', extensions: ['csv'], mediaType: 'text/csv', maxBytes: 5 * MiB },
  ],
  quotaBytes: 2048 * MiB,
  usedBytes: 0,
  reservedBytes: 0,
  maxFiles: 1000,
  fileCount: 0,
};

const sha = 'a'.repeat(64);
export const moodCsv: FileItem = {
  id: 41,
  name: 'mood log.csv',
  type: 'csv',
  mediaType: 'text/csv',
  sizeBytes: 2_100,
  sha256: sha,
  uploadedAt: '2026-11-20T15:30:00.000Z',
  status: 'clean',
};
export const intakePdf: FileItem = {
  id: 42,
  name: 'insurance letter.pdf',
  type: 'pdf',
  mediaType: 'application/pdf',
  sizeBytes: 1_572_864,
  sha256: sha,
  uploadedAt: '2026-11-18T09:05:00.000Z',
  status: 'clean',
};
export const voiceMemo: FileItem = {
  id: 43,
  name: 'voice memo.mp3',
  type: 'mp3',
  mediaType: 'audio/mpeg',
  sizeBytes: 130 * MiB,
  sha256: sha,
  uploadedAt: '2026-11-10T20:45:00.000Z',
  status: 'clean',
};
export const drawing: FileItem = {
  id: 44,
  name: 'drawing.png',
  type: 'png',
  mediaType: 'image/png',
  sizeBytes: 68,
  sha256: sha,
  uploadedAt: '2026-11-09T11:00:00.000Z',
  status: 'clean',
};

/** Stored, waiting for the malware scanner (R52): listed as checking, not openable. */
export const pendingScan: FileItem = {
  id: 45,
  name: 'referral letter.pdf',
  type: 'pdf',
  mediaType: 'application/pdf',
  sizeBytes: 240_000,
  sha256: sha,
  uploadedAt: '2026-11-28T14:00:00.000Z',
  status: 'pending_scan',
};
/** Refused by the malware scanner (R52): listed with a calm reason, never openable. */
export const refusedScan: FileItem = {
  id: 46,
  name: 'notes.csv',
  type: 'csv',
  mediaType: 'text/csv',
  sizeBytes: 68,
  sha256: sha,
  uploadedAt: '2026-11-28T14:05:00.000Z',
  status: 'infected',
};

export const withFiles = (files: FileItem[] = [moodCsv, intakePdf, voiceMemo, drawing]): FileList => ({ files, policy });
export const noFiles: FileList = { files: [], policy };

/** A CSV with a formula-looking cell: shown as text, never run. */
export const moodCsvText = 'date,mood,note\r\n2026-11-19,3,"slept badly, ""again"""\r\n2026-11-20,4,"=HYPERLINK(""http://x"",""y"")"\r\n';

/** A 1×1 PNG, for the viewer's image. */
export const pngBytes = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

/** A stored file as the endpoint answers the final PATCH. */
export const stored = (id: number, name: string, type: FileItem['type'], sizeBytes: number): FileItem => ({
  id,
  name,
  type,
  mediaType: policy.types.find((t) => t.type === type)!.mediaType,
  sizeBytes,
  sha256: sha,
  uploadedAt: '2026-11-28T14:00:00.000Z',
  status: 'clean',
});
