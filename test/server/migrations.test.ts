import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FakeClock } from '../../server/clock.js';
import { loadMigrations, migrate, schemaVersion } from '../../server/db/migrate.js';
import { closeDatabase, openDatabase } from '../../server/db/open.js';
import { tempDir } from './test-db.js';

describe('database and migrations', () => {
  test('a new file gets WAL, foreign keys, busy timeout and NORMAL sync', () => {
    const dir = tempDir();
    const db = openDatabase(join(dir.path, 'nested', 'portal.sqlite'), { busyTimeoutMs: 250 });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
      assert.equal(db.pragma('busy_timeout', { simple: true }), 250);
      assert.equal(db.pragma('synchronous', { simple: true }), 1); // NORMAL
    } finally {
      closeDatabase(db);
      dir.cleanup();
    }
  });

  test('migrations apply once: a second and third run do nothing', () => {
    const dir = tempDir();
    const clock = new FakeClock();
    const file = join(dir.path, 'portal.sqlite');
    try {
      const db = openDatabase(file);
      assert.equal(schemaVersion(db), 0);
      const first = migrate(db, clock);
      assert.deepEqual(first, loadMigrations().map((m) => m.version));
      assert.deepEqual(migrate(db, clock), []);
      closeDatabase(db);
      const reopened = openDatabase(file);
      assert.deepEqual(migrate(reopened, clock), []);
      assert.equal(schemaVersion(reopened), loadMigrations().at(-1)!.version);
      const rows = reopened.prepare('SELECT version, name FROM schema_migrations').all();
      assert.deepEqual(rows, [
        { version: 1, name: 'initial' },
        { version: 2, name: 'passwordless_sign_in' },
        { version: 3, name: 'acting_profile' },
        { version: 4, name: 'booking' },
        { version: 5, name: 'files' },
        { version: 6, name: 'documents' },
        { version: 7, name: 'upload_fingerprint' },
        { version: 8, name: 'email_code' },
        { version: 9, name: 'brand_color' },
        { version: 10, name: 'file_scans' },
        { version: 11, name: 'staff' },
        { version: 12, name: 'events_webhooks' },
      ]);
      assert.equal(reopened.pragma('integrity_check', { simple: true }), 'ok');
      assert.deepEqual(reopened.pragma('foreign_key_check'), []);
      closeDatabase(reopened);
    } finally {
      dir.cleanup();
    }
  });

  test('an applied migration whose file changed is refused', () => {
    const dir = tempDir();
    const clock = new FakeClock();
    const migrations = join(dir.path, 'migrations');
    mkdirSync(migrations);
    writeFileSync(join(migrations, '001_one.sql'), 'CREATE TABLE one (id INTEGER PRIMARY KEY);');
    const db = openDatabase(join(dir.path, 'portal.sqlite'));
    try {
      assert.deepEqual(migrate(db, clock, loadMigrations(migrations)), [1]);
      writeFileSync(join(migrations, '001_one.sql'), 'CREATE TABLE one (id INTEGER PRIMARY KEY, x TEXT);');
      assert.throws(() => migrate(db, clock, loadMigrations(migrations)), /changed after it was applied/);
    } finally {
      closeDatabase(db);
      dir.cleanup();
    }
  });

  test('a failing migration leaves nothing behind', () => {
    const dir = tempDir();
    const clock = new FakeClock();
    const migrations = join(dir.path, 'migrations');
    mkdirSync(migrations);
    writeFileSync(join(migrations, '001_ok.sql'), 'CREATE TABLE ok (id INTEGER PRIMARY KEY);');
    writeFileSync(join(migrations, '002_broken.sql'), 'CREATE TABLE half (id INTEGER PRIMARY KEY); CREATE TABLE oops (;');
    const db = openDatabase(join(dir.path, 'portal.sqlite'));
    try {
      assert.throws(() => migrate(db, clock, loadMigrations(migrations)));
      assert.equal(schemaVersion(db), 1);
      const half = db.prepare("SELECT name FROM sqlite_schema WHERE name = 'half'").get();
      assert.equal(half, undefined, 'the broken migration rolled back as a whole');
    } finally {
      closeDatabase(db);
      dir.cleanup();
    }
  });

  test('migration files must be numbered without gaps', () => {
    const dir = tempDir();
    writeFileSync(join(dir.path, '001_a.sql'), 'SELECT 1;');
    writeFileSync(join(dir.path, '003_c.sql'), 'SELECT 1;');
    try {
      assert.throws(() => loadMigrations(dir.path), /without gaps/);
    } finally {
      dir.cleanup();
    }
  });

  test('008 gives each sign-in link an optional code hash (no plaintext column) and a counter capped at 5', () => {
    const dir = tempDir();
    const db = openDatabase(join(dir.path, 'portal.sqlite'));
    try {
      migrate(db, new FakeClock());
      const columns = db.prepare("SELECT name, type, [notnull] AS required, dflt_value AS dflt FROM pragma_table_info('sign_in_links') WHERE name LIKE 'code%'").all();
      assert.deepEqual(columns, [
        { name: 'code_salt', type: 'BLOB', required: 0, dflt: null },
        { name: 'code_hash', type: 'BLOB', required: 0, dflt: null },
        { name: 'code_kdf', type: 'TEXT', required: 0, dflt: null },
        { name: 'code_attempts', type: 'INTEGER', required: 1, dflt: '0' },
      ]);
      const sql = String(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'sign_in_links'").pluck().get());
      assert.match(sql, /code_attempts INTEGER NOT NULL DEFAULT 0 CHECK \(code_attempts BETWEEN 0 AND 5\)/);
      assert.match(sql, /length\(code_salt\) = 16/);
      assert.match(sql, /length\(code_hash\) = 32/);
    } finally {
      closeDatabase(db);
      dir.cleanup();
    }
  });
});
