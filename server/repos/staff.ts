import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import type { StaffRole } from '../office/actor.js';

export interface StaffMember {
  id: number;
  practiceId: number;
  email: string;
  name: string;
  role: StaffRole;
  clinicianId: number | null;
  preferredLanguage: string;
  notify: boolean;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface StaffRow {
  id: number;
  practice_id: number;
  email: string;
  name: string;
  role: StaffRole;
  clinician_id: number | null;
  preferred_language: string;
  notify: number;
  active: number;
  created_at: number;
  updated_at: number;
}

export const STAFF_COLUMNS = 'id, practice_id, email, name, role, clinician_id, preferred_language, notify, active, created_at, updated_at';

export const staffFromRow = (r: StaffRow): StaffMember => ({
  id: r.id,
  practiceId: r.practice_id,
  email: r.email,
  name: r.name,
  role: r.role,
  clinicianId: r.clinician_id,
  preferredLanguage: r.preferred_language,
  notify: r.notify === 1,
  active: r.active === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function findStaffById(db: Db, practiceId: number, staffId: number): StaffMember | undefined {
  const row = statement<[number, number], StaffRow>(db, `SELECT ${STAFF_COLUMNS} FROM staff_members WHERE practice_id = ? AND id = ?`).get(
    practiceId,
    staffId,
  );
  return row && staffFromRow(row);
}

/** The *active* member with this (normalised) address: who may sign in. A deactivated member is not found, like nobody (R9). */
export function findActiveStaffByEmail(db: Db, practiceId: number, email: string): StaffMember | undefined {
  const row = statement<[number, string], StaffRow>(
    db,
    `SELECT ${STAFF_COLUMNS} FROM staff_members WHERE practice_id = ? AND email = ? AND active = 1`,
  ).get(practiceId, email);
  return row && staffFromRow(row);
}

/** The active member with this id: whom a link may sign in. */
export function findActiveStaffById(db: Db, practiceId: number, staffId: number): StaffMember | undefined {
  const staff = findStaffById(db, practiceId, staffId);
  return staff?.active ? staff : undefined;
}

export function findStaffByEmail(db: Db, practiceId: number, email: string): StaffMember | undefined {
  const row = statement<[number, string], StaffRow>(db, `SELECT ${STAFF_COLUMNS} FROM staff_members WHERE practice_id = ? AND email = ?`).get(
    practiceId,
    email,
  );
  return row && staffFromRow(row);
}

export function listStaff(db: Db, practiceId: number): StaffMember[] {
  return statement<[number], StaffRow>(db, `SELECT ${STAFF_COLUMNS} FROM staff_members WHERE practice_id = ? ORDER BY name, id`)
    .all(practiceId)
    .map(staffFromRow);
}

export interface NewStaff {
  practiceId: number;
  email: string;
  name: string;
  role: StaffRole;
  clinicianId: number | null;
  preferredLanguage: string;
  notify?: boolean;
}

export function createStaff(db: Db, now: number, input: NewStaff): StaffMember {
  const row = statement<unknown[], StaffRow>(
    db,
    `INSERT INTO staff_members (practice_id, email, name, role, clinician_id, preferred_language, notify, active, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
     RETURNING ${STAFF_COLUMNS}`,
  ).get(input.practiceId, input.email, input.name, input.role, input.clinicianId, input.preferredLanguage, input.notify === false ? 0 : 1, now, now)!;
  return staffFromRow(row);
}

/** Writes the member's changeable fields as given (the caller merged them over the current row). */
export function saveStaff(db: Db, now: number, staff: StaffMember): StaffMember {
  const row = statement<unknown[], StaffRow>(
    db,
    `UPDATE staff_members SET name = ?, role = ?, clinician_id = ?, preferred_language = ?, notify = ?, active = ?, updated_at = ?
     WHERE practice_id = ? AND id = ?
     RETURNING ${STAFF_COLUMNS}`,
  ).get(
    staff.name,
    staff.role,
    staff.clinicianId,
    staff.preferredLanguage,
    staff.notify ? 1 : 0,
    staff.active ? 1 : 0,
    now,
    staff.practiceId,
    staff.id,
  )!;
  return staffFromRow(row);
}

export function countActiveOwners(db: Db, practiceId: number): number {
  return statement<[number], number>(db, "SELECT count(*) FROM staff_members WHERE practice_id = ? AND role = 'owner' AND active = 1")
    .pluck()
    .get(practiceId)!;
}

/** The member of this clinician, if any (a clinician has at most one). */
export function findStaffOfClinician(db: Db, clinicianId: number): StaffMember | undefined {
  const row = statement<[number], StaffRow>(db, `SELECT ${STAFF_COLUMNS} FROM staff_members WHERE clinician_id = ?`).get(clinicianId);
  return row && staffFromRow(row);
}

/**
 * What deactivating a member ends at once: their live sessions (ended as signed out) and their
 * unused links (superseded), so neither works a moment longer. Returns the sessions ended.
 */
export function endStaffAccess(db: Db, now: number, practiceId: number, staffId: number): number[] {
  statement<[number, number, number]>(
    db,
    `UPDATE staff_sign_in_links SET superseded_at = ?
     WHERE practice_id = ? AND staff_id = ? AND used_at IS NULL AND superseded_at IS NULL`,
  ).run(now, practiceId, staffId);
  return statement<[number, number, number], number>(
    db,
    `UPDATE staff_sessions SET ended_at = ?, end_reason = 'signed_out'
     WHERE practice_id = ? AND staff_id = ? AND ended_at IS NULL
     RETURNING id`,
  )
    .pluck()
    .all(now, practiceId, staffId);
}
