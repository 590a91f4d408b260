/**
 * `npm start`: the reference endpoint on SQLite with the seeded demo practice, the demo
 * website on a second origin, and the development outbox. Also `startDev()` for e2e tests
 * (ports 0 = ephemeral).
 */
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { systemClock, type Clock } from './clock.js';
import { readServerConfig } from './config.js';
import type { Db } from './db/open.js';
import { buildDemoSite } from './demo-site.js';
import { buildDemoProcessor } from './payments/demo-processor.js';
import { findPracticeBySlug } from './repos/practices.js';
import { setPaymentSettings } from './repos/payment-cards.js';
import { createEndpointRuntime } from './runtime.js';
import { DEMO_ACCOUNTS, DEMO_PRACTICE_SLUG, pointDemoPracticeAtSite, seedDemo } from './seed/demo.js';
import { DEMO_STAFF } from './seed/demo-staff.js';
import { closeOnSignals } from './shutdown.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEMO_DIR = `${REPO_ROOT}demo`;
const DIST_DIR = `${REPO_ROOT}dist`;

export interface StartDevOptions {
  /** The demo site's port (default PORT or 8080; 0 = ephemeral). */
  port?: number;
  /** The endpoint's port (default ENDPOINT_PORT or 8081; 0 = ephemeral). */
  endpointPort?: number;
  /** The demo card processor's port, a third origin (default PAYMENT_PORT or 8790, or ephemeral when `endpointPort` is 0). */
  paymentPort?: number;
  /** Interface to bind (default HOST or `localhost`, which Fastify binds on every loopback address). */
  host?: string;
  /** Where the SQLite database lives (default DATA_DIR or `.data/`). */
  dataDir?: string;
  /** No banner, and only errors in the logs. */
  quiet?: boolean;
  clock?: Clock;
}

export interface DevServer {
  /** The demo website, e.g. http://localhost:8080 (no trailing slash). */
  demoUrl: string;
  /** The demo practice's endpoint URL, e.g. http://localhost:8081/p/lakeside. */
  endpointUrl: string;
  /** e.g. http://localhost:8081. */
  endpointOrigin: string;
  /** The demo card processor (the payment iframe's origin), e.g. http://localhost:8790. */
  paymentOrigin: string;
  adminToken: string;
  db: Db;
  clock: Clock;
  /** Stops both servers and the mail worker, and closes the database. */
  close(): Promise<void>;
}

/** The name to put in URLs for a bind address: loopback and wildcard binds are reached as localhost. */
function hostForUrls(host: string): string {
  return ['localhost', '127.0.0.1', '::1', '0.0.0.0', '::'].includes(host) ? 'localhost' : host;
}

function boundPort(server: FastifyInstance): number {
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('The server is not listening on a TCP port.');
  return address.port;
}

