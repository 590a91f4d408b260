import type { FileType } from '../../src/contract/index.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';

/** An upload in progress: who it belongs to and what it promised (005_files.sql). */
export interface UploadRow {
  id: string;
  practiceId: number;
  profileId: number;
  accountId: number;
  fileName: string;
  fileType: FileType;
  sizeBytes: number;
  createdAt: number;
  updatedAt: number;
  /** The widget's opaque fingerprint of the file (007), to find the upload again after a reload. */
  fingerprint: string | null;
}

export interface StoredFile {
  id: number;
  practiceId: number;
  profileId: number;
  uploadedBy: number;
  uploadId: string;
  storageName: string;
  fileName: string;
  fileType: FileType;
  sizeBytes: number;
  sha256: string;
  createdAt: number;
  /** The malware scan (R52, 010_file_scans.sql); a file without a scan row counts as pending. */
  scanStatus: ScanStatus;
}

/** `clean` and `unscanned` (released without a scan by UPLOAD_SCAN=off) are downloadable; the others never. */
export type ScanStatus = 'pending_scan' | 'clean' | 'infected' | 'unscanned';

export const isReleased = (status: ScanStatus): boolean => status === 'clean' || status === 'unscanned';

interface UploadDbRow {
  id: string;
  practice_id: number;
  profile_id: number;
  account_id: number;
  file_name: string;
  file_type: FileType;
  size_bytes: number;
  created_at: number;
  updated_at: number;
  fingerprint: string | null;
}

interface FileDbRow {
  id: number;
  practice_id: number;
  profile_id: number;
  uploaded_by: number;
  upload_id: string;
  storage_name: string;
  file_name: string;
  file_type: FileType;
  size_bytes: number;
  sha256: string;
  created_at: number;
  scan_status: ScanStatus | null;
}

const uploadFromRow = (r: UploadDbRow): UploadRow => ({
  id: r.id,
  practiceId: r.practice_id,
  profileId: r.profile_id,
  accountId: r.account_id,
  fileName: r.file_name,
  fileType: r.file_type,
  sizeBytes: r.size_bytes,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  fingerprint: r.fingerprint,
});

const fileFromRow = (r: FileDbRow): StoredFile => ({
  id: r.id,
  practiceId: r.practice_id,
  profileId: r.profile_id,
  uploadedBy: r.uploaded_by,
  uploadId: r.upload_id,
  storageName: r.storage_name,
  fileName: r.file_name,
  fileType: r.file_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  createdAt: r.created_at,
  scanStatus: r.scan_status ?? 'pending_scan',
});

