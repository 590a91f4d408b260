import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import type { SecretAttempt } from '../auth/secret-check.js';

/**
 * The six-digit code in a sign-in email (R16) lives on its link's row (migration 008): it
 * is live exactly while the link is (unused, not superseded, not expired) and has attempts
 * left. A code is void after this many checks (R20); the column's CHECK holds the same number.
 */
export const CODE_MAX_ATTEMPTS = 5;

/** Where a kind of sign-in link (and so its code) lives: clients' or staff members'. */
interface CodeTable {
  table: 'sign_in_links' | 'staff_sign_in_links';
  subject: 'account_id' | 'staff_id';
}

/** The code queries for one kind of link; clients and staff share the rules (R16, R20). */
function codeStore(t: CodeTable) {
  /**
   * Counts an attempt against the account's live code *before* it is compared (R20), in one
   * conditional UPDATE, so however many guesses race, at most CODE_MAX_ATTEMPTS are handed out.
   * Only the newest link can be live (R6), so this is the newest email's code.
   */
  function claimCodeAttempt(db: Db, now: number, practiceId: number, accountId: number): SecretAttempt | undefined {
    const row = statement<[number, number, number, number], { id: number; code_salt: Buffer; code_hash: Buffer; code_kdf: string; code_attempts: number }>(
      db,
      `UPDATE ${t.table} SET code_attempts = code_attempts + 1
       WHERE ${t.subject} = ? AND practice_id = ? AND used_at IS NULL AND superseded_at IS NULL AND expires_at > ?
         AND code_hash IS NOT NULL AND code_attempts < ?
       RETURNING id, code_salt, code_hash, code_kdf, code_attempts`,
    ).get(accountId, practiceId, now, CODE_MAX_ATTEMPTS);
    return row && { id: row.id, salt: row.code_salt, hash: row.code_hash, kdf: row.code_kdf, attempt: row.code_attempts };
  }

  /** Uses the link up through its code (so the link stops working too); false when it was used, superseded or expired meanwhile. */
  function consumeByCode(db: Db, now: number, linkId: number): boolean {
    return (
      statement<[number, number, number]>(
        db,
        `UPDATE ${t.table} SET used_at = ? WHERE id = ? AND used_at IS NULL AND superseded_at IS NULL AND expires_at > ?`,
      ).run(now, linkId, now).changes === 1
    );
  }

  /** Voids a code whose last attempt failed (R20): its hash is dropped; the link itself keeps working (R23). */
  function lockCode(db: Db, _now: number, linkId: number): void {
    statement<[number]>(db, `UPDATE ${t.table} SET code_salt = NULL, code_hash = NULL, code_kdf = NULL WHERE id = ?`).run(linkId);
  }

  return { claimCodeAttempt, consumeByCode, lockCode };
}

export type CodeStore = ReturnType<typeof codeStore>;

/** Codes in clients' sign-in emails. */
export const { claimCodeAttempt, consumeByCode, lockCode } = codeStore({ table: 'sign_in_links', subject: 'account_id' });

/** Codes in staff members' console sign-in emails; the "account" is the staff member. */
export const staffCodes: CodeStore = codeStore({ table: 'staff_sign_in_links', subject: 'staff_id' });
