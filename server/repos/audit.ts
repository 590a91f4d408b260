import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { transaction } from '../db/transaction.js';

/**
 * Actions in the OWASP Logging Vocabulary (R36). The families with a suffix (`session_created`,
 * `upload_stored`, `authn_login_fail`, …) are open so features can name their own events.
 */
export type AuditAction =
  | 'sensitive_read'
  | 'sensitive_create'
  | 'sensitive_update'
  | 'sensitive_delete'
  | 'authz_fail'
  | 'excess_rate_limit_exceeded'
  | `authn_${string}`
  | `session_${string}`
  | `upload_${string}`;

export type AuditOutcome = 'success' | 'failure';

/** Who did what to which resource, where and with what outcome. Ids and codes only: never PHI or tokens. */
export interface AuditEventInput {
  practiceId: number | null;
  actorAccountId?: number | null;
  actingProfileId?: number | null;
  /** On the practice's side: the staff member or API key that acted (R36). */
  actorStaffId?: number | null;
  actorApiKeyId?: number | null;
  action: AuditAction;
  resourceType?: string | null;
  resourceId?: string | number | null;
  outcome: AuditOutcome;
  ip?: string | null;
  origin?: string | null;
}

export interface AuditEvent {
  seq: number;
  occurredAt: number;
  practiceId: number | null;
  actorAccountId: number | null;
  actingProfileId: number | null;
  actorStaffId: number | null;
  actorApiKeyId: number | null;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  origin: string | null;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

interface AuditRow {
  seq: number;
  occurred_at: number;
  practice_id: number | null;
  actor_account_id: number | null;
  acting_profile_id: number | null;
  actor_staff_id: number | null;
  actor_api_key_id: number | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  origin: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * The bytes a record's hash covers: every column but `hash`, in a fixed order, as a JSON
 * array. JSON also neutralises CR/LF and quotes in values, so a crafted Origin cannot forge
 * a record boundary when the trail is shipped as text (R37). The office actor columns (011)
 * are appended only when one is set, so every event written before them hashes as it did.
 */
function canonical(row: Omit<AuditRow, 'hash'>): string {
  const office = row.actor_staff_id !== null || row.actor_api_key_id !== null ? [row.actor_staff_id, row.actor_api_key_id] : [];
  return JSON.stringify([
    row.seq,
    row.occurred_at,
    row.practice_id,
    row.actor_account_id,
    row.acting_profile_id,
    row.action,
    row.resource_type,
    row.resource_id,
    row.outcome,
    row.ip,
    row.origin,
    row.prev_hash,
    ...office,
  ]);
}

function hashOf(row: Omit<AuditRow, 'hash'>): string {
  return createHash('sha256').update(canonical(row), 'utf8').digest('hex');
}

/** Bounded, so an oversized header cannot bloat the trail; the schema has the same limits. */
function clip(value: string | null | undefined, max: number): string | null {
  if (value === undefined || value === null) return null;
  return value.length <= max ? value : value.slice(0, max);
}

/**
 * Appends one event at the tip of the chain. Call it inside the transaction of the change it
 * records, so the change and its audit record commit (or roll back) together.
 */
export function appendAudit(db: Db, clock: Clock, event: AuditEventInput): AuditEvent {
  return transaction(db, () => {
    const tip = statement<[], { seq: number; hash: string }>(
      db,
      'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1',
    ).get();
    const row: Omit<AuditRow, 'hash'> = {
      seq: (tip?.seq ?? 0) + 1,
      occurred_at: clock.now(),
      practice_id: event.practiceId,
      actor_account_id: event.actorAccountId ?? null,
      acting_profile_id: event.actingProfileId ?? null,
      actor_staff_id: event.actorStaffId ?? null,
      actor_api_key_id: event.actorApiKeyId ?? null,
      action: event.action,
      resource_type: event.resourceType ?? null,
      resource_id: event.resourceId === undefined || event.resourceId === null ? null : clip(String(event.resourceId), 128),
      outcome: event.outcome,
      ip: clip(event.ip, 64),
      origin: clip(event.origin, 256),
      prev_hash: tip?.hash ?? GENESIS_HASH,
    };
    const full: AuditRow = { ...row, hash: hashOf(row) };
    statement<[AuditRow]>(
      db,
      `INSERT INTO audit_events (seq, occurred_at, practice_id, actor_account_id, acting_profile_id, actor_staff_id,
         actor_api_key_id, action, resource_type, resource_id, outcome, ip, origin, prev_hash, hash)
       VALUES (@seq, @occurred_at, @practice_id, @actor_account_id, @acting_profile_id, @actor_staff_id,
         @actor_api_key_id, @action, @resource_type, @resource_id, @outcome, @ip, @origin, @prev_hash, @hash)`,
    ).run(full);
    return fromRow(full);
  });
}

function fromRow(r: AuditRow): AuditEvent {
  return {
    seq: r.seq,
    occurredAt: r.occurred_at,
    practiceId: r.practice_id,
    actorAccountId: r.actor_account_id,
    actingProfileId: r.acting_profile_id,
    actorStaffId: r.actor_staff_id,
    actorApiKeyId: r.actor_api_key_id,
    action: r.action,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    outcome: r.outcome,
    ip: r.ip,
    origin: r.origin,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** The newest events of one practice, newest first. */
export function listAuditEvents(db: Db, practiceId: number, limit = 100): AuditEvent[] {
  return statement<[number, number], AuditRow>(
    db,
    'SELECT * FROM audit_events WHERE practice_id = ? ORDER BY seq DESC LIMIT ?',
  )
    .all(practiceId, limit)
    .map(fromRow);
}

export type AuditChainReport =
  | { ok: true; events: number }
  | { ok: false; events: number; brokenAt: number; reason: 'gap' | 'prev_hash_mismatch' | 'hash_mismatch' };

/**
 * Walks the whole chain and reports the first broken link (R37): a missing sequence number
 * (a deleted row), a record whose `prev_hash` is not its predecessor's hash (a removed or
 * reordered row), or one whose content no longer matches its own hash (an edited row).
 */
export function verifyAuditChain(db: Db): AuditChainReport {
  let expectedSeq = 1;
  let expectedPrev = GENESIS_HASH;
  let checked = 0;
  for (const row of db.prepare('SELECT * FROM audit_events ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    if (row.seq !== expectedSeq) return { ok: false, events: checked, brokenAt: expectedSeq, reason: 'gap' };
    if (row.prev_hash !== expectedPrev) return { ok: false, events: checked, brokenAt: row.seq, reason: 'prev_hash_mismatch' };
    if (row.hash !== hashOf(row)) return { ok: false, events: checked, brokenAt: row.seq, reason: 'hash_mismatch' };
    checked += 1;
    expectedSeq += 1;
    expectedPrev = row.hash;
  }
  return { ok: true, events: checked };
}
