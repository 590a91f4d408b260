import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../clock.js';
import type { Db } from './open.js';
import { transaction } from './transaction.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const FILE_NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** The numbered migrations `NNN_name.sql` in order; a gap or a duplicate number is a bug. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (!match) throw new Error(`Migration file "${file}" must be named NNN_name.sql.`);
      const sql = readFileSync(`${dir}/${file}`, 'utf8');
      return {
        version: Number(match[1]),
        name: match[2],
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 001, 002, … without gaps; found ${m.version}.`);
  });
  return migrations;
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, each in its own
 * transaction, and returns the versions applied now. Safe to run at every start and from
 * two processes at once (the write lock serialises them; the second finds nothing to do).
 * An applied migration whose file changed since is refused: edit by adding a new one.
 */
export function migrate(db: Db, clock: Clock, migrations: Migration[] = loadMigrations()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    checksum   TEXT    NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const applied: number[] = [];
  for (const migration of migrations) {
    transaction(db, () => {
      const existing = db
        .prepare('SELECT checksum FROM schema_migrations WHERE version = ?')
        .get(migration.version) as { checksum: string } | undefined;
      if (existing) {
        if (existing.checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.version} (${migration.name}) changed after it was applied.`);
        }
        return;
      }
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)').run(
        migration.version,
        migration.name,
        migration.checksum,
        clock.now(),
      );
      applied.push(migration.version);
    });
  }
  return applied;
}

/** The highest applied version, or 0 on an empty database. */
export function schemaVersion(db: Db): number {
  const row = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!row) return 0;
  return (db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
}