export async function startDev(options: StartDevOptions = {}): Promise<DevServer> {
  const env = readServerConfig(process.env, 'development');
  const config = {
    ...env,
    mode: 'development' as const,
    demoPort: options.port ?? env.demoPort,
    endpointPort: options.endpointPort ?? env.endpointPort,
    host: options.host ?? env.host,
    dataDir: options.dataDir ?? env.dataDir,
  };
  const clock = options.clock ?? systemClock;
  const logger = { level: options.quiet ? 'error' : config.logLevel };
  const urlHost = hostForUrls(config.host);

  const runtime = await createEndpointRuntime({
    config,
    clock,
    logger,
    // Snappy enough that an e2e test finds its sign-in email at once.
    mailPollIntervalMs: 200,
    // An empty database gets the demo data; origins and portal URL are set once the demo site listens.
    prepare: (db) => seedDemo(db, clock, { origins: [], portalUrl: null }),
  });

  let demoSite: FastifyInstance | undefined;
  let processor: FastifyInstance | undefined;
  try {
    await runtime.app.listen({ port: config.endpointPort, host: config.host });
    const endpointOrigin = `http://${urlHost}:${boundPort(runtime.app)}`;
    const endpointBase = config.publicEndpointUrl ?? endpointOrigin;
    const endpointUrl = `${endpointBase}/p/${DEMO_PRACTICE_SLUG}`;

    demoSite = await buildDemoSite({
      demoDir: DEMO_DIR,
      distDir: DIST_DIR,
      endpointUrl,
      endpointOrigin: new URL(endpointBase).origin,
      adminToken: config.adminToken,
      logger,
    });
    await demoSite.listen({ port: config.demoPort, host: config.host });
    const demoPort = boundPort(demoSite);
    const demoUrl = `http://${urlHost}:${demoPort}`;
    const demoOrigins =
      urlHost === 'localhost' ? [`http://localhost:${demoPort}`, `http://127.0.0.1:${demoPort}`] : [demoUrl];
    pointDemoPracticeAtSite(runtime.db, clock, { origins: demoOrigins, portalUrl: `${demoUrl}/portal.html`, consoleUrl: `${demoUrl}/console.html` });

    // The demo card processor on its own origin; the card-entry page may be embedded only by the demo site.
    processor = buildDemoProcessor({ allowedParentOrigins: () => demoOrigins, logger }).app;
    const paymentPort = options.paymentPort ?? (options.endpointPort === 0 ? 0 : Number(process.env.PAYMENT_PORT ?? 8790));
    await processor.listen({ port: paymentPort, host: config.host });
    const paymentOrigin = `http://${urlHost}:${boundPort(processor)}`;
    const lakeside = findPracticeBySlug(runtime.db, DEMO_PRACTICE_SLUG);
    if (lakeside) setPaymentSettings(runtime.db, clock, lakeside.id, { processorOrigin: paymentOrigin, pageUrl: `${paymentOrigin}/card-entry` });
    runtime.worker.start();

    const site = demoSite;
    const payments = processor;
    let closing: Promise<void> | undefined;
    return {
      demoUrl,
      endpointUrl,
      endpointOrigin: new URL(endpointBase).origin,
      paymentOrigin,
      adminToken: config.adminToken,
      db: runtime.db,
      clock,
      close: () => (closing ??= Promise.all([site.close(), payments.close(), runtime.close()]).then(() => undefined)),
    };
  } catch (err) {
    await demoSite?.close();
    await processor?.close();
    await runtime.close();
    throw err;
  }
}

function banner(dev: DevServer, mailKind: string, dataDir: string): string {
  const endpointOrigin = dev.endpointOrigin;
  const rows: [string, string][] = [
    ['Demo site', `${dev.demoUrl}/`],
    ['Client portal page', `${dev.demoUrl}/portal.html`],
    ['Clinician console', `${dev.demoUrl}/console.html`],
    ['Portal endpoint', dev.endpointUrl],
    ['Outbox (sent emails)', `${endpointOrigin}/dev/outbox`],
    ['OpenAPI document', `${endpointOrigin}/openapi.json`],
    ['Health', `${endpointOrigin}/healthz`],
    ['Demo card processor', `${dev.paymentOrigin}/card-entry (test card 4242 4242 4242 4242)`],
    ['Admin token', dev.adminToken],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const accountWidth = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
  return [
    '',
    'Client portal demo is running.',
    '',
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    '',
    'Demo accounts (request a sign-in link, then open it from the outbox):',
    ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(accountWidth)}  ${a.about}`),
    '',
    `PINs: the office issues them with POST ${dev.endpointUrl}/admin/pins {"email": …} and the admin token.`,
    '',
    'Demo staff (console sign-in by link, from the outbox too):',
    ...DEMO_STAFF[DEMO_PRACTICE_SLUG].map((m) => `  ${m.email.padEnd(accountWidth)}  ${m.role}${m.language === 'es' ? ', Spanish' : ''}`),
    '',
    `Data: ${dataDir}   Mail: ${mailKind === 'smtp' ? 'SMTP (SMTP_URL)' : 'development outbox only (set SMTP_URL to send)'}`,
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  process.umask(0o077); // as in main.ts: everything created is owner-only
  const dataDir = readServerConfig(process.env, 'development').dataDir;
  if (!existsSync(`${DIST_DIR}/portal-widgets.js`)) {
    console.warn('dist/portal-widgets.js is missing: run `npm run build:bundle` (npm start does) for working widgets.');
  }
  // `--seed demo` is accepted for symmetry with main.ts; development seeds an empty database anyway.
  startDev().then(
    (dev) => {
      process.stdout.write(banner(dev, process.env.SMTP_URL ? 'smtp' : 'development', dataDir));
      closeOnSignals(dev.close, (message) => console.log(message));
    },
    (err: unknown) => {
      console.error('Could not start the development servers:', err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
