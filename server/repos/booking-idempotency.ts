import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';

/** How long a key is remembered (as Stripe does): a retry later than this is a new request. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60_000;

export interface StoredAnswer {
  requestHash: string;
  status: number;
  body: unknown;
}

export function findIdempotentAnswer(db: Db, accountId: number, key: string, now: number): StoredAnswer | undefined {
  const row = statement<[number, string, number], { request_hash: string; response_status: number; response_body: string }>(
    db,
    `SELECT request_hash, response_status, response_body FROM booking_idempotency_keys
     WHERE account_id = ? AND idempotency_key = ? AND created_at > ?`,
  ).get(accountId, key, now - IDEMPOTENCY_KEY_TTL_MS);
  return row && { requestHash: row.request_hash, status: row.response_status, body: JSON.parse(row.response_body) as unknown };
}

/** Keeps the answer to a key, replacing an expired one; call in the transaction of the change. */
export function storeIdempotentAnswer(db: Db, accountId: number, key: string, now: number, answer: StoredAnswer): void {
  statement(db, 'DELETE FROM booking_idempotency_keys WHERE created_at <= ?').run(now - IDEMPOTENCY_KEY_TTL_MS);
  statement(
    db,
    `INSERT INTO booking_idempotency_keys (account_id, idempotency_key, request_hash, response_status, response_body, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(accountId, key, answer.requestHash, answer.status, JSON.stringify(answer.body), now);
}
