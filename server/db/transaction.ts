import type { Db } from './open.js';

/**
 * Runs `fn` in a write transaction that takes the write lock up front (`BEGIN IMMEDIATE`).
 * A deferred transaction that reads first and writes later can fail with SQLITE_BUSY at the
 * upgrade even with a busy timeout (SQLite WAL docs §8); taking the lock first avoids that.
 * `fn` must be synchronous: better-sqlite3 commits when it returns. Nested calls become
 * savepoints of the outer transaction.
 */
export function transaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
