import type { FastifyBaseLogger } from 'fastify';
import { rm } from 'node:fs/promises';
import { transaction } from '../db/transaction.js';
import { pendingScanFiles, recordScanAttempt, recordScanVerdict, type StoredFile } from '../repos/files.js';
import { audit } from '../request/audit.js';
import { clamdScanFile, ScannerUnavailable, type ClamdTarget, type ScanVerdict } from './clamd.js';
import type { FileDeps } from './commit.js';
import { emitFileUploaded } from '../events/file-event.js';

const BATCH = 50;

export type ScanFile = (target: ClamdTarget, path: string, timeoutMs: number) => Promise<ScanVerdict>;

/**
 * Scans stored files that are `pending_scan` with clamd (R52) and releases or quarantines
 * them. A pass takes every pending file in id order; it runs after each commit (`kick`), once
 * when the app is ready, and every `scanRetryMs`, so files stored while clamd was down are
 * scanned once it is back. Fail closed: a file leaves `pending_scan` only with a verdict.
 * - clean: the status becomes `clean` and `upload_scan_clean` is audited;
 * - infected: the status becomes `infected` (never served), `upload_infected` is audited with
 *   outcome failure, then the bytes are deleted;
 * - clamd unreachable, timing out or answering an error: the attempt is counted, an alert is
 *   logged (`alert: 'malware_scanner_unavailable'`) and the pass stops until the next retry.
 */
export class ScanQueue {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;

  constructor(
    private readonly deps: FileDeps,
    private readonly target: ClamdTarget,
    private readonly log: FastifyBaseLogger,
    private readonly scanFile: ScanFile = clamdScanFile,
  ) {}

  start(): void {
    this.#timer ??= setInterval(() => void this.kick(), this.deps.settings.scanRetryMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#again = false;
    this.#stopped = true;
    await this.#running;
  }

  /** Asks for a pass; resolves when a pass that started after this call has finished. Never throws. */
  kick(): Promise<void> {
    // After stop (the app closing, its database next) nothing new starts.
    if (this.#stopped) return Promise.resolve();
    this.#again = true;
    this.#running ??= this.#drain().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #drain(): Promise<void> {
    while (this.#again) {
      this.#again = false;
      try {
        await this.#pass();
      } catch (err) {
        this.log.error({ err }, 'malware scan pass failed');
      }
    }
  }

  async #pass(): Promise<void> {
    const { db, clock, storage, settings } = this.deps;
    let afterId = 0;
    for (;;) {
      const files = pendingScanFiles(db, afterId, BATCH);
      if (files.length === 0) return;
      for (const file of files) {
        if (this.#stopped) return;
        afterId = file.id;
        let verdict: ScanVerdict;
        try {
          verdict = await this.scanFile(this.target, storage.storedPath(file.storageName), settings.scanTimeoutMs);
        } catch (err) {
          recordScanAttempt(db, file.id, clock.now());
          if (err instanceof ScannerUnavailable) {
            this.log.error({ err, alert: 'malware_scanner_unavailable', fileId: file.id }, 'malware scanner unavailable: files stay pending');
            return;
          }
          this.log.error({ err, fileId: file.id }, 'malware scan failed: the file stays pending');
          continue;
        }
        await this.#record(file, verdict);
      }
    }
  }

  async #record(file: StoredFile, verdict: ScanVerdict): Promise<void> {
    const { db, clock, storage } = this.deps;
    const source = { practice: { id: file.practiceId }, meta: null, accountId: file.uploadedBy, profile: { id: file.profileId } };
    const recorded = transaction(db, () => {
      const changed = recordScanVerdict(
        db,
        file.id,
        verdict.infected ? { status: 'infected', signature: verdict.signature } : { status: 'clean' },
        clock.now(),
      );
      if (changed) {
        audit({ db, clock }, source, {
          action: verdict.infected ? 'upload_infected' : 'upload_scan_clean',
          outcome: verdict.infected ? 'failure' : 'success',
          resourceType: 'file',
          resourceId: file.id,
        });
        if (!verdict.infected) emitFileUploaded({ db, clock }, file);
      }
      return changed;
    });
    if (recorded && verdict.infected) {
      this.log.warn({ fileId: file.id, signature: verdict.signature, alert: 'malware_found' }, 'malware found in an upload: quarantined');
      await rm(storage.storedPath(file.storageName), { force: true });
    }
  }
}
