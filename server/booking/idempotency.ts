import { createHash } from 'node:crypto';
import type { Db } from '../db/open.js';
import { findIdempotentAnswer, storeIdempotentAnswer } from '../repos/booking-idempotency.js';
import { idempotencyKeyReused } from './errors.js';

/** What a write answered, or answers again for a retry with the same key. */
export interface Answer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** An `Idempotency-Key` as one account sent it, with the fingerprint of its request. */
export interface IdempotencyKey {
  accountId: number;
  key: string | undefined;
  hash: string;
}

/** The fingerprint of a request: the route, the profile and the parsed body, so a retry matches however it is spelled. */
export function requestHash(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts), 'utf8').digest('hex');
}

/**
 * The answer a key already got (F5), to send again instead of running the write: same key
 * and request → that answer; same key, another request → 422. Call first thing in the
 * write's transaction, so concurrent retries see each other.
 */
export function replay<T>(db: Db, now: number, key: IdempotencyKey): Answer<T> | undefined {
  if (key.key === undefined) return undefined;
  const stored = findIdempotentAnswer(db, key.accountId, key.key, now);
  if (!stored) return undefined;
  if (stored.requestHash !== key.hash) throw idempotencyKeyReused();
  return { status: stored.status, body: stored.body as T, replayed: true };
}

/**
 * Keeps a successful answer for its key, in the write's transaction. Refused attempts are
 * not kept: they changed nothing, so trying again is safe.
 */
export function remember<T>(db: Db, now: number, key: IdempotencyKey, status: number, body: T): Answer<T> {
  if (key.key !== undefined) storeIdempotentAnswer(db, key.accountId, key.key, now, { requestHash: key.hash, status, body });
  return { status, body, replayed: false };
}
