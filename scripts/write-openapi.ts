/**
 * Writes docs/openapi.json from the route schemas (the app built on an in-memory database).
 * `--check` writes nothing and exits 1 when the committed file differs: run it in CI so the
 * document never drifts from the code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../server/app.js';
import { systemClock } from '../server/clock.js';
import { DEFAULT_BODY_LIMIT_BYTES, DEFAULT_RATE_LIMIT } from '../server/config.js';
import { migrate } from '../server/db/migrate.js';
import { closeDatabase, openDatabase } from '../server/db/open.js';
import { openApiDocument } from '../server/plugins/openapi.js';

export const OPENAPI_FILE = fileURLToPath(new URL('../docs/openapi.json', import.meta.url));

/** The OpenAPI document as it should be committed: stable key order, two-space JSON, final newline. */
export async function renderOpenApi(): Promise<string> {
  const db = openDatabase(':memory:');
  try {
    migrate(db, systemClock);
    const app = await buildApp({
      db,
      clock: systemClock,
      // Production mode: development-only routes are hidden from the document either way.
      config: {
        mode: 'production',
        adminToken: 'x'.repeat(64),
        bodyLimitBytes: DEFAULT_BODY_LIMIT_BYTES,
        rateLimit: { ...DEFAULT_RATE_LIMIT },
        trustProxy: false,
      },
      logger: false,
    });
    await app.ready();
    const text = `${JSON.stringify(openApiDocument(app), null, 2)}\n`;
    await app.close();
    return text;
  } finally {
    closeDatabase(db);
  }
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const text = await renderOpenApi();
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(OPENAPI_FILE, 'utf8');
    } catch {
      // missing counts as different
    }
    if (committed !== text) {
      console.error('docs/openapi.json is out of date with the route schemas. Run `npm run openapi:write` and commit it.');
      process.exit(1);
    }
    console.log('docs/openapi.json is up to date.');
  } else {
    writeFileSync(OPENAPI_FILE, text);
    console.log('Wrote docs/openapi.json.');
  }
}
