import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { transaction } from '../db/transaction.js';
import type { EventData } from './practice-events.js';

export type DeliveryStatus = 'queued' | 'sending' | 'delivered' | 'failed';

/** One line of the delivery log. */
export interface DeliveryLogEntry {
  id: number;
  endpointId: number;
  eventId: string;
  type: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: number | null;
  lastAttemptAt: number | null;
  deliveredAt: number | null;
  createdAt: number;
}

/** A claimed delivery with what the worker needs to send it. */
export interface DueDelivery {
  id: number;
  attempts: number;
  giveUpAt: number;
  url: string;
  secret: string;
  messageId: string;
  type: string;
  data: EventData;
  occurredAt: number;
}

interface LogRow {
  id: number;
  endpoint_id: number;
  public_id: string;
  type: string;
  status: DeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: number;
  last_attempt_at: number | null;
  delivered_at: number | null;
  created_at: number;
}

const logFromRow = (r: LogRow): DeliveryLogEntry => ({
  id: r.id,
  endpointId: r.endpoint_id,
  eventId: r.public_id,
  type: r.type,
  status: r.status,
  attempts: r.attempts,
  lastStatusCode: r.last_status_code,
  lastError: r.last_error,
  // Only a delivery still to be tried has a next attempt.
  nextAttemptAt: r.status === 'queued' || r.status === 'sending' ? r.next_attempt_at : null,
  lastAttemptAt: r.last_attempt_at,
  deliveredAt: r.delivered_at,
  createdAt: r.created_at,
});

const LOG_SELECT = `SELECT d.id, d.endpoint_id, e.public_id, e.type, d.status, d.attempts, d.last_status_code, d.last_error,
    d.next_attempt_at, d.last_attempt_at, d.delivered_at, d.created_at
  FROM webhook_deliveries d JOIN practice_events e ON e.id = d.event_id`;

export function insertDelivery(db: Db, now: number, delivery: { practiceId: number; eventId: number; endpointId: number; giveUpAt: number }): number {
  const { lastInsertRowid } = statement(
    db,
    `INSERT INTO webhook_deliveries (practice_id, event_id, endpoint_id, status, attempts, next_attempt_at, give_up_at, created_at, updated_at)
     VALUES (?, ?, ?, 'queued', 0, ?, ?, ?, ?)`,
  ).run(delivery.practiceId, delivery.eventId, delivery.endpointId, now, delivery.giveUpAt, now, now);
  return Number(lastInsertRowid);
}

/** The endpoint's deliveries, newest first, `limit` of them before `beforeId` (paging). */
export function listDeliveries(db: Db, practiceId: number, endpointId: number, limit: number, beforeId?: number): DeliveryLogEntry[] {
  return statement<[number, number, number, number], LogRow>(
    db,
    `${LOG_SELECT} WHERE d.practice_id = ? AND d.endpoint_id = ? AND d.id < ? ORDER BY d.id DESC LIMIT ?`,
  )
    .all(practiceId, endpointId, beforeId ?? Number.MAX_SAFE_INTEGER, limit)
    .map(logFromRow);
}

export function findDelivery(db: Db, practiceId: number, deliveryId: number): DeliveryLogEntry | undefined {
  const row = statement<[number, number], LogRow>(
    db,
    `${LOG_SELECT} JOIN webhook_endpoints w ON w.id = d.endpoint_id
     WHERE d.practice_id = ? AND d.id = ? AND w.deleted_at IS NULL`,
  ).get(practiceId, deliveryId);
  return row && logFromRow(row);
}

/** Queues the delivery again now, with a fresh 24 h window (manual redelivery). */
export function requeueDelivery(db: Db, now: number, deliveryId: number, giveUpAt: number): void {
  statement(
    db,
    `UPDATE webhook_deliveries SET status = 'queued', next_attempt_at = ?, give_up_at = ?, updated_at = ? WHERE id = ?`,
  ).run(now, giveUpAt, now, deliveryId);
}

interface DueRow {
  id: number;
  attempts: number;
  give_up_at: number;
  url: string;
  secret: string;
  public_id: string;
  type: string;
  data: string;
  occurred_at: number;
}

/**
 * Leases up to `limit` due deliveries to active endpoints until `now + leaseMs`. One left in
 * `sending` by a worker that died becomes due again when its lease runs out, so every
 * delivery is attempted at least once, across restarts.
 */
export function claimDueDeliveries(db: Db, now: number, leaseMs: number, limit: number): DueDelivery[] {
  return transaction(db, () => {
    const rows = statement<[number, number], DueRow>(
      db,
      `SELECT d.id, d.attempts, d.give_up_at, w.url, w.secret, e.public_id, e.type, e.data, e.occurred_at
       FROM webhook_deliveries d
       JOIN webhook_endpoints w ON w.id = d.endpoint_id
       JOIN practice_events e ON e.id = d.event_id
       WHERE d.status IN ('queued', 'sending') AND d.next_attempt_at <= ? AND w.active = 1 AND w.deleted_at IS NULL
       ORDER BY d.next_attempt_at, d.id LIMIT ?`,
    ).all(now, limit);
    const lease = statement(db, "UPDATE webhook_deliveries SET status = 'sending', next_attempt_at = ?, updated_at = ? WHERE id = ?");
    for (const row of rows) lease.run(now + leaseMs, now, row.id);
    return rows.map((r) => ({
      id: r.id,
      attempts: r.attempts,
      giveUpAt: r.give_up_at,
      url: r.url,
      secret: r.secret,
      messageId: r.public_id,
      type: r.type,
      data: JSON.parse(r.data) as EventData,
      occurredAt: r.occurred_at,
    }));
  });
}

export function markDelivered(db: Db, now: number, deliveryId: number, statusCode: number): void {
  statement(
    db,
    `UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, last_status_code = ?, last_error = NULL,
       last_attempt_at = ?, delivered_at = ?, updated_at = ?
     WHERE id = ?`,
  ).run(statusCode, now, now, now, deliveryId);
}

/** Records a failed attempt: queued again for `retryAt`, or failed for good when null. */
export function markAttemptFailed(
  db: Db,
  now: number,
  deliveryId: number,
  outcome: { statusCode: number | null; error: string; retryAt: number | null },
): void {
  statement(
    db,
    `UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, last_status_code = ?, last_error = ?,
       last_attempt_at = ?, next_attempt_at = coalesce(?, next_attempt_at), updated_at = ?
     WHERE id = ?`,
  ).run(outcome.retryAt === null ? 'failed' : 'queued', outcome.statusCode, outcome.error.slice(0, 200), now, outcome.retryAt, now, deliveryId);
}

/** Gives up on a delivery that was never attempted (it waited out its window), without counting an attempt. */
export function markExpired(db: Db, now: number, deliveryId: number, reason: string): void {
  statement(db, "UPDATE webhook_deliveries SET status = 'failed', last_error = ?, updated_at = ? WHERE id = ?").run(reason.slice(0, 200), now, deliveryId);
}
