import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import type { ApiKeyScope } from '../office/actor.js';
import { parseStringArray } from './json-columns.js';

export interface ApiKey {
  id: number;
  practiceId: number;
  name: string;
  /** The key's first characters, kept to tell keys apart; not enough to use it. */
  prefix: string;
  scopes: ApiKeyScope[];
  createdBy: number | null;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface ApiKeyRow {
  id: number;
  practice_id: number;
  name: string;
  prefix: string;
  scopes: string;
  created_by: number | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export const API_KEY_COLUMNS = 'id, practice_id, name, prefix, scopes, created_by, created_at, last_used_at, revoked_at';

export const apiKeyFromRow = (r: ApiKeyRow): ApiKey => ({
  id: r.id,
  practiceId: r.practice_id,
  name: r.name,
  prefix: r.prefix,
  scopes: parseStringArray(r.scopes, 'api_keys.scopes') as ApiKeyScope[],
  createdBy: r.created_by,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

/** The key with this token hash, at any practice (the guard tells "another practice's key" from "no key"). */
export function findApiKeyByHash(db: Db, tokenHash: string): ApiKey | undefined {
  const row = statement<[string], ApiKeyRow>(db, `SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE token_hash = ?`).get(tokenHash);
  return row && apiKeyFromRow(row);
}

/** Records that a key was used now, at most once a minute per key so reads stay reads. */
export function markApiKeyUsed(db: Db, now: number, keyId: number): void {
  statement<[number, number, number]>(
    db,
    'UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ? - 60000)',
  ).run(now, keyId, now);
}

export function listApiKeys(db: Db, practiceId: number): ApiKey[] {
  return statement<[number], ApiKeyRow>(db, `SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE practice_id = ? ORDER BY created_at DESC, id DESC`)
    .all(practiceId)
    .map(apiKeyFromRow);
}

export function createApiKey(
  db: Db,
  now: number,
  input: { practiceId: number; name: string; prefix: string; tokenHash: string; scopes: readonly ApiKeyScope[]; createdBy: number | null },
): ApiKey {
  const row = statement<unknown[], ApiKeyRow>(
    db,
    `INSERT INTO api_keys (practice_id, name, prefix, token_hash, scopes, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     RETURNING ${API_KEY_COLUMNS}`,
  ).get(input.practiceId, input.name, input.prefix, input.tokenHash, JSON.stringify(input.scopes), input.createdBy, now)!;
  return apiKeyFromRow(row);
}

export function findApiKey(db: Db, practiceId: number, keyId: number): ApiKey | undefined {
  const row = statement<[number, number], ApiKeyRow>(db, `SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE practice_id = ? AND id = ?`).get(
    practiceId,
    keyId,
  );
  return row && apiKeyFromRow(row);
}

/** Revokes the key (once: a revoked key keeps its first revocation time); true when this call revoked it. */
export function revokeApiKey(db: Db, now: number, practiceId: number, keyId: number): boolean {
  return (
    statement<[number, number, number]>(db, 'UPDATE api_keys SET revoked_at = ? WHERE practice_id = ? AND id = ? AND revoked_at IS NULL').run(
      now,
      practiceId,
      keyId,
    ).changes === 1
  );
}
