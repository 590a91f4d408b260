// Health information on disk is owner-only: folders 0700, files 0600, whatever the umask
// (the tests set the usual 022). R50, ASVS 14.2.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FakeClock } from '../../server/clock.js';
import { readServerConfig, type Mode } from '../../server/config.js';
import { createEndpointRuntime } from '../../server/runtime.js';
import { seedDemo } from '../../server/seed/demo.js';
import { signedIn } from './auth-helpers.js';
import { profileIdOf, uploadFile } from './files-helpers.js';
import { samplePdf } from './files-samples.js';
import { ADMIN_TOKEN, LAKESIDE_ORIGIN, PIN_PEPPER, tempDir } from './helpers.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

function start(dataDir: string, mode: Mode) {
  const clock = new FakeClock();
  const env = mode === 'production' ? { ADMIN_TOKEN, PIN_PEPPER, DATA_DIR: dataDir } : { ADMIN_TOKEN, DATA_DIR: dataDir };
  return createEndpointRuntime({
    config: { ...readServerConfig(env, mode), host: '127.0.0.1', pinScryptLogN: 10 },
    clock,
    logger: false,
    prepare: (db) => seedDemo(db, clock, { origins: [LAKESIDE_ORIGIN], portalUrl: null }),
  });
}

describe('the data folder, database and uploads are owner-only', () => {
  for (const mode of ['production', 'development'] as const) {
    test(`${mode}: data dir 0700; database, -wal and -shm 0600; uploads folders 0700 and a stored upload 0600`, async () => {
      const root = tempDir();
      const dataDir = join(root.path, 'new', 'data'); // created by the server
      const umask = process.umask(0o022); // the usual umask, which would give 0755 and 0644
      try {
        const runtime = await start(dataDir, mode);
        try {
          const token = await signedIn(runtime);
          const { last } = await uploadFile(runtime, token, profileIdOf(runtime.db, 'Alex Morgan'), 'Intake form.pdf', samplePdf());
          assert.equal(last.statusCode, 200, last.body);

          assert.equal(modeOf(join(root.path, 'new')), 0o700, 'a parent folder it created');
          assert.equal(modeOf(dataDir), 0o700, 'DATA_DIR');
          assert.equal(modeOf(runtime.databaseFile), 0o600, 'portal.sqlite');
          for (const suffix of ['-wal', '-shm']) {
            assert.ok(existsSync(runtime.databaseFile + suffix), `${suffix} exists while open`);
            assert.equal(modeOf(runtime.databaseFile + suffix), 0o600, suffix);
          }
          if (mode === 'development') assert.equal(modeOf(join(dataDir, 'pin-pepper')), 0o600, 'pin-pepper');
          const files = join(dataDir, 'files');
          for (const dir of [files, join(files, 'partial'), join(files, 'tmp'), join(files, 'store')]) assert.equal(modeOf(dir), 0o700, dir);
          const stored = readdirSync(join(files, 'store'));
          assert.equal(stored.length, 1);
          assert.equal(modeOf(join(files, 'store', stored[0])), 0o600, 'the stored upload');
        } finally {
          await runtime.close();
        }
      } finally {
        process.umask(umask);
        root.cleanup();
      }
    });
  }

  test('a database file left world-readable by an older version is made 0600 at the next start', async () => {
    const root = tempDir();
    const umask = process.umask(0o022);
    try {
      const first = await start(root.path, 'production');
      const file = first.databaseFile;
      await first.close();
      chmodSync(file, 0o644);
      const second = await start(root.path, 'production');
      try {
        assert.equal(modeOf(file), 0o600);
        assert.equal(modeOf(`${file}-wal`), 0o600);
      } finally {
        await second.close();
      }
    } finally {
      process.umask(umask);
      root.cleanup();
    }
  });
});
