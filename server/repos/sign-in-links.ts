import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';

export type LinkKind = 'sign_in' | 'invitation';

/** Why a link cannot be used, in the order they are reported. */
export type LinkState = 'valid' | 'used' | 'superseded' | 'expired';

export interface SignInLink {
  id: number;
  practiceId: number;
  accountId: number;
  kind: LinkKind;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  supersededAt: number | null;
}

interface LinkRow {
  id: number;
  practice_id: number;
  account_id: number;
  kind: LinkKind;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  superseded_at: number | null;
}

const fromRow = (r: LinkRow): SignInLink => ({
  id: r.id,
  practiceId: r.practice_id,
  accountId: r.account_id,
  kind: r.kind,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  supersededAt: r.superseded_at,
});

/** What a link is worth at `now`: used beats superseded beats expired (a link past its 24 h is refused at +86 400 s exactly). */
export function linkState(link: SignInLink, now: number): LinkState {
  if (link.usedAt !== null) return 'used';
  if (link.supersededAt !== null) return 'superseded';
  if (now >= link.expiresAt) return 'expired';
  return 'valid';
}

/** Where a kind of sign-in link lives: clients' in `sign_in_links`, staff members' in `staff_sign_in_links`. */
interface LinkTable {
  table: 'sign_in_links' | 'staff_sign_in_links';
  /** The column naming who the link signs in; read back as `accountId` (for staff: the staff member's id). */
  subject: 'account_id' | 'staff_id';
}

/**
 * The link queries for one kind of link. Clients and staff share the rules (R5, R6, R8) and
 * differ only in the table, so one set of statements serves both (as sessionStore does).
 */
function linkStore(t: LinkTable) {
  const COLUMNS = `id, practice_id, ${t.subject} AS account_id, kind, created_at, expires_at, used_at, superseded_at`;

  /**
   * Supersedes every unconsumed link of the account and stores the new one (R6). Call inside
   * the write transaction that also queues its email, so both or neither happen.
   */
  function issueLink(
    db: Db,
    now: number,
    input: {
      practiceId: number;
      accountId: number;
      tokenHash: string;
      kind: LinkKind;
      ttlMs: number;
      /** The hash of the email's fallback code (R16), when it carries one. */
      code?: { salt: Buffer; hash: Buffer; kdf: string };
    },
  ): { id: number; superseded: number } {
    if (!db.inTransaction) throw new Error(`${t.table}: issueLink must run inside the transaction that queues its email.`);
    const { changes: superseded } = statement<[number, number, number]>(
      db,
      `UPDATE ${t.table} SET superseded_at = ?
       WHERE ${t.subject} = ? AND practice_id = ? AND used_at IS NULL AND superseded_at IS NULL`,
    ).run(now, input.accountId, input.practiceId);
    const { lastInsertRowid } = statement<[number, number, string, string, number, number, Buffer | null, Buffer | null, string | null]>(
      db,
      `INSERT INTO ${t.table} (practice_id, ${t.subject}, token_hash, kind, created_at, expires_at, code_salt, code_hash, code_kdf)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      input.practiceId,
      input.accountId,
      input.tokenHash,
      input.kind,
      now,
      now + input.ttlMs,
      input.code?.salt ?? null,
      input.code?.hash ?? null,
      input.code?.kdf ?? null,
    );
    return { id: Number(lastInsertRowid), superseded };
  }

  /**
   * Uses the link up in one conditional UPDATE (R5): it changes exactly one row when the link
   * exists at this practice and is unused, not superseded and not expired, and none otherwise,
   * however many requests race for it.
   */
  function consumeLink(db: Db, now: number, practiceId: number, tokenHash: string): SignInLink | undefined {
    const rows = statement<[number, string, number, number], LinkRow>(
      db,
      `UPDATE ${t.table} SET used_at = ?
       WHERE token_hash = ? AND practice_id = ? AND used_at IS NULL AND superseded_at IS NULL AND expires_at > ?
       RETURNING ${COLUMNS}`,
    ).all(now, tokenHash, practiceId, now);
    return rows.length === 1 ? fromRow(rows[0]) : undefined;
  }

  /** The link with this token hash at this practice; another practice's token is not found (R8). */
  function findLink(db: Db, practiceId: number, tokenHash: string): SignInLink | undefined {
    const row = statement<[string, number], LinkRow>(
      db,
      `SELECT ${COLUMNS} FROM ${t.table} WHERE token_hash = ? AND practice_id = ?`,
    ).get(tokenHash, practiceId);
    return row && fromRow(row);
  }

  /** The links of an account that could still be used (tests and R6 checks). */
  function countLiveLinks(db: Db, practiceId: number, accountId: number, now: number): number {
    return statement<[number, number, number], number>(
      db,
      `SELECT count(*) FROM ${t.table}
       WHERE practice_id = ? AND ${t.subject} = ? AND used_at IS NULL AND superseded_at IS NULL AND expires_at > ?`,
    )
      .pluck()
      .get(practiceId, accountId, now)!;
  }

  return { issueLink, consumeLink, findLink, countLiveLinks };
}

export type LinkStore = ReturnType<typeof linkStore>;

/** Clients' sign-in links. */
export const { issueLink, consumeLink, findLink, countLiveLinks } = linkStore({ table: 'sign_in_links', subject: 'account_id' });

/** Staff members' console sign-in links; `accountId` is the staff member's id. */
export const staffLinks: LinkStore = linkStore({ table: 'staff_sign_in_links', subject: 'staff_id' });
