import type Database from 'better-sqlite3';
import type { Db } from './open.js';

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A prepared statement for `sql`, compiled once per connection. Repositories call this
 * instead of `db.prepare` so hot routes do not re-parse SQL on every request.
 */
export function statement<Params extends unknown[] | object = unknown[], Row = unknown>(
  db: Db,
  sql: string,
): Database.Statement<Params, Row> {
  let byText = cache.get(db);
  if (!byText) {
    byText = new Map();
    cache.set(db, byText);
  }
  let prepared = byText.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    byText.set(sql, prepared);
  }
  // The cache is keyed by SQL text; the caller states the parameter and row types for it.
  return prepared as unknown as Database.Statement<Params, Row>;
}
