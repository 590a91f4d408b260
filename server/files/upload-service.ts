import { Server, type Upload } from '@tus/server';
import type { FastifyBaseLogger } from 'fastify';
import { UPLOAD_FINGERPRINT_PATTERN, type FileItem, type UnfinishedUpload } from '../../src/contract/index.js';
import { transaction } from '../db/transaction.js';
import { stat } from 'node:fs/promises';
import { findUpload, findUploadsByFingerprint, insertUpload, profileUsage, touchUpload, type UploadRow } from '../repos/files.js';
import type { ClientActor } from '../request/actor.js';
import { audit } from '../request/audit.js';
import { commitUpload, discardUpload, type FileDeps } from './commit.js';
import { SNIFF_BYTES } from './content-check.js';
import { normalizeFileName } from './file-name.js';
import { headMatches } from './head-check.js';
import { mediaTypeOf } from './file-types.js';
import { TusStatusError, UploadRefusal, type RefusalCode } from './refusal.js';
import { HashingFileStore } from './hashing-store.js';
import type { UploadSettings } from './settings.js';
import { newRandomName, type FileStorage } from './storage.js';
import { ScanQueue } from './scan-queue.js';
import { FileSweeper } from './sweeper.js';
import { quotaBytesFor } from './upload-policy.js';

const FINGERPRINT = new RegExp(UPLOAD_FINGERPRINT_PATTERN);

/** What one tus request carries through @tus/server's hooks, and what they leave for the answer. */
export interface TusCall {
  actor: ClientActor;
  /** `/p/<practice>/profiles/<id>/uploads`: new uploads' Location is this plus `/<id>`. */
  basePath: string;
  /** The upload the URL names (HEAD, PATCH, DELETE), already checked to belong to the actor. */
  uploadId?: string;
  /** Set when a hook refused the upload: the answer is this code. */
  refusal?: UploadRefusal;
  /** Set when this request completed the upload and it was stored. */
  stored?: FileItem;
  /** An unexpected error inside a hook, for the log (tus itself only keeps a status). */
  failure?: unknown;
}

/** A stand-in for the web `Request` @tus/server reads: method, url, headers, body, and the Node pair. */
export type TusRequest = Request & { readonly call: TusCall };

/**
 * The tus server (@tus/server 2 with the hashing file store) and the checks around it:
 * - creation (`onUploadCreate`): the name's rules and type, `empty_file`, the type's size
 *   limit from the declared Upload-Length, the profile's quota and file count; then the
 *   upload row that makes the upload the actor's (005_files.sql), in one transaction;
 * - completion (`onUploadFinish`): commit.ts (content check, metadata stripping, fsync,
 *   rename, file row). The final PATCH answers 200 with the stored file, not tus's 204.
 * Limits while streaming are tus's own: every PATCH may carry at most the declared length
 * minus the offset, so the store never holds a byte more than was declared.
 */
export class UploadService {
  readonly settings: UploadSettings;
  readonly storage: FileStorage;
  /** Uploads with a request in progress: the sweeper leaves them alone. */
  readonly active = new Set<string>();
  /** Uploads being committed: a second completing request must not commit them twice. */
  readonly #committing = new Set<string>();
  readonly #base: Omit<FileDeps, 'store'>;
  readonly #log: FastifyBaseLogger;
  #open: { deps: FileDeps; tus: Server; sweeper: FileSweeper; scanner: ScanQueue | null } | undefined;

  constructor(base: Omit<FileDeps, 'store'>, log: FastifyBaseLogger) {
    this.#base = base;
    this.settings = base.settings;
    this.storage = base.storage;
    this.#log = log;
  }

