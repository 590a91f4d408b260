// `npm run staff:add`: the platform engineer's way to a practice's first owner and console page.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FakeClock } from '../../server/clock.js';
import { migrate } from '../../server/db/migrate.js';
import { closeDatabase, openDatabase } from '../../server/db/open.js';
import { DATABASE_FILE_NAME } from '../../server/runtime.js';
import { seedDemo } from '../../server/seed/demo.js';
import { tempDir } from './test-db.js';

function run(dataDir: string, args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/staff-add.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
  });
}

describe('npm run staff:add', () => {
  test('adds an owner and sets the console page, printing ids only; refuses a bad role, a duplicate and an http page', () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, DATABASE_FILE_NAME);
      const db = openDatabase(file);
      migrate(db, new FakeClock());
      seedDemo(db, new FakeClock(), { origins: [], portalUrl: null });
      closeDatabase(db);

      const added = run(dir.path, ['--practice', 'lakeside', '--email', 'Boss@Lakeside.example', '--name', 'The Boss', '--role', 'owner', '--language', 'es', '--console-url', 'https://lakeside.example/console']);
      assert.equal(added.status, 0, added.stderr);
      assert.match(added.stdout, /Added staff member \d+ \(owner\) to lakeside/);
      assert.doesNotMatch(added.stdout, /boss@|The Boss/i, 'no address or name in the output');

      assert.equal(run(dir.path, ['--practice', 'lakeside', '--email', 'boss@lakeside.example', '--name', 'Again', '--role', 'owner']).status, 2);
      assert.equal(run(dir.path, ['--practice', 'lakeside', '--email', 'x@lakeside.example', '--name', 'X', '--role', 'admin']).status, 2);
      assert.equal(run(dir.path, ['--practice', 'lakeside', '--console-url', 'http://lakeside.example/console']).status, 2);
      assert.equal(run(dir.path, ['--practice', 'nowhere', '--console-url', 'https://x.example/']).status, 2);

      const check = openDatabase(file);
      const row = check.prepare("SELECT role, preferred_language, active FROM staff_members WHERE email = 'boss@lakeside.example'").get();
      assert.deepEqual({ ...(row as object) }, { role: 'owner', preferred_language: 'es', active: 1 });
      assert.equal(check.prepare("SELECT console_url FROM practices WHERE slug = 'lakeside'").pluck().get(), 'https://lakeside.example/console');
      closeDatabase(check);
    } finally {
      dir.cleanup();
    }
  });
});