export function insertUpload(db: Db, upload: Omit<UploadRow, 'updatedAt' | 'fingerprint'> & { fingerprint?: string | null }): void {
  statement(
    db,
    `INSERT INTO file_uploads (id, practice_id, profile_id, account_id, file_name, file_type, size_bytes, created_at, updated_at, fingerprint)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    upload.id,
    upload.practiceId,
    upload.profileId,
    upload.accountId,
    upload.fileName,
    upload.fileType,
    upload.sizeBytes,
    upload.createdAt,
    upload.createdAt,
    upload.fingerprint ?? null,
  );
}

export function findUpload(db: Db, id: string): UploadRow | undefined {
  const row = statement<[string], UploadDbRow>(db, 'SELECT * FROM file_uploads WHERE id = ?').get(id);
  return row && uploadFromRow(row);
}

/** Bytes arrived: the upload is not stale. Never moves the time backwards. */
export function touchUpload(db: Db, id: string, now: number): void {
  statement(db, 'UPDATE file_uploads SET updated_at = max(updated_at, ?) WHERE id = ?').run(now, id);
}

export function deleteUpload(db: Db, id: string): boolean {
  return statement(db, 'DELETE FROM file_uploads WHERE id = ?').run(id).changes > 0;
}

/** Uploads with no bytes since `before`: the sweeper's work list. */
export function staleUploadIds(db: Db, before: number): string[] {
  return statement<[number], string>(db, 'SELECT id FROM file_uploads WHERE updated_at < ? ORDER BY updated_at').pluck().all(before);
}

/**
 * The unfinished uploads of one profile and account with this fingerprint, newest first,
 * leaving out those idle since `staleBefore` (the sweeper's next work): another profile's or
 * another account's upload is never found (R41).
 */
export function findUploadsByFingerprint(
  db: Db,
  owner: { practiceId: number; profileId: number; accountId: number },
  fingerprint: string,
  staleBefore: number,
): UploadRow[] {
  return statement<[number, number, number, string, number], UploadDbRow>(
    db,
    `SELECT * FROM file_uploads
     WHERE practice_id = ? AND profile_id = ? AND account_id = ? AND fingerprint = ? AND updated_at >= ?
     ORDER BY created_at DESC, id`,
  )
    .all(owner.practiceId, owner.profileId, owner.accountId, fingerprint, staleBefore)
    .map(uploadFromRow);
}

export function allUploads(db: Db): UploadRow[] {
  return statement<[], UploadDbRow>(db, 'SELECT * FROM file_uploads').all().map(uploadFromRow);
}

export interface ProfileUsage {
  usedBytes: number;
  reservedBytes: number;
  fileCount: number;
}

/** What a profile holds: stored bytes, bytes promised to unfinished uploads, and both counts together. */
export function profileUsage(db: Db, practiceId: number, profileId: number): ProfileUsage {
  return statement<[number, number, number, number], ProfileUsage>(
    db,
    `SELECT f.used AS usedBytes, u.reserved AS reservedBytes, f.n + u.n AS fileCount
     FROM (SELECT coalesce(sum(size_bytes), 0) AS used, count(*) AS n FROM files WHERE practice_id = ? AND profile_id = ?) f,
          (SELECT coalesce(sum(size_bytes), 0) AS reserved, count(*) AS n FROM file_uploads WHERE practice_id = ? AND profile_id = ?) u`,
  ).get(practiceId, profileId, practiceId, profileId)!;
}

export function insertFile(db: Db, file: Omit<StoredFile, 'id'>): StoredFile {
  // The file row and its scan row are written together (the caller's transaction).
  const { lastInsertRowid } = statement(
    db,
    `INSERT INTO files (practice_id, profile_id, uploaded_by, upload_id, storage_name, file_name, file_type, size_bytes, sha256, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    file.practiceId,
    file.profileId,
    file.uploadedBy,
    file.uploadId,
    file.storageName,
    file.fileName,
    file.fileType,
    file.sizeBytes,
    file.sha256,
    file.createdAt,
  );
  const id = Number(lastInsertRowid);
  statement(db, 'INSERT INTO file_scans (file_id, status, signature, attempts, updated_at) VALUES (?, ?, NULL, 0, ?)').run(
    id,
    file.scanStatus,
    file.createdAt,
  );
  return { ...file, id };
}

const SELECT_FILE = 'SELECT f.*, s.status AS scan_status FROM files f LEFT JOIN file_scans s ON s.file_id = f.id';

/** A profile's files, newest first. */
export function listFiles(db: Db, practiceId: number, profileId: number): StoredFile[] {
  return statement<[number, number], FileDbRow>(db, `${SELECT_FILE} WHERE f.practice_id = ? AND f.profile_id = ? ORDER BY f.id DESC`)
    .all(practiceId, profileId)
    .map(fileFromRow);
}

/** One file of one profile: another profile's (or practice's) file id finds nothing (R41, R50). */
export function findFile(db: Db, practiceId: number, profileId: number, fileId: number): StoredFile | undefined {
  const row = statement<[number, number, number], FileDbRow>(
    db,
    `${SELECT_FILE} WHERE f.id = ? AND f.practice_id = ? AND f.profile_id = ?`,
  ).get(fileId, practiceId, profileId);
  return row && fileFromRow(row);
}

/** Whether a name in the store belongs to a file row (the sweeper's orphan check). */
export function isStoredName(db: Db, storageName: string): boolean {
  return statement<[string], number>(db, 'SELECT 1 FROM files WHERE storage_name = ?').pluck().get(storageName) !== undefined;
}

/** Files waiting for the scanner (R52), oldest first; a file without a scan row counts as waiting. */
export function pendingScanFiles(db: Db, afterId: number, limit: number): StoredFile[] {
  return statement<[number, number], FileDbRow>(
    db,
    `${SELECT_FILE} WHERE f.id > ? AND (s.status IS NULL OR s.status = 'pending_scan') ORDER BY f.id LIMIT ?`,
  )
    .all(afterId, limit)
    .map(fileFromRow);
}

/** Records a scan verdict for a file that is still pending; false when it was not pending any more. */
export function recordScanVerdict(db: Db, fileId: number, verdict: { status: 'clean' | 'infected'; signature?: string }, at: number): boolean {
  const signature = verdict.signature?.slice(0, 200) ?? null;
  const updated = statement(
    db,
    `UPDATE file_scans SET status = ?, signature = ?, updated_at = ? WHERE file_id = ? AND status = 'pending_scan'`,
  ).run(verdict.status, signature, at, fileId);
  if (updated.changes > 0) return true;
  const inserted = statement(
    db,
    `INSERT INTO file_scans (file_id, status, signature, attempts, updated_at)
     SELECT ?, ?, ?, 0, ? WHERE NOT EXISTS (SELECT 1 FROM file_scans WHERE file_id = ?)`,
  ).run(fileId, verdict.status, signature, at, fileId);
  return inserted.changes > 0;
}

/** Counts a failed scan attempt (the scanner was down or answered with an error); the file stays pending. */
export function recordScanAttempt(db: Db, fileId: number, at: number): void {
  statement(db, `UPDATE file_scans SET attempts = attempts + 1, updated_at = ? WHERE file_id = ? AND status = 'pending_scan'`).run(at, fileId);
}
