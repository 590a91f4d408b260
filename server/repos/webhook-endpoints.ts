import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { parseStringArray } from './json-columns.js';

export interface WebhookEndpoint {
  id: number;
  practiceId: number;
  url: string;
  description: string;
  /** `whsec_` + base64: a secret at rest, never shown again after creation or rotation. */
  secret: string;
  /** Empty: every event type. */
  eventTypes: string[];
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

interface EndpointRow {
  id: number;
  practice_id: number;
  url: string;
  description: string;
  secret: string;
  event_types: string;
  active: number;
  created_at: number;
  updated_at: number;
}

const COLUMNS = 'id, practice_id, url, description, secret, event_types, active, created_at, updated_at';

const fromRow = (r: EndpointRow): WebhookEndpoint => ({
  id: r.id,
  practiceId: r.practice_id,
  url: r.url,
  description: r.description,
  secret: r.secret,
  eventTypes: parseStringArray(r.event_types, 'webhook_endpoints.event_types'),
  active: r.active === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface NewWebhookEndpoint {
  practiceId: number;
  url: string;
  description: string;
  secret: string;
  eventTypes: readonly string[];
}

export function insertWebhookEndpoint(db: Db, now: number, endpoint: NewWebhookEndpoint): number {
  const { lastInsertRowid } = statement(
    db,
    `INSERT INTO webhook_endpoints (practice_id, url, description, secret, event_types, active, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 1, ?, ?)`,
  ).run(endpoint.practiceId, endpoint.url, endpoint.description, endpoint.secret, JSON.stringify(endpoint.eventTypes), now, now);
  return Number(lastInsertRowid);
}

/** The practice's endpoints that are not deleted, oldest first. */
export function listWebhookEndpoints(db: Db, practiceId: number): WebhookEndpoint[] {
  return statement<[number], EndpointRow>(
    db,
    `SELECT ${COLUMNS} FROM webhook_endpoints WHERE practice_id = ? AND deleted_at IS NULL ORDER BY id`,
  )
    .all(practiceId)
    .map(fromRow);
}

export function findWebhookEndpoint(db: Db, practiceId: number, endpointId: number): WebhookEndpoint | undefined {
  const row = statement<[number, number], EndpointRow>(
    db,
    `SELECT ${COLUMNS} FROM webhook_endpoints WHERE practice_id = ? AND id = ? AND deleted_at IS NULL`,
  ).get(practiceId, endpointId);
  return row && fromRow(row);
}

/**
 * The endpoints that want events of `type`, paused ones included: their deliveries wait for
 * the endpoint to be resumed (and expire 24 h after the event like any other).
 */
export function subscribedEndpointIds(db: Db, practiceId: number, type: string): number[] {
  return statement<[number, string], { id: number }>(
    db,
    `SELECT id FROM webhook_endpoints
     WHERE practice_id = ? AND deleted_at IS NULL
       AND (json_array_length(event_types) = 0 OR EXISTS (SELECT 1 FROM json_each(event_types) WHERE value = ?))
     ORDER BY id`,
  )
    .all(practiceId, type)
    .map((r) => r.id);
}

export function updateWebhookEndpoint(
  db: Db,
  now: number,
  practiceId: number,
  endpointId: number,
  changes: { url?: string; description?: string; eventTypes?: readonly string[]; active?: boolean; secret?: string },
): void {
  statement(
    db,
    `UPDATE webhook_endpoints SET
       url = coalesce(?, url), description = coalesce(?, description), event_types = coalesce(?, event_types),
       active = coalesce(?, active), secret = coalesce(?, secret), updated_at = ?
     WHERE practice_id = ? AND id = ? AND deleted_at IS NULL`,
  ).run(
    changes.url ?? null,
    changes.description ?? null,
    changes.eventTypes ? JSON.stringify(changes.eventTypes) : null,
    changes.active === undefined ? null : changes.active ? 1 : 0,
    changes.secret ?? null,
    now,
    practiceId,
    endpointId,
  );
}

/** Marks the endpoint deleted; its pending deliveries fail (the log keeps them). */
export function deleteWebhookEndpoint(db: Db, now: number, practiceId: number, endpointId: number): boolean {
  const { changes } = statement(
    db,
    'UPDATE webhook_endpoints SET deleted_at = ?, active = 0, updated_at = ? WHERE practice_id = ? AND id = ? AND deleted_at IS NULL',
  ).run(now, now, practiceId, endpointId);
  if (changes === 0) return false;
  statement(
    db,
    `UPDATE webhook_deliveries SET status = 'failed', last_error = 'endpoint deleted', updated_at = ?
     WHERE endpoint_id = ? AND status IN ('queued', 'sending')`,
  ).run(now, endpointId);
  return true;
}
