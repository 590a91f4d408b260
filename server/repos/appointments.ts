import type { AppointmentStatus, AppointmentStatusReason, Modality } from '../../src/contract/index.js';
import type { Interval } from '../booking/slots.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';

/** The states that hold a clinician's time: the unique index and the overlap trigger cover them. */
export const LIVE_STATUSES = ['requested', 'confirmed', 'reschedule_requested'] as const satisfies readonly AppointmentStatus[];
const LIVE_SQL = "('requested', 'confirmed', 'reschedule_requested')";

export interface AppointmentRecord {
  id: number;
  practiceId: number;
  profileId: number;
  clinicianId: number;
  serviceId: number;
  requestedBy: number;
  modality: Modality;
  startsAt: number;
  endsAt: number;
  blockedUntil: number;
  status: AppointmentStatus;
  statusReason: Exclude<AppointmentStatusReason, null> | null;
  message: string | null;
  declineNote: string | null;
  proposedStarts: number[];
  rescheduleOfId: number | null;
  replacedById: number | null;
  calendarUid: string;
  calendarSequence: number;
  expiresAt: number | null;
  createdAt: number;
  updatedAt: number;
  decidedAt: number | null;
}

interface Row {
  id: number;
  practice_id: number;
  profile_id: number;
  clinician_id: number;
  service_id: number;
  requested_by: number;
  modality: Modality;
  starts_at: number;
  ends_at: number;
  blocked_until: number;
  status: AppointmentStatus;
  status_reason: AppointmentRecord['statusReason'];
  message: string | null;
  decline_note: string | null;
  proposed_starts: string;
  reschedule_of_id: number | null;
  replaced_by_id: number | null;
  calendar_uid: string;
  calendar_sequence: number;
  expires_at: number | null;
  created_at: number;
  updated_at: number;
  decided_at: number | null;
}

function fromRow(r: Row): AppointmentRecord {
  const proposed: unknown = JSON.parse(r.proposed_starts);
  return {
    id: r.id,
    practiceId: r.practice_id,
    profileId: r.profile_id,
    clinicianId: r.clinician_id,
    serviceId: r.service_id,
    requestedBy: r.requested_by,
    modality: r.modality,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    blockedUntil: r.blocked_until,
    status: r.status,
    statusReason: r.status_reason,
    message: r.message,
    declineNote: r.decline_note,
    proposedStarts: Array.isArray(proposed) ? proposed.filter((v): v is number => typeof v === 'number') : [],
    rescheduleOfId: r.reschedule_of_id,
    replacedById: r.replaced_by_id,
    calendarUid: r.calendar_uid,
    calendarSequence: r.calendar_sequence,
    expiresAt: r.expires_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    decidedAt: r.decided_at,
  };
}

export interface NewAppointment {
  practiceId: number;
  profileId: number;
  clinicianId: number;
  serviceId: number;
  requestedBy: number;
  modality: Modality;
  startsAt: number;
  endsAt: number;
  blockedUntil: number;
  status: 'requested' | 'confirmed';
  message: string | null;
  rescheduleOfId: number | null;
  calendarUid: string;
  calendarSequence: number;
  expiresAt: number | null;
}

/**
 * Inserts a booking. Throws a SQLite constraint error when the time is no longer free (the
 * unique index or the overlap trigger): callers map it to `slot_unavailable`.
 */
export function insertAppointment(db: Db, now: number, input: NewAppointment): number {
  const { lastInsertRowid } = statement(
    db,
    `INSERT INTO appointments (practice_id, profile_id, clinician_id, service_id, requested_by, modality, starts_at, ends_at,
       blocked_until, status, message, reschedule_of_id, calendar_uid, calendar_sequence, expires_at, created_at, updated_at)
     VALUES (@practiceId, @profileId, @clinicianId, @serviceId, @requestedBy, @modality, @startsAt, @endsAt,
       @blockedUntil, @status, @message, @rescheduleOfId, @calendarUid, @calendarSequence, @expiresAt, @now, @now)`,
  ).run({ ...input, now });
  return Number(lastInsertRowid);
}

/** Whether an error is the database refusing a booking that meets another (R43). */
export function isBookingConflict(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (code === 'SQLITE_CONSTRAINT_UNIQUE') return typeof message === 'string' && message.includes('appointments.');
  return code === 'SQLITE_CONSTRAINT_TRIGGER' && typeof message === 'string' && message.includes('overlaps a live booking');
}

export function findAppointment(db: Db, practiceId: number, id: number): AppointmentRecord | undefined {
  const row = statement<[number, number], Row>(db, 'SELECT * FROM appointments WHERE practice_id = ? AND id = ?').get(practiceId, id);
  return row && fromRow(row);
}

/** The pending request to move a confirmed appointment, if any. */
export function findPendingReschedule(db: Db, practiceId: number, originalId: number): AppointmentRecord | undefined {
  const row = statement<[number, number], Row>(
    db,
    "SELECT * FROM appointments WHERE practice_id = ? AND reschedule_of_id = ? AND status = 'requested' ORDER BY id DESC LIMIT 1",
  ).get(practiceId, originalId);
  return row && fromRow(row);
}

