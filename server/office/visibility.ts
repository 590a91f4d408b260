import { statement } from '../db/statements.js';
import { notFound } from '../errors.js';
import { audit } from '../request/audit.js';
import type { OfficeActor } from './actor.js';
import type { OfficeCall, OfficeDeps } from './call.js';

// Which clients an office caller may see, in one place. Owners, office staff and API keys see
// every client of the practice; a clinician (a staff member of role `clinician`) sees only
// their own clients: the profiles assigned to them (`profiles.clinician_id`) and those with
// any appointment with them. Everything else answers 404, as a profile a client may not act
// for does (R41), and is audited `authz_fail`.

/** A SQL condition on a profile id column, with its parameters, that keeps the caller's clients only. */
export interface ProfileFilter {
  sql: string;
  params: number[];
}

/**
 * The condition "the profile in `column` is visible to `actor`" (`1` for the whole practice).
 * `column` is a trusted column name of the caller's query, never input.
 */
export function visibleProfiles(actor: Pick<OfficeActor, 'clinicianId'>, column: string): ProfileFilter {
  if (actor.clinicianId === null) return { sql: '1', params: [] };
  return {
    sql: `${column} IN (SELECT id FROM profiles WHERE clinician_id = ? UNION SELECT profile_id FROM appointments WHERE clinician_id = ?)`,
    params: [actor.clinicianId, actor.clinicianId],
  };
}

export function isProfileVisible(deps: OfficeDeps, practiceId: number, actor: OfficeActor, profileId: number): boolean {
  const filter = visibleProfiles(actor, 'id');
  return (
    statement<number[], number>(deps.db, `SELECT 1 FROM profiles WHERE practice_id = ? AND id = ? AND ${filter.sql}`)
      .pluck()
      .get(practiceId, profileId, ...filter.params) !== undefined
  );
}

/** 404 and `authz_fail` in the trail (ids only). */
function refuse(deps: OfficeDeps, call: OfficeCall, resourceType: string, resourceId: number | string): Error {
  audit(deps, call, { action: 'authz_fail', outcome: 'failure', resourceType, resourceId });
  return notFound();
}

/** The object-level check of every office route about one client (R41): visible, or 404. */
export function assertProfileVisible(deps: OfficeDeps, call: OfficeCall, profileId: number): void {
  if (!isProfileVisible(deps, call.practice.id, call.office, profileId)) throw refuse(deps, call, 'profile', profileId);
}

/**
 * An appointment of the practice the caller may decide on: a clinician only their own
 * appointments (the appointment's clinician), others any. An unknown id passes through, so the
 * booking module answers it as before.
 */
export function assertAppointmentVisible(deps: OfficeDeps, call: OfficeCall, appointmentId: number): void {
  if (call.office.clinicianId === null) return;
  const clinicianId = statement<[number, number], number>(deps.db, 'SELECT clinician_id FROM appointments WHERE practice_id = ? AND id = ?')
    .pluck()
    .get(call.practice.id, appointmentId);
  if (clinicianId !== undefined && clinicianId !== call.office.clinicianId) throw refuse(deps, call, 'appointment', appointmentId);
}

/** A clinician's availability: a clinician may change only their own; office and owners any (others 404). */
export function assertClinicianEditable(deps: OfficeDeps, call: OfficeCall, clinicianId: number): void {
  if (call.office.clinicianId !== null && call.office.clinicianId !== clinicianId) throw refuse(deps, call, 'clinician', clinicianId);
}

/** The ids of the practice's profiles the caller may see (for filtering a whole-practice answer). */
export function visibleProfileIds(deps: OfficeDeps, practiceId: number, actor: OfficeActor): Set<number> {
  const filter = visibleProfiles(actor, 'id');
  return new Set(statement<number[], number>(deps.db, `SELECT id FROM profiles WHERE practice_id = ? AND ${filter.sql}`).pluck().all(practiceId, ...filter.params));
}

/**
 * An account the caller may act on (issue a PIN, send an invitation): for a clinician, one with
 * a live link to one of their clients; for others any account of the practice. 404 otherwise.
 */
export function assertAccountVisible(deps: OfficeDeps, call: OfficeCall, accountId: number): void {
  if (call.office.clinicianId === null) return;
  const filter = visibleProfiles(call.office, 'profile_id');
  const linked = statement<number[], number>(
    deps.db,
    `SELECT 1 FROM profile_access WHERE practice_id = ? AND account_id = ? AND revoked_at IS NULL AND ${filter.sql} LIMIT 1`,
  )
    .pluck()
    .get(call.practice.id, accountId, ...filter.params);
  if (linked === undefined) throw refuse(deps, call, 'account', accountId);
}
