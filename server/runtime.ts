import { join } from 'node:path';
import { buildApp, type PortalApp } from './app.js';
import { loadOrCreateDevPepper } from './auth/pin-hash.js';
import type { Clock } from './clock.js';
import { assertSafeBind, type ServerConfig } from './config.js';
import { migrate } from './db/migrate.js';
import { closeDatabase, openDatabase, type Db } from './db/open.js';
import type { LoggerOption } from './logging.js';
import { createMailTransport } from './mail/transport.js';
import { MailWorker } from './mail/worker.js';
import { WebhookWorker } from './webhooks/worker.js';

export const DATABASE_FILE_NAME = 'portal.sqlite';

/** In-flight requests get this long to finish on shutdown before their sockets are cut. */
export const SHUTDOWN_GRACE_MS = 10_000;

export interface EndpointRuntime {
  app: PortalApp;
  db: Db;
  worker: MailWorker;
  /** Sends the webhook outbox; started with the mail worker. */
  webhookWorker: WebhookWorker;
  mailKind: 'smtp' | 'development';
  databaseFile: string;
  /** Stops accepting, lets in-flight requests finish, stops the mail worker, closes the DB. Idempotent. */
  close(): Promise<void>;
}

/**
 * Everything the endpoint runs on, wired together but not yet listening: the database
 * (migrated), the app, and the mail worker (not yet started). `prepare` runs after the
 * migrations and before the app is built (seeding goes there).
 */
export async function createEndpointRuntime(options: {
  config: ServerConfig;
  clock: Clock;
  logger: LoggerOption;
  mailPollIntervalMs?: number;
  webhookPollIntervalMs?: number;
  prepare?: (db: Db) => void;
}): Promise<EndpointRuntime> {
  const { clock } = options;
  assertSafeBind(options.config); // before anything is created or served
  // Development without PIN_PEPPER: a pepper generated once and kept beside the database.
  const config =
    options.config.pinPepper || options.config.mode !== 'development'
      ? options.config
      : { ...options.config, pinPepper: loadOrCreateDevPepper(options.config.dataDir) };
  const databaseFile = join(config.dataDir, DATABASE_FILE_NAME);
  const db = openDatabase(databaseFile);
  let app: PortalApp;
  try {
    migrate(db, clock);
    options.prepare?.(db);
    app = await buildApp({ db, clock, config, logger: options.logger });
  } catch (err) {
    closeDatabase(db);
    throw err;
  }
  const mail = createMailTransport({ smtpUrl: config.smtpUrl });
  const worker = new MailWorker({
    db,
    clock,
    transport: mail.transport,
    logger: app.log,
    pollIntervalMs: options.mailPollIntervalMs,
    // Production keeps no sign-in token in the database once its email is out (R2).
    redactSentSecrets: config.mode === 'production',
  });
  const webhookWorker = new WebhookWorker({
    db,
    clock,
    logger: app.log,
    pollIntervalMs: options.webhookPollIntervalMs,
    // Production delivers to public addresses only (SSRF); development may call localhost.
    publicAddressesOnly: config.mode === 'production',
  });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const force = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      force.unref();
      try {
        await app.close();
      } finally {
        clearTimeout(force);
        await worker.stop();
        await webhookWorker.stop();
        mail.transport.close?.();
        closeDatabase(db);
      }
    })());

  return { app, db, worker, webhookWorker, mailKind: mail.kind, databaseFile, close };
}
