import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';

/** A PIN is void after this many checks (R20); the table's CHECK holds the same number. */
export const PIN_MAX_ATTEMPTS = 5;

/** One live PIN's hash material, handed out by claimPinAttempt for one comparison. */
export interface PinAttempt {
  id: number;
  salt: Buffer;
  hash: Buffer;
  /** The recipe the hash was made with. */
  kdf: string;
  /** This attempt's number, 1 … PIN_MAX_ATTEMPTS. */
  attempt: number;
}

/** Voids the account's live PIN (R18) and stores the new one's hash. Inside a transaction. */
export function issuePin(
  db: Db,
  now: number,
  input: { practiceId: number; accountId: number; salt: Buffer; hash: Buffer; kdf: string; ttlMs: number },
): { id: number; expiresAt: number; voided: number } {
  if (!db.inTransaction) throw new Error('issuePin must run inside a transaction.');
  const { changes: voided } = statement<[number, number, number]>(
    db,
    `UPDATE sign_in_pins SET voided_at = ?, void_reason = 'reissued'
     WHERE account_id = ? AND practice_id = ? AND used_at IS NULL AND voided_at IS NULL`,
  ).run(now, input.accountId, input.practiceId);
  const expiresAt = now + input.ttlMs;
  const { lastInsertRowid } = statement(
    db,
    `INSERT INTO sign_in_pins (practice_id, account_id, salt, pin_hash, kdf, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(input.practiceId, input.accountId, input.salt, input.hash, input.kdf, now, expiresAt);
  return { id: Number(lastInsertRowid), expiresAt, voided };
}

/**
 * Counts an attempt against the account's live PIN *before* it is compared (R20), in one
 * conditional UPDATE: it succeeds only while the PIN is unused, not void, not expired and has
 * attempts left, so however many guesses race, at most PIN_MAX_ATTEMPTS are ever handed out.
 */
export function claimPinAttempt(db: Db, now: number, practiceId: number, accountId: number): PinAttempt | undefined {
  const row = statement<[number, number, number, number], { id: number; salt: Buffer; pin_hash: Buffer; kdf: string; attempts: number }>(
    db,
    `UPDATE sign_in_pins SET attempts = attempts + 1
     WHERE account_id = ? AND practice_id = ? AND used_at IS NULL AND voided_at IS NULL AND expires_at > ? AND attempts < ?
     RETURNING id, salt, pin_hash, kdf, attempts`,
  ).get(accountId, practiceId, now, PIN_MAX_ATTEMPTS);
  return row && { id: row.id, salt: row.salt, hash: row.pin_hash, kdf: row.kdf, attempt: row.attempts };
}

/** Uses the PIN up once it matched (R18); false when it was used, voided or expired meanwhile. */
export function consumePin(db: Db, now: number, pinId: number): boolean {
  return (
    statement<[number, number, number]>(
      db,
      'UPDATE sign_in_pins SET used_at = ? WHERE id = ? AND used_at IS NULL AND voided_at IS NULL AND expires_at > ?',
    ).run(now, pinId, now).changes === 1
  );
}

/** Voids a PIN whose last attempt failed (R20). */
export function lockPin(db: Db, now: number, pinId: number): boolean {
  return (
    statement<[number, number]>(
      db,
      `UPDATE sign_in_pins SET voided_at = ?, void_reason = 'locked'
       WHERE id = ? AND used_at IS NULL AND voided_at IS NULL`,
    ).run(now, pinId).changes === 1
  );
}

export interface PinRecord {
  id: number;
  attempts: number;
  usedAt: number | null;
  voidedAt: number | null;
  voidReason: 'reissued' | 'locked' | null;
  expiresAt: number;
}

/** The account's PINs, newest first (tests and the console). */
export function listPins(db: Db, practiceId: number, accountId: number): PinRecord[] {
  return statement<[number, number], PinRecord>(
    db,
    `SELECT id, attempts, used_at AS usedAt, voided_at AS voidedAt, void_reason AS voidReason, expires_at AS expiresAt
     FROM sign_in_pins WHERE practice_id = ? AND account_id = ? ORDER BY id DESC`,
  ).all(practiceId, accountId);
}
