import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { transaction } from '../db/transaction.js';
import { addWeeklyHours, offerService, type WeeklyHours } from './catalog.js';
import { parseStringArray } from './json-columns.js';

// The office's changes to availability: a clinician's week, time off and services. Slots are
// computed from these tables on every request, so a change shows in open times at once.

export interface ClinicianRecord {
  id: number;
  name: string;
  email: string;
  languages: string[];
  active: boolean;
}

/** Every clinician of the practice, active or not, in the practice's order. */
export function listAllClinicians(db: Db, practiceId: number): ClinicianRecord[] {
  return statement<[number], { id: number; name: string; email: string; languages: string; active: number }>(
    db,
    'SELECT id, name, email, languages, active FROM clinicians WHERE practice_id = ? ORDER BY sort_order, name, id',
  )
    .all(practiceId)
    .map((r) => ({ id: r.id, name: r.name, email: r.email, languages: parseStringArray(r.languages, 'clinicians.languages'), active: r.active === 1 }));
}

/** The services each clinician offers, by clinician id. */
export function servicesByClinician(db: Db, practiceId: number): Map<number, number[]> {
  const rows = statement<[number], { clinician_id: number; service_id: number }>(
    db,
    'SELECT clinician_id, service_id FROM clinician_services WHERE practice_id = ? ORDER BY clinician_id, service_id',
  ).all(practiceId);
  const byClinician = new Map<number, number[]>();
  for (const r of rows) byClinician.set(r.clinician_id, [...(byClinician.get(r.clinician_id) ?? []), r.service_id]);
  return byClinician;
}

/** Replaces the clinician's week (the caller checked the clinician is the practice's). */
export function replaceWeeklyHours(db: Db, clinicianId: number, hours: readonly WeeklyHours[]): void {
  transaction(db, () => {
    statement(db, 'DELETE FROM clinician_hours WHERE clinician_id = ?').run(clinicianId);
    for (const block of hours) addWeeklyHours(db, clinicianId, block);
  });
}

/** Replaces the services the clinician offers. */
export function replaceClinicianServices(db: Db, practiceId: number, clinicianId: number, serviceIds: readonly number[]): void {
  transaction(db, () => {
    statement(db, 'DELETE FROM clinician_services WHERE practice_id = ? AND clinician_id = ?').run(practiceId, clinicianId);
    for (const serviceId of serviceIds) offerService(db, practiceId, clinicianId, serviceId);
  });
}

export interface TimeOffRecord {
  id: number;
  clinicianId: number;
  start: number;
  end: number;
  createdAt: number;
}

/** The clinician's absences that end after `after`, soonest first. */
export function listTimeOffEntries(db: Db, practiceId: number, clinicianId: number, after: number): TimeOffRecord[] {
  return statement<[number, number, number], TimeOffRecord>(
    db,
    `SELECT id, clinician_id AS clinicianId, starts_at AS start, ends_at AS end, created_at AS createdAt FROM clinician_time_off
     WHERE practice_id = ? AND clinician_id = ? AND ends_at > ? ORDER BY starts_at, id`,
  ).all(practiceId, clinicianId, after);
}

export function findTimeOffEntry(db: Db, practiceId: number, clinicianId: number, id: number): TimeOffRecord | undefined {
  return statement<[number, number, number], TimeOffRecord>(
    db,
    `SELECT id, clinician_id AS clinicianId, starts_at AS start, ends_at AS end, created_at AS createdAt FROM clinician_time_off
     WHERE practice_id = ? AND clinician_id = ? AND id = ?`,
  ).get(practiceId, clinicianId, id);
}

export function deleteTimeOff(db: Db, practiceId: number, clinicianId: number, id: number): boolean {
  return statement(db, 'DELETE FROM clinician_time_off WHERE practice_id = ? AND clinician_id = ? AND id = ?').run(practiceId, clinicianId, id).changes > 0;
}
