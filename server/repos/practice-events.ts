import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';

/** Ids and types only: what a webhook carries. */
export type EventData = Record<string, string | number | null>;

export interface StoredPracticeEvent {
  id: number;
  practiceId: number;
  publicId: string;
  type: string;
  data: EventData;
  profileId: number | null;
  clinicianId: number | null;
  occurredAt: number;
}

export interface PracticeEventRow {
  id: number;
  practice_id: number;
  public_id: string;
  type: string;
  data: string;
  profile_id: number | null;
  clinician_id: number | null;
  occurred_at: number;
}

export const eventFromRow = (r: PracticeEventRow): StoredPracticeEvent => ({
  id: r.id,
  practiceId: r.practice_id,
  publicId: r.public_id,
  type: r.type,
  data: JSON.parse(r.data) as EventData,
  profileId: r.profile_id,
  clinicianId: r.clinician_id,
  occurredAt: r.occurred_at,
});

export function insertPracticeEvent(db: Db, event: Omit<StoredPracticeEvent, 'id'>): number {
  const { lastInsertRowid } = statement(
    db,
    `INSERT INTO practice_events (practice_id, public_id, type, data, profile_id, clinician_id, occurred_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(event.practiceId, event.publicId, event.type, JSON.stringify(event.data), event.profileId, event.clinicianId, event.occurredAt);
  return Number(lastInsertRowid);
}

export function listPracticeEvents(db: Db, practiceId: number): StoredPracticeEvent[] {
  return statement<[number], PracticeEventRow>(db, 'SELECT * FROM practice_events WHERE practice_id = ? ORDER BY id')
    .all(practiceId)
    .map(eventFromRow);
}

/** The clinician a profile is assigned to, if any (who hears about its changes). */
export function profileClinicianId(db: Db, practiceId: number, profileId: number): number | null {
  const row = statement<[number, number], { clinician_id: number | null }>(
    db,
    'SELECT clinician_id FROM profiles WHERE practice_id = ? AND id = ?',
  ).get(practiceId, profileId);
  return row?.clinician_id ?? null;
}
