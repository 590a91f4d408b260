import type { FastifyBaseLogger } from 'fastify';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { transaction } from '../db/transaction.js';
import { audit } from '../request/audit.js';
import { allUploads, deleteUpload, findUpload, isStoredName, staleUploadIds } from '../repos/files.js';
import type { FileDeps } from './commit.js';
import { isRandomName } from './storage.js';

export interface SweepReport {
  /** Unfinished uploads idle past `staleAfterMs`: row, bytes and tus info removed. */
  staleUploads: number;
  /** Upload rows whose bytes never got written (a crash right after creation). */
  emptyUploads: number;
  /** Files in `partial/`, `tmp/` or `store/` that no row accounts for. */
  orphanFiles: number;
}

/**
 * Keeps the file storage and the database in step (R56): deletes unfinished uploads nobody
 * touched for a day, and files that belong to no row, left by a crash between two steps of
 * a commit. Something is an orphan only once it is older than `orphanGraceMs`, so a commit or
 * a creation in progress is never mistaken for one; uploads with a request in progress are
 * skipped. Row ages use the app clock, file ages the file system's.
 */
export class FileSweeper {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<SweepReport> | undefined;

  constructor(
    private readonly deps: FileDeps,
    private readonly active: ReadonlySet<string>,
    private readonly log: FastifyBaseLogger,
  ) {}

  start(): void {
    this.#timer ??= setInterval(() => void this.sweep(), this.deps.settings.sweepIntervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** One pass; never throws (a failed pass is logged and the next one tries again). */
  sweep(): Promise<SweepReport> {
    this.#running ??= this.#sweep()
      .catch((err: unknown) => {
        this.log.error({ err }, 'file sweep failed');
        return { staleUploads: 0, emptyUploads: 0, orphanFiles: 0 };
      })
      .finally(() => {
        this.#running = undefined;
      });
    return this.#running;
  }

  async #sweep(): Promise<SweepReport> {
    const { db, clock, storage, store, settings } = this.deps;
    const report: SweepReport = { staleUploads: 0, emptyUploads: 0, orphanFiles: 0 };

    for (const id of staleUploadIds(db, clock.now() - settings.staleAfterMs)) {
      if (this.active.has(id)) continue;
      store.forget(id);
      await storage.removePartial(id);
      this.#dropUpload(id, 'upload_expired');
      report.staleUploads += 1;
    }

    const rowGraceStart = clock.now() - settings.orphanGraceMs;
    for (const upload of allUploads(db)) {
      if (this.active.has(upload.id) || upload.createdAt > rowGraceStart) continue;
      if (!(await exists(storage.partialPath(upload.id))) || !(await exists(storage.partialInfoPath(upload.id)))) {
        await storage.removePartial(upload.id);
        this.#dropUpload(upload.id, 'upload_expired');
        report.emptyUploads += 1;
      }
    }

    const fileGraceStart = Date.now() - settings.orphanGraceMs;
    const orphan = {
      partial: (name: string) => {
        const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : name;
        return !isRandomName(id) || (!this.active.has(id) && findUpload(db, id) === undefined);
      },
      tmp: () => true,
      store: (name: string) => !isRandomName(name) || !isStoredName(db, name),
    };
    for (const [dir, isOrphan] of [
      [storage.partialDir, orphan.partial],
      [storage.tmpDir, orphan.tmp],
      [storage.storeDir, orphan.store],
    ] as const) {
      for (const name of await readdir(dir)) {
        const path = join(dir, name);
        if (!isOrphan(name)) continue;
        const info = await stat(path).catch(() => undefined);
        if (!info || info.mtimeMs > fileGraceStart) continue;
        await rm(path, { force: true, recursive: true });
        report.orphanFiles += 1;
      }
    }
    if (report.staleUploads + report.emptyUploads + report.orphanFiles > 0) this.log.info({ ...report }, 'file sweep');
    return report;
  }

  #dropUpload(id: string, action: 'upload_expired'): void {
    const { db, clock } = this.deps;
    transaction(db, () => {
      const upload = findUpload(db, id);
      if (!upload || !deleteUpload(db, id)) return;
      // No request and no account: the sweeper acts on its own.
      audit({ db, clock }, { practice: { id: upload.practiceId }, meta: null, profile: { id: upload.profileId } }, { action, resourceType: 'upload', resourceId: id });
    });
  }
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}
