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
