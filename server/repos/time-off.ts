import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import type { Interval } from '../booking/slots.js';

/** Records an absence of a clinician of `practiceId` (the schema refuses another practice's). */
export function addTimeOff(db: Db, clock: Clock, input: { practiceId: number; clinicianId: number; start: number; end: number }): number {
  const { lastInsertRowid } = statement(
    db,
    'INSERT INTO clinician_time_off (practice_id, clinician_id, starts_at, ends_at, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(input.practiceId, input.clinicianId, input.start, input.end, clock.now());
  return Number(lastInsertRowid);
}

/** The clinician's absences that meet [from, to). */
export function listTimeOff(db: Db, practiceId: number, clinicianId: number, from: number, to: number): Interval[] {
  return statement<[number, number, number, number], Interval>(
    db,
    `SELECT starts_at AS start, ends_at AS end FROM clinician_time_off
     WHERE practice_id = ? AND clinician_id = ? AND starts_at < ? AND ends_at > ?
     ORDER BY starts_at`,
  ).all(practiceId, clinicianId, to, from);
}
