import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';

export type SignInMethod = 'link' | 'pin';
export type SessionEndReason = 'signed_out' | 'idle_timeout' | 'absolute_timeout' | 'replaced';

export interface Session {
  id: number;
  practiceId: number;
  accountId: number;
  method: SignInMethod;
  idleTimeoutSeconds: number;
  createdAt: number;
  lastSeenAt: number;
  /** Never later than expiresAt. */
  idleExpiresAt: number;
  expiresAt: number;
  endedAt: number | null;
  endReason: SessionEndReason | null;
}

interface SessionRow {
  id: number;
  practice_id: number;
  account_id: number;
  method: SignInMethod;
  idle_timeout_seconds: number;
  created_at: number;
  last_seen_at: number;
  idle_expires_at: number;
  expires_at: number;
  ended_at: number | null;
  end_reason: SessionEndReason | null;
}

const fromRow = (r: SessionRow): Session => ({
  id: r.id,
  practiceId: r.practice_id,
  accountId: r.account_id,
  method: r.method,
  idleTimeoutSeconds: r.idle_timeout_seconds,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  idleExpiresAt: r.idle_expires_at,
  expiresAt: r.expires_at,
  endedAt: r.ended_at,
  endReason: r.end_reason,
});

/** Where a kind of session lives: clients' in `sessions`, staff members' in `staff_sessions`. */
interface SessionTable {
  table: 'sessions' | 'staff_sessions';
  /** The column naming who signed in; read back as `accountId` (for staff: the staff member's id). */
  subject: 'account_id' | 'staff_id';
}

/**
 * The session queries for one kind of session. Clients and staff share the rules (R14, R31,
 * R32, R34, R40) and differ only in the table, so one set of statements serves both.
 */
function sessionStore(t: SessionTable) {
  const COLUMNS = `id, practice_id, ${t.subject} AS account_id, method, idle_timeout_seconds, created_at, last_seen_at, idle_expires_at, expires_at, ended_at, end_reason`;

  function createSession(
    db: Db,
    now: number,
    input: {
      practiceId: number;
      accountId: number;
      tokenHash: string;
      method: SignInMethod;
      idleTimeoutSeconds: number;
      absoluteTimeoutSeconds: number;
    },
  ): Session {
    const expiresAt = now + input.absoluteTimeoutSeconds * 1000;
    const idleExpiresAt = Math.min(now + input.idleTimeoutSeconds * 1000, expiresAt);
    const row = statement<unknown[], SessionRow>(
      db,
      `INSERT INTO ${t.table} (practice_id, ${t.subject}, token_hash, method, idle_timeout_seconds,
         created_at, last_seen_at, idle_expires_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       RETURNING ${COLUMNS}`,
    ).get(input.practiceId, input.accountId, input.tokenHash, input.method, input.idleTimeoutSeconds, now, now, idleExpiresAt, expiresAt)!;
    return fromRow(row);
  }

  /**
   * The authenticated-request step (R31, R32), in one conditional UPDATE: when the session of
   * this token exists at this practice, has not ended and has passed neither its idle nor its
   * absolute deadline, its idle deadline restarts from now (capped at the absolute one) and
   * the refreshed session is returned; otherwise nothing changes and undefined comes back.
   */
  function touchSession(db: Db, now: number, practiceId: number, tokenHash: string): Session | undefined {
    const row = statement<[{ now: number; hash: string; practiceId: number }], SessionRow>(
      db,
      `UPDATE ${t.table} SET last_seen_at = @now, idle_expires_at = min(@now + idle_timeout_seconds * 1000, expires_at)
       WHERE token_hash = @hash AND practice_id = @practiceId AND ended_at IS NULL
         AND idle_expires_at > @now AND expires_at > @now
       RETURNING ${COLUMNS}`,
    ).get({ now, hash: tokenHash, practiceId });
    return row && fromRow(row);
  }

  function findSession(db: Db, practiceId: number, tokenHash: string): Session | undefined {
    const row = statement<[string, number], SessionRow>(
      db,
      `SELECT ${COLUMNS} FROM ${t.table} WHERE token_hash = ? AND practice_id = ?`,
    ).get(tokenHash, practiceId);
    return row && fromRow(row);
  }

  /** Ends a live session (R34); false when it had already ended. */
  function endSession(db: Db, now: number, sessionId: number, reason: SessionEndReason): boolean {
    return (
      statement<[number, SessionEndReason, number]>(
        db,
        `UPDATE ${t.table} SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL`,
      ).run(now, reason, sessionId).changes === 1
    );
  }

  /**
   * The account's live sessions at this practice beyond the newest `keep`, oldest first: what a
   * new sign-in ends so that no account holds more than the documented number at once (R40).
   * Sessions past their deadlines but not yet marked ended count as ended.
   */
  function liveSessionsBeyond(db: Db, now: number, practiceId: number, accountId: number, keep: number): Session[] {
    return statement<[{ practiceId: number; accountId: number; now: number; keep: number }], SessionRow>(
      db,
      `SELECT ${COLUMNS} FROM ${t.table}
       WHERE practice_id = @practiceId AND ${t.subject} = @accountId AND ended_at IS NULL
         AND idle_expires_at > @now AND expires_at > @now
       ORDER BY created_at DESC, id DESC LIMIT -1 OFFSET @keep`,
    )
      .all({ practiceId, accountId, now, keep })
      .map(fromRow)
      .reverse();
  }

  return { createSession, touchSession, findSession, endSession, liveSessionsBeyond };
}

export type SessionStore = ReturnType<typeof sessionStore>;

/** Clients' sessions. */
export const { createSession, touchSession, findSession, endSession, liveSessionsBeyond } = sessionStore({ table: 'sessions', subject: 'account_id' });

/** Staff members' console sessions; `accountId` is the staff member's id. */
export const staffSessions: SessionStore = sessionStore({ table: 'staff_sessions', subject: 'staff_id' });

/** The session with this token hash at whatever practice, for telling "another practice's" from "unknown" (office routes answer 404 for the former). */
export function findStaffSessionAnywhere(db: Db, tokenHash: string): Session | undefined {
  const row = statement<[string], SessionRow>(
    db,
    `SELECT id, practice_id, staff_id AS account_id, method, idle_timeout_seconds, created_at, last_seen_at, idle_expires_at, expires_at, ended_at, end_reason
     FROM staff_sessions WHERE token_hash = ?`,
  ).get(tokenHash);
  return row && fromRow(row);
}

/** Why a session that touchSession refused is over, or undefined when it is simply unknown or signed out. */
export function expiryReason(session: Session, now: number): 'idle_timeout' | 'absolute_timeout' | undefined {
  if (session.endedAt !== null) {
    return session.endReason === 'idle_timeout' || session.endReason === 'absolute_timeout' ? session.endReason : undefined;
  }
  if (now >= session.expiresAt) return 'absolute_timeout';
  if (now >= session.idleExpiresAt) return 'idle_timeout';
  return undefined;
}
