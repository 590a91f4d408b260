import { dirname, join } from 'node:path';
import type { PortalApp } from '../app-types.js';
import type { Clock } from '../clock.js';
import type { Mode } from '../config.js';
import type { Db } from '../db/open.js';
import { resolveUploadSettings, type UploadSettingsInput } from './settings.js';
import { FileStorage } from './storage.js';
import { UploadService } from './upload-service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Uploads and stored files; null when the app has no storage (an in-memory database without UPLOAD_DIR). */
    uploads: UploadService | null;
  }
}

/**
 * Sets up the file storage for the app: folders, the tus server, and the sweeper, which runs
 * once when the app is ready (before it listens) and then every `sweepIntervalMs`. Call once,
 * before the routes.
 */
export function installUploads(app: PortalApp, deps: { db: Db; clock: Clock; mode: Mode; uploads?: UploadSettingsInput }): void {
  const settings = resolveUploadSettings(deps.uploads);
  // R52: fail closed in production; development and tests release files unless they opt in.
  settings.scan ??= deps.mode === 'production' ? 'hold' : 'off';
  if (settings.scan === 'clamd' && !settings.clamd) throw new Error('UPLOAD_SCAN=clamd needs CLAMD_SOCKET, or CLAMD_HOST and CLAMD_PORT.');
  if (settings.scan === 'hold') app.log.warn('UPLOAD_SCAN=hold: uploaded files stay pending (not downloadable) until a malware scanner is configured.');
  const root = settings.storageDir ?? (deps.db.memory ? undefined : join(dirname(deps.db.name), 'files'));
  if (!root) {
    app.decorate('uploads', null);
    return;
  }
  const service = new UploadService({ db: deps.db, clock: deps.clock, storage: new FileStorage(root), settings }, app.log);
  app.decorate('uploads', service);
  app.addHook('onReady', async () => {
    service.open();
    await service.sweeper.sweep();
    service.sweeper.start();
    // Files left pending (scanner down, or stored under `hold`) are scanned now and on every retry.
    void service.scanner?.kick();
    service.scanner?.start();
  });
  app.addHook('onClose', async () => service.close());
}
