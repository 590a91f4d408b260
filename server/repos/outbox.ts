import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { transaction } from '../db/transaction.js';

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

export interface NewOutboxMessage {
  practiceId: number;
  to: string;
  language: string;
  subject: string;
  text: string;
  html: string;
}

export interface OutboxMessage extends NewOutboxMessage {
  id: number;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

/** A claimed message with what the worker needs to address it. */
export interface DueMessage extends OutboxMessage {
  practiceSlug: string;
  senderName: string;
  senderAddress: string;
}

interface OutboxRow {
  id: number;
  practice_id: number;
  to_address: string;
  language: string;
  subject: string;
  text_body: string;
  html_body: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

interface DueRow extends OutboxRow {
  slug: string;
  sender_name: string;
  sender_address: string;
}

const fromRow = (r: OutboxRow): OutboxMessage => ({
  id: r.id,
  practiceId: r.practice_id,
  to: r.to_address,
  language: r.language,
  subject: r.subject,
  text: r.text_body,
  html: r.html_body,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

export function insertOutboxMessage(db: Db, now: number, message: NewOutboxMessage): number {
  const { lastInsertRowid } = statement(
    db,
    `INSERT INTO outbox (practice_id, to_address, language, subject, text_body, html_body,
       status, attempts, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?)`,
  ).run(message.practiceId, message.to, message.language, message.subject, message.text, message.html, now, now, now);
  return Number(lastInsertRowid);
}

/**
 * Leases up to `limit` due messages to the caller until `now + leaseMs`. A message left in
 * `sending` by a worker that died becomes due again when its lease runs out, so every
 * message is sent at least once.
 */
export function claimDueMessages(db: Db, now: number, leaseMs: number, limit: number): DueMessage[] {
  return transaction(db, () => {
    const rows = statement<[number, number], DueRow>(
      db,
      `SELECT o.*, p.slug, p.sender_name, p.sender_address
       FROM outbox o JOIN practices p ON p.id = o.practice_id
       WHERE o.status IN ('queued', 'sending') AND o.next_attempt_at <= ?
       ORDER BY o.next_attempt_at, o.id LIMIT ?`,
    ).all(now, limit);
    const lease = statement(db, "UPDATE outbox SET status = 'sending', next_attempt_at = ?, updated_at = ? WHERE id = ?");
    for (const row of rows) lease.run(now + leaseMs, now, row.id);
    return rows.map((r) => ({
      ...fromRow(r),
      status: 'sending' as const,
      practiceSlug: r.slug,
      senderName: r.sender_name,
      senderAddress: r.sender_address,
    }));
  });
}

/**
 * Records a delivery. With `bodies`, the stored text and HTML are replaced as well: the
 * worker passes them with their one-time secrets (sign-in tokens) removed once sent.
 */
export function markSent(db: Db, id: number, now: number, bodies?: { text: string; html: string }): void {
  if (bodies) {
    statement(
      db,
      `UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL, updated_at = ?,
         text_body = ?, html_body = ?
       WHERE id = ?`,
    ).run(now, now, bodies.text, bodies.html, id);
    return;
  }
  statement(
    db,
    "UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL, updated_at = ? WHERE id = ?",
  ).run(now, now, id);
}

/**
 * Records a failed attempt: retry at `retryAt`, or give up (`failed`) when it is null. With
 * `bodies` (only when giving up), the stored text and HTML are replaced like markSent's: a
 * message that will never be sent keeps no one-time secret either.
 */
export function markAttemptFailed(
  db: Db,
  id: number,
  now: number,
  error: string,
  retryAt: number | null,
  bodies?: { text: string; html: string },
): void {
  statement(
    db,
    `UPDATE outbox SET status = ?, attempts = attempts + 1, next_attempt_at = ?, last_error = ?, updated_at = ?
     WHERE id = ?`,
  ).run(retryAt === null ? 'failed' : 'queued', retryAt ?? now, error.slice(0, 500), now, id);
  if (bodies && retryAt === null) {
    statement(db, 'UPDATE outbox SET text_body = ?, html_body = ? WHERE id = ?').run(bodies.text, bodies.html, id);
  }
}

export function findOutboxMessage(db: Db, id: number): OutboxMessage | undefined {
  const row = statement<[number], OutboxRow>(db, 'SELECT * FROM outbox WHERE id = ?').get(id);
  return row && fromRow(row);
}

export interface SentMessage extends OutboxMessage {
  practiceSlug: string;
}

/** Sent messages, newest first, optionally for one recipient: the development outbox's view. */
export function listSentMessages(db: Db, options: { to?: string; limit: number }): SentMessage[] {
  const rows = options.to
    ? statement<[string, number], OutboxRow & { slug: string }>(
        db,
        `SELECT o.*, p.slug FROM outbox o JOIN practices p ON p.id = o.practice_id
         WHERE o.status = 'sent' AND o.to_address = ? ORDER BY o.id DESC LIMIT ?`,
      ).all(options.to, options.limit)
    : statement<[number], OutboxRow & { slug: string }>(
        db,
        `SELECT o.*, p.slug FROM outbox o JOIN practices p ON p.id = o.practice_id
         WHERE o.status = 'sent' ORDER BY o.id DESC LIMIT ?`,
      ).all(options.limit);
  return rows.map((r) => ({ ...fromRow(r), practiceSlug: r.slug }));
}

/**
 * The health check's view of mail: messages a worker should have picked up more than
 * `graceMs` ago (no worker running), messages waiting to be retried (the transport is
 * failing now), and messages given up on.
 */
export function summarizeUndelivered(db: Db, now: number, graceMs: number): { overdue: number; retrying: number; failed: number } {
  // Three small counts whose WHERE clauses match the partial indexes, so the health check
  // never scans the (ever-growing) table of sent mail.
  const count = (sql: string, ...params: number[]) => statement<number[], { n: number }>(db, sql).get(...params)!.n;
  return {
    overdue: count(
      "SELECT count(*) AS n FROM outbox WHERE status IN ('queued', 'sending') AND next_attempt_at < ?",
      now - graceMs,
    ),
    retrying: count(
      "SELECT count(*) AS n FROM outbox WHERE status IN ('queued', 'sending') AND status = 'queued' AND attempts > 0",
    ),
    failed: count("SELECT count(*) AS n FROM outbox WHERE status = 'failed'"),
  };
}
