// App helpers for the server tests: the app on a fresh seeded SQLite file in a temp folder.
import { buildApp, type PortalApp } from '../../server/app.js';
import { DEFAULT_BODY_LIMIT_BYTES, type AppConfig } from '../../server/config.js';
import type { Db } from '../../server/db/open.js';
import type { LoggerOption } from '../../server/logging.js';
import { createTestDb, type TestDb } from './test-db.js';

export * from './test-db.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef0123456789abcdef';
/** The PIN pepper in tests: fixed, so an app rebuilt on the same database still checks its PINs. */
export const PIN_PEPPER = 'test-pin-pepper-0123456789abcdef0123456789abcdef';
export const TEST_PIN_SCRYPT_LOG_N = 10;

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    mode: 'development',
    adminToken: ADMIN_TOKEN,
    bodyLimitBytes: DEFAULT_BODY_LIMIT_BYTES,
    rateLimit: { max: 1000, windowMs: 60_000 },
    trustProxy: false,
    pinPepper: PIN_PEPPER,
    // scrypt at 2^10 instead of 2^14 keeps the suite fast; auth-pin.test.ts checks the default.
    pinScryptLogN: TEST_PIN_SCRYPT_LOG_N,
    ...overrides,
  };
}

export interface TestApp extends Omit<TestDb, 'close'> {
  app: PortalApp;
  config: AppConfig;
  /** Closes the app, then the database, then removes the temp folder. */
  close(): Promise<void>;
}

/**
 * The app on a fresh seeded database. `routes` may add test-only routes before the app is
 * ready (to make a handler throw, or to accept a body). Call `close()` in `after`/`finally`.
 */
export async function createTestApp(
  options: {
    config?: Partial<AppConfig>;
    logger?: LoggerOption;
    busyTimeoutMs?: number;
    seed?: boolean;
    routes?: (app: PortalApp, db: Db) => void;
  } = {},
): Promise<TestApp> {
  const testDb = createTestDb({ seed: options.seed, busyTimeoutMs: options.busyTimeoutMs });
  const config = testConfig(options.config);
  const app = await buildApp({ db: testDb.db, clock: testDb.clock, config, logger: options.logger ?? false });
  options.routes?.(app, testDb.db);
  await app.ready();
  return {
    ...testDb,
    app,
    config,
    close: async () => {
      await app.close();
      testDb.close();
    },
  };
}

/** Every header name a response must carry on every API answer (R35). */
export const REQUIRED_SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
} as const;

/** No stack frames, no SQL, no file paths in a body (R39). */
export function assertNoLeak(body: string): void {
  const leaks = [/\bat .+\(.*:\d+:\d+\)/, /\bat file:/, /node_modules/, /\bSELECT\b/i, /\bINSERT\b/i, /SQLITE_/, /\/work\//, /\.ts:\d+/];
  for (const pattern of leaks) {
    if (pattern.test(body)) throw new Error(`Response body leaks internals (${pattern}): ${body}`);
  }
}
