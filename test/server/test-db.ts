// Database-only helpers: test files that never build the app import this, not helpers.ts,
// so they skip loading Fastify (each test file is its own process; imports are most of its time).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../server/clock.js';
import { migrate } from '../../server/db/migrate.js';
import { closeDatabase, openDatabase, type Db } from '../../server/db/open.js';
import { seedDemo } from '../../server/seed/demo.js';

/** The demo practice's allowed origins in tests (a production-like one and the local demo site). */
export const LAKESIDE_ORIGIN = 'https://www.lakeside.example';
export const LAKESIDE_DEMO_ORIGIN = 'http://localhost:8080';
/** On the second practice's allow-list (seeded). */
export const HARBOR_ORIGIN = 'https://harbor.example';

/** A temp folder removed by `cleanup()`. */
export function tempDir(prefix = 'portal-test-'): { path: string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export interface TestDb {
  db: Db;
  clock: FakeClock;
  file: string;
  dir: string;
  close(): void;
}

/** A real SQLite file in a temp folder, migrated and (by default) seeded with both demo practices. */
export function createTestDb(options: { seed?: boolean; busyTimeoutMs?: number; clock?: FakeClock } = {}): TestDb {
  const dir = tempDir();
  const clock = options.clock ?? new FakeClock();
  const file = join(dir.path, 'portal.sqlite');
  const db = openDatabase(file, { busyTimeoutMs: options.busyTimeoutMs });
  migrate(db, clock);
  if (options.seed !== false) {
    seedDemo(db, clock, { origins: [LAKESIDE_ORIGIN, LAKESIDE_DEMO_ORIGIN], portalUrl: `${LAKESIDE_DEMO_ORIGIN}/portal.html` });
  }
  return {
    db,
    clock,
    file,
    dir: dir.path,
    close() {
      closeDatabase(db);
      dir.cleanup();
    },
  };
}