  /**
   * Creates the folders, the file store and the tus server; the app calls it once it is
   * ready. Not earlier: @tus/file-store's constructor starts an unawaited mkdir, which must
   * not outlive an app whose build failed (and whose folder a test then removes).
   */
  open(): void {
    if (this.#open) return;
    this.storage.ensure();
    const deps: FileDeps = { ...this.#base, store: new HashingFileStore(this.storage) };
    const tus = new Server({
      // Unused: each request's URLs come from generateUrl and getFileIdFromRequest below.
      path: '/uploads',
      datastore: deps.store,
      namingFunction: () => newRandomName(),
      // A relative Location from the route's own path: never built from Host or X-Forwarded-* (R12).
      generateUrl: (req, { id }) => `${callOf(req).basePath}/${id}`,
      getFileIdFromRequest: (req) => callOf(req).uploadId,
      onUploadCreate: (req, upload) => this.#create(callOf(req), upload),
      onUploadFinish: (req, upload) => this.#finish(callOf(req), upload),
    });
    const { scan, clamd } = this.settings;
    const scanner = scan === 'clamd' && clamd ? new ScanQueue(deps, clamd, this.#log) : null;
    this.#open = { deps, tus, sweeper: new FileSweeper(deps, this.active, this.#log), scanner };
  }

  /** Stops the sweeper and the background hasher (the app's onClose). */
  async close(): Promise<void> {
    const opened = this.#open;
    if (!opened) return;
    await opened.sweeper.stop();
    await opened.scanner?.stop();
    await opened.deps.store.close();
  }

  get deps(): FileDeps {
    return this.#opened().deps;
  }

  get tus(): Server {
    return this.#opened().tus;
  }

  get sweeper(): FileSweeper {
    return this.#opened().sweeper;
  }

  /** The malware scanner's queue (R52); null unless UPLOAD_SCAN=clamd. */
  get scanner(): ScanQueue | null {
    return this.#opened().scanner;
  }

  #opened(): { deps: FileDeps; tus: Server; sweeper: FileSweeper; scanner: ScanQueue | null } {
    if (!this.#open) throw new Error('The upload service is used before the app is ready.');
    return this.#open;
  }

  /**
   * A PATCH stored bytes of an unfinished upload: the upload is active (the sweeper measures
   * staleness from this) and the trail has one `upload_received` event for the request (R36).
   */
  received(actor: ClientActor, uploadId: string): void {
    transaction(this.deps.db, () => {
      touchUpload(this.deps.db, uploadId, this.deps.clock.now());
      audit(this.deps, actor, { action: 'upload_received', outcome: 'success', resourceType: 'upload', resourceId: uploadId });
    });
  }

  /** A HEAD disclosed an upload's state and name: one `sensitive_read` event (R36). */
  inspected(actor: ClientActor, uploadId: string): void {
    audit(this.deps, actor, { action: 'sensitive_read', outcome: 'success', resourceType: 'upload', resourceId: uploadId });
  }

  /** The upload if it belongs to this actor (practice, profile and account); otherwise undefined. */
  ownUpload(actor: ClientActor, uploadId: string): UploadRow | undefined {
    const row = findUpload(this.deps.db, uploadId);
    if (!row) return undefined;
    const mine = row.practiceId === actor.practice.id && row.profileId === actor.profile.id && row.accountId === actor.accountId;
    if (!mine) audit(this.deps, actor, { action: 'authz_fail', outcome: 'failure', resourceType: 'upload', resourceId: uploadId });
    return mine ? row : undefined;
  }

  /**
   * The actor's unfinished uploads with this fingerprint (the widget's, after a reload), with
   * how much of each the server holds: only this practice, profile and account's, never one
   * idle past the sweeper's limit, being completed, or whose bytes are gone. `basePath` is the
   * uploads URL of the profile. Each one found is disclosed: one `sensitive_read` (R36).
   */
  async unfinishedUploads(actor: ClientActor, fingerprint: string, basePath: string): Promise<UnfinishedUpload[]> {
    const { db, clock, settings } = this.deps;
    const owner = { practiceId: actor.practice.id, profileId: actor.profile.id, accountId: actor.accountId };
    const found: UnfinishedUpload[] = [];
    for (const row of findUploadsByFingerprint(db, owner, fingerprint, clock.now() - settings.staleAfterMs)) {
      if (this.#committing.has(row.id)) continue;
      const bytes = await stat(this.storage.partialPath(row.id)).catch(() => undefined);
      if (!bytes || bytes.size >= row.sizeBytes) continue;
      found.push({ url: `${basePath}/${row.id}`, offset: bytes.size, sizeBytes: row.sizeBytes, createdAt: new Date(row.createdAt).toISOString() });
      this.inspected(actor, row.id);
    }
    return found;
  }

  /**
   * After a PATCH that took an unfinished upload from before to past its first SNIFF_BYTES:
   * if those bytes already show the wrong type, the upload is deleted and refused now
   * (head-check.ts) instead of after its last byte.
   */
  async refuseEarly(actor: ClientActor, uploadId: string, from: number, to: number): Promise<UploadRefusal | undefined> {
    if (from >= SNIFF_BYTES || to < SNIFF_BYTES) return undefined;
    const upload = findUpload(this.deps.db, uploadId);
    if (!upload || to >= upload.sizeBytes) return undefined;
    if (await headMatches(this.storage.partialPath(uploadId), upload.fileType)) return undefined;
    await discardUpload(this.deps, actor, uploadId, 'upload_validation_unsupported_type');
    return new UploadRefusal('unsupported_type');
  }

  async #create(call: TusCall, upload: Upload): Promise<{ metadata: Record<string, string> }> {
    const { db, settings } = this.deps;
    const { actor } = call;
    // The route requires Upload-Length, so a deferred length never gets here.
    if (upload.size === undefined) throw new TusStatusError(400, 'Upload-Length is required.\n');
    const size = upload.size;
    const name = normalizeFileName(upload.metadata?.filename);
    if (!name.ok) return this.#refuse(call, name.code);
    if (size === 0) return this.#refuse(call, 'empty_file');
    if (size > settings.maxBytes[name.type]) return this.#refuse(call, 'payload_too_large');
    const fingerprint = upload.metadata?.fingerprint ?? null;
    if (fingerprint !== null && !FINGERPRINT.test(fingerprint)) throw new TusStatusError(400, 'The fingerprint metadata must be 64 lower-case hex characters.\n');

    const refused = transaction(db, (): RefusalCode | undefined => {
      const usage = profileUsage(db, actor.practice.id, actor.profile.id);
      const full = usage.usedBytes + usage.reservedBytes + size > quotaBytesFor(settings, actor.practice);
      if (full || usage.fileCount >= settings.maxFilesPerProfile) return 'quota_exceeded';
      insertUpload(db, {
        id: upload.id,
        practiceId: actor.practice.id,
        profileId: actor.profile.id,
        accountId: actor.accountId,
        fileName: name.name,
        fileType: name.type,
        sizeBytes: size,
        createdAt: this.deps.clock.now(),
        fingerprint,
      });
      audit(this.deps, actor, { action: 'upload_started', outcome: 'success', resourceType: 'upload', resourceId: upload.id });
      return undefined;
    });
    if (refused) return this.#refuse(call, refused);
    // What HEAD echoes back: the sanitized name and the server's type, never the client's.
    return { metadata: { filename: name.name, filetype: mediaTypeOf(name.type) } };
  }

  #refuse(call: TusCall, code: RefusalCode): never {
    audit(this.deps, call.actor, { action: `upload_validation_${code}`, outcome: 'failure', resourceType: 'upload' });
    call.refusal = new UploadRefusal(code);
    throw call.refusal;
  }

  async #finish(call: TusCall, upload: Upload): Promise<{ status_code: number }> {
    if (this.#committing.has(upload.id)) throw new TusStatusError(409, 'The upload is being completed.\n');
    const row = findUpload(this.deps.db, upload.id);
    if (!row) throw new TusStatusError(404, 'Not found.\n');
    this.#committing.add(upload.id);
    try {
      call.stored = await commitUpload(this.deps, call.actor, row);
      void this.scanner?.kick();
      return { status_code: 200 };
    } catch (error) {
      if (error instanceof UploadRefusal) call.refusal = error;
      else call.failure = error;
      throw error;
    } finally {
      this.#committing.delete(upload.id);
    }
  }
}

function callOf(req: Request): TusCall {
  return (req as TusRequest).call;
}
