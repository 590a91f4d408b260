import type { FileType } from '../../src/contract/index.js';
import type { ClamdTarget } from './clamd.js';

const MiB = 1024 * 1024;
const HOUR = 60 * 60 * 1000;

/** How uploads are stored and limited. Every field has a default; `AppConfig.uploads` overrides. */
export interface UploadSettings {
  /**
   * The root of the file storage (partial uploads, temp files, stored files). Must not be
   * inside anything a web server serves. Default: `files/` beside the database file, i.e.
   * under the data directory; an app on an in-memory database then has no storage and its
   * upload and file routes answer 503 (the OpenAPI script builds such an app).
   */
  storageDir: string | undefined;
  /**
   * Largest file per type. Documents and scans stay small; audio recordings of a session
   * (an hour of AAC or MP3 is 60–120 MB) get room for long sessions at high bit rates.
   */
  maxBytes: Record<FileType, number>;
  /**
   * Per-profile quota, server-wide. A practice's own `upload_quota_bytes` can only narrow it
   * (the smaller one applies). Unfinished uploads count with their declared length.
   */
  quotaBytes: number;
  /** Per-profile cap on stored files plus unfinished uploads (keeps the list and disk sane, R45). */
  maxFilesPerProfile: number;
  /** Images with more pixels than this are refused before anything decodes them (R48). */
  maxImagePixels: number;
  /** An unfinished upload with no bytes for this long is deleted by the sweeper. */
  staleAfterMs: number;
  /** How often the sweeper runs (it also runs once at startup). */
  sweepIntervalMs: number;
  /**
   * Files and rows the sweeper finds without their counterpart are removed only once this
   * old, so it never races a commit in progress (rename → row is not one atomic step).
   */
  orphanGraceMs: number;
  /** A PATCH that sends no byte for this long is cut (uploads are exempt from the whole-request timeout). */
  idleTimeoutMs: number;
  /**
   * Malware scanning before release (R52), UPLOAD_SCAN: `clamd` scans every stored file with
   * clamd (`clamd` below) and releases it only when clean; `hold` keeps new files
   * `pending_scan` (never downloadable) until a scanner is configured; `off` releases them
   * unscanned. Default: `hold` in production, `off` in development (installUploads).
   */
  scan: ScanMode | undefined;
  /** clamd's unix socket or loopback TCP address; required for `scan: 'clamd'`. */
  clamd: ClamdTarget | undefined;
  /** While clamd is down or failing, pending files are tried again this often. */
  scanRetryMs: number;
  /** One file's scan (connect, send, verdict) is abandoned after this long and tried again later. */
  scanTimeoutMs: number;
}

export type ScanMode = 'clamd' | 'hold' | 'off';
export const SCAN_MODES: readonly ScanMode[] = ['clamd', 'hold', 'off'];

export const DEFAULT_UPLOAD_SETTINGS: Readonly<UploadSettings> = Object.freeze({
  storageDir: undefined,
  maxBytes: Object.freeze({
    pdf: 25 * MiB,
    jpg: 15 * MiB,
    png: 15 * MiB,
    mp3: 500 * MiB,
    m4a: 500 * MiB,
    csv: 5 * MiB,
  }),
  quotaBytes: 2048 * MiB,
  maxFilesPerProfile: 1000,
  maxImagePixels: 50_000_000,
  staleAfterMs: 24 * HOUR,
  sweepIntervalMs: HOUR,
  orphanGraceMs: HOUR,
  idleTimeoutMs: 60_000,
  scan: undefined,
  clamd: undefined,
  scanRetryMs: 30_000,
  scanTimeoutMs: 120_000,
});

/** Overrides for some settings (AppConfig.uploads); per-type limits may name only some types. */
export type UploadSettingsInput = Partial<Omit<UploadSettings, 'maxBytes'>> & { maxBytes?: Partial<Record<FileType, number>> };

export function resolveUploadSettings(overrides: UploadSettingsInput | undefined): UploadSettings {
  return {
    ...DEFAULT_UPLOAD_SETTINGS,
    ...overrides,
    maxBytes: { ...DEFAULT_UPLOAD_SETTINGS.maxBytes, ...overrides?.maxBytes },
  };
}
