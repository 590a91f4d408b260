import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { FileItem } from '../../src/contract/index.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { transaction } from '../db/transaction.js';
import { deleteUpload, insertFile, type StoredFile, type UploadRow } from '../repos/files.js';
import type { ClientActor } from '../request/actor.js';
import { audit } from '../request/audit.js';
import { checkContent } from './content-check.js';
import { mediaTypeOf } from './file-types.js';
import type { HashingFileStore } from './hashing-store.js';
import { UploadRefusal } from './refusal.js';
import type { UploadSettings } from './settings.js';
import { newRandomName, syncDir, syncFile, writeFileDurably, type FileStorage } from './storage.js';
import { emitFileUploaded } from '../events/file-event.js';

export interface FileDeps {
  db: Db;
  clock: Clock;
  storage: FileStorage;
  store: HashingFileStore;
  settings: UploadSettings;
}

export function fileItem(file: StoredFile): FileItem {
  return {
    id: file.id,
    name: file.fileName,
    type: file.fileType,
    mediaType: mediaTypeOf(file.fileType),
    sizeBytes: file.sizeBytes,
    sha256: file.sha256,
    uploadedAt: new Date(file.createdAt).toISOString(),
    status: file.scanStatus,
  };
}

/**
 * Turns a complete upload into a stored file (R47, R53, R56), or refuses it leaving nothing:
 * 1. the content must match the type (content-check.ts); JPEG/PNG come back without metadata;
 * 2. the bytes to keep are flushed to disk: a rewritten image is written to `tmp/` (hashed
 *    there), anything else is the partial file itself (hashed while it was uploaded, by the
 *    store's background hasher);
 * 3. renamed into `store/` under a fresh random name, and the folder flushed;
 * 4. one transaction inserts the file row and its scan row (`pending_scan`, or `unscanned` with
 *    UPLOAD_SCAN=off; scan-queue.ts takes it from there, R52), deletes the upload row and
 *    audits `upload_stored`.
 * Any failure, refusal or not, removes the partial, temp and stored bytes and the upload row:
 * the client starts that file again (a tus client re-creates an upload whose HEAD is 404).
 * A crash between 3 and 4 leaves a stored file without a row, which the sweeper removes.
 */
export async function commitUpload(deps: FileDeps, actor: ClientActor, upload: UploadRow): Promise<FileItem> {
  const { db, clock, storage, store, settings } = deps;
  const partial = storage.partialPath(upload.id);
  const storageName = newRandomName();
  const tmp = storage.tmpPath(storageName);
  const target = storage.storedPath(storageName);
  try {
    const verdict = await checkContent(partial, upload.fileType, upload.sizeBytes, settings.maxImagePixels);
    if (!verdict.ok) throw new UploadRefusal(verdict.code);

    let sha256: string;
    let sizeBytes: number;
    if (verdict.image) {
      sha256 = createHash('sha256').update(verdict.image.bytes).digest('hex');
      sizeBytes = verdict.image.bytes.length;
      await writeFileDurably(tmp, verdict.image.bytes);
      await rename(tmp, target);
      await rm(partial, { force: true });
    } else {
      sha256 = (await store.digest(upload.id, upload.sizeBytes)) ?? (await hashFile(partial));
      sizeBytes = upload.sizeBytes;
      await syncFile(partial);
      await rename(partial, target);
    }
    await syncDir(storage.storeDir);

    const stored = transaction(db, () => {
      const file = insertFile(db, {
        practiceId: upload.practiceId,
        profileId: upload.profileId,
        uploadedBy: upload.accountId,
        uploadId: upload.id,
        storageName,
        fileName: upload.fileName,
        fileType: upload.fileType,
        sizeBytes,
        sha256,
        createdAt: clock.now(),
        // R52: held for the scanner unless the practice releases files unscanned (UPLOAD_SCAN=off).
        scanStatus: settings.scan === 'off' ? 'unscanned' : 'pending_scan',
      });
      deleteUpload(db, upload.id);
      audit(deps, actor, { action: 'upload_stored', outcome: 'success', resourceType: 'file', resourceId: file.id });
      if (file.scanStatus === 'unscanned') emitFileUploaded(deps, file);
      return file;
    });
    store.forget(upload.id);
    // The tus info file is all that is left of the upload; a failure here leaves it to the sweeper.
    await rm(storage.partialInfoPath(upload.id), { force: true }).catch(() => undefined);
    return fileItem(stored);
  } catch (error) {
    await Promise.all([rm(tmp, { force: true }), rm(target, { force: true })]);
    await discardUpload(deps, actor, upload.id, error instanceof UploadRefusal ? `upload_validation_${error.code}` : 'upload_failed');
    throw error;
  }
}

/** Removes an unfinished or refused upload completely (bytes, tus info, row) and audits why. */
export async function discardUpload(
  deps: FileDeps,
  actor: ClientActor,
  uploadId: string,
  action: `upload_${string}`,
): Promise<void> {
  deps.store.forget(uploadId);
  await deps.storage.removePartial(uploadId);
  transaction(deps.db, () => {
    deleteUpload(deps.db, uploadId);
    audit(deps, actor, { action, outcome: action === 'upload_cancelled' ? 'success' : 'failure', resourceType: 'upload', resourceId: uploadId });
  });
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}
