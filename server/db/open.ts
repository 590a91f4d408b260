import Database from 'better-sqlite3';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

export interface OpenOptions {
  /**
   * How long a statement waits for another connection's write lock before SQLITE_BUSY.
   * better-sqlite3 is synchronous, so this wait blocks the event loop: keep it short. Within
   * one process there is one connection, so contention only comes from other processes (a
   * backup, a CLI seed), and the error handler turns BUSY into 503 + Retry-After.
   */
  busyTimeoutMs?: number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 1000;

/**
 * Health information: a folder this creates is 0700 and the database file 0600 (SQLite gives
 * its -wal and -shm files the database file's mode), whatever the process umask. An
 * existing database file is tightened to 0600 too; an existing folder keeps its mode.
 */
function createOwnerOnly(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(path, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

/** Opens (creating if needed, owner-only) the SQLite file with the pragmas every connection needs. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:' && file !== '') createOwnerOnly(file);
  const db = new Database(file);
  // WAL: readers never block the writer and vice versa; NORMAL is durable across app crashes
  // in WAL mode (only an OS crash can lose the last commits), at a fraction of FULL's fsyncs.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
  return db;
}

/** Closes cleanly: a final checkpoint folds the WAL back into the main file. */
export function closeDatabase(db: Db): void {
  if (!db.open) return;
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