/** A profile's appointments ending after `now`, soonest first, and the 50 most recent before. */
export function listProfileAppointments(
  db: Db,
  practiceId: number,
  profileId: number,
  now: number,
): { upcoming: AppointmentRecord[]; past: AppointmentRecord[] } {
  const upcoming = statement<[number, number, number], Row>(
    db,
    'SELECT * FROM appointments WHERE practice_id = ? AND profile_id = ? AND ends_at > ? ORDER BY starts_at, id',
  ).all(practiceId, profileId, now);
  const past = statement<[number, number, number], Row>(
    db,
    'SELECT * FROM appointments WHERE practice_id = ? AND profile_id = ? AND ends_at <= ? ORDER BY starts_at DESC, id DESC LIMIT 50',
  ).all(practiceId, profileId, now);
  return { upcoming: upcoming.map(fromRow), past: past.map(fromRow) };
}

/** Requests waiting for approval (not lapsed at `now`), soonest start first. */
export function listPendingRequests(db: Db, practiceId: number, now: number, clinicianId?: number): AppointmentRecord[] {
  const rows =
    clinicianId === undefined
      ? statement<[number, number], Row>(
          db,
          "SELECT * FROM appointments WHERE practice_id = ? AND status = 'requested' AND expires_at > ? ORDER BY starts_at, id",
        ).all(practiceId, now)
      : statement<[number, number, number], Row>(
          db,
          `SELECT * FROM appointments WHERE practice_id = ? AND status = 'requested' AND expires_at > ? AND clinician_id = ?
           ORDER BY starts_at, id`,
        ).all(practiceId, now, clinicianId);
  return rows.map(fromRow);
}

/** Requests whose time to be answered has run out but that still hold their time. */
export function listLapsedRequests(db: Db, practiceId: number, now: number): AppointmentRecord[] {
  return statement<[number, number], Row>(
    db,
    "SELECT * FROM appointments WHERE practice_id = ? AND status = 'requested' AND expires_at <= ? ORDER BY id",
  )
    .all(practiceId, now)
    .map(fromRow);
}

/** Requests of a profile still waiting for approval at `now` (R45's open-request limit). */
export function countOpenRequests(db: Db, practiceId: number, profileId: number, now: number): number {
  return statement<[number, number, number], number>(
    db,
    "SELECT count(*) FROM appointments WHERE practice_id = ? AND profile_id = ? AND status = 'requested' AND expires_at > ?",
  )
    .pluck()
    .get(practiceId, profileId, now)!;
}

/**
 * A clinician's bookings that hold time in [from, to), as [start, blocked_until). Lapsed
 * requests no longer count, even before the next write marks them expired.
 */
export function listBusyIntervals(db: Db, clinicianId: number, from: number, to: number, now: number): Interval[] {
  return statement<[number, number, number, number, number], Interval>(
    db,
    `SELECT starts_at AS start, blocked_until AS end FROM appointments
     WHERE clinician_id = ? AND status IN ${LIVE_SQL} AND starts_at < ? AND starts_at > ? - 43200000 AND blocked_until > ?
       AND (status <> 'requested' OR expires_at > ?)
     ORDER BY starts_at`,
  ).all(clinicianId, to, from, from, now);
}

export interface StatusChange {
  to: AppointmentStatus;
  reason?: AppointmentRecord['statusReason'];
  declineNote?: string | null;
  proposedStarts?: number[];
  replacedById?: number | null;
  calendarSequence?: number;
  /** A decision by the practice (approve, decline) records when it was made. */
  decided?: boolean;
}

/**
 * Moves one appointment from `from` to `change.to`, only if it is still in `from` (so two
 * concurrent decisions cannot both apply). The state-machine trigger refuses any move R43
 * does not allow. Returns whether the row changed.
 */
export function changeStatus(db: Db, now: number, id: number, from: AppointmentStatus, change: StatusChange): boolean {
  const { changes } = statement(
    db,
    `UPDATE appointments SET
       status = @to,
       status_reason = @reason,
       decline_note = coalesce(@declineNote, decline_note),
       proposed_starts = coalesce(@proposedStarts, proposed_starts),
       replaced_by_id = coalesce(@replacedById, replaced_by_id),
       calendar_sequence = coalesce(@calendarSequence, calendar_sequence),
       expires_at = CASE WHEN @to = 'requested' THEN expires_at ELSE NULL END,
       decided_at = CASE WHEN @decided THEN @now ELSE decided_at END,
       updated_at = @now
     WHERE id = @id AND status = @from`,
  ).run({
    id,
    from,
    now,
    to: change.to,
    reason: change.reason ?? null,
    declineNote: change.declineNote ?? null,
    proposedStarts: change.proposedStarts ? JSON.stringify(change.proposedStarts) : null,
    replacedById: change.replacedById ?? null,
    calendarSequence: change.calendarSequence ?? null,
    decided: change.decided ? 1 : 0,
  });
  return changes > 0;
}

/** The times a clinician proposed with a decline (at most three, as the schema checks). */
export function setProposedStarts(db: Db, now: number, id: number, starts: readonly number[]): void {
  statement(db, "UPDATE appointments SET proposed_starts = ?, updated_at = ? WHERE id = ? AND status = 'declined'").run(
    JSON.stringify(starts),
    now,
    id,
  );
}
