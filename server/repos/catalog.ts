import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { parseStringArray, parseStringRecord } from './json-columns.js';

export type ServiceKind = 'intake' | 'individual' | 'couple';
export type Modality = 'telehealth' | 'in_person';

export interface Clinician {
  id: number;
  practiceId: number;
  name: string;
  email: string;
  languages: string[];
  /** Biography per language, e.g. { en: '…', es: '…' }. */
  bio: Record<string, string>;
}

export interface Service {
  id: number;
  practiceId: number;
  slug: string;
  /** Name per language, e.g. { en: 'Intake', es: 'Primera consulta' }. */
  names: Record<string, string>;
  kind: ServiceKind;
  durationMinutes: number;
  bufferMinutes: number;
  modalities: Modality[];
}

/** A weekly working block in the practice's time zone. */
export interface WeeklyHours {
  /** ISO 8601 weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes after local midnight. */
  startMinute: number;
  endMinute: number;
}

interface ClinicianRow {
  id: number;
  practice_id: number;
  name: string;
  email: string;
  languages: string;
  bio: string;
}

const clinicianFromRow = (r: ClinicianRow): Clinician => ({
  id: r.id,
  practiceId: r.practice_id,
  name: r.name,
  email: r.email,
  languages: parseStringArray(r.languages, 'clinicians.languages'),
  bio: parseStringRecord(r.bio, 'clinicians.bio'),
});

interface ServiceRow {
  id: number;
  practice_id: number;
  slug: string;
  names: string;
  kind: ServiceKind;
  duration_minutes: number;
  buffer_minutes: number;
  modalities: string;
}

const serviceFromRow = (r: ServiceRow): Service => ({
  id: r.id,
  practiceId: r.practice_id,
  slug: r.slug,
  names: parseStringRecord(r.names, 'services.names'),
  kind: r.kind,
  durationMinutes: r.duration_minutes,
  bufferMinutes: r.buffer_minutes,
  modalities: parseStringArray(r.modalities, 'services.modalities') as Modality[],
});

export function createClinician(
  db: Db,
  clock: Clock,
  input: { practiceId: number; name: string; email: string; languages: string[]; bio?: Record<string, string>; sortOrder?: number },
): Clinician {
  const now = clock.now();
  const { lastInsertRowid } = statement(
    db,
    `INSERT INTO clinicians (practice_id, name, email, languages, bio, sort_order, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    input.practiceId,
    input.name,
    input.email.trim().toLowerCase(),
    JSON.stringify(input.languages),
    JSON.stringify(input.bio ?? {}),
    input.sortOrder ?? 0,
    now,
    now,
  );
  return findClinician(db, input.practiceId, Number(lastInsertRowid))!;
}

export function findClinician(db: Db, practiceId: number, clinicianId: number): Clinician | undefined {
  const row = statement<[number, number], ClinicianRow>(
    db,
    'SELECT * FROM clinicians WHERE practice_id = ? AND id = ?',
  ).get(practiceId, clinicianId);
  return row && clinicianFromRow(row);
}

export function listClinicians(db: Db, practiceId: number): Clinician[] {
  return statement<[number], ClinicianRow>(
    db,
    'SELECT * FROM clinicians WHERE practice_id = ? AND active = 1 ORDER BY sort_order, name, id',
  )
    .all(practiceId)
    .map(clinicianFromRow);
}

export function createService(
  db: Db,
  clock: Clock,
  input: {
    practiceId: number;
    slug: string;
    names: Record<string, string>;
    kind: ServiceKind;
    durationMinutes: number;
    bufferMinutes?: number;
    modalities: Modality[];
    sortOrder?: number;
  },
): Service {
  const now = clock.now();
  const { lastInsertRowid } = statement(
    db,
    `INSERT INTO services (practice_id, slug, names, kind, duration_minutes, buffer_minutes, modalities, sort_order, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    input.practiceId,
    input.slug,
    JSON.stringify(input.names),
    input.kind,
    input.durationMinutes,
    input.bufferMinutes ?? 0,
    JSON.stringify(input.modalities),
    input.sortOrder ?? 0,
    now,
    now,
  );
  return findService(db, input.practiceId, Number(lastInsertRowid))!;
}

export function findService(db: Db, practiceId: number, serviceId: number): Service | undefined {
  const row = statement<[number, number], ServiceRow>(db, 'SELECT * FROM services WHERE practice_id = ? AND id = ?').get(
    practiceId,
    serviceId,
  );
  return row && serviceFromRow(row);
}

export function listServices(db: Db, practiceId: number): Service[] {
  return statement<[number], ServiceRow>(
    db,
    'SELECT * FROM services WHERE practice_id = ? AND active = 1 ORDER BY sort_order, id',
  )
    .all(practiceId)
    .map(serviceFromRow);
}

/** Records that a clinician offers a service; both must belong to `practiceId` (the schema checks). */
export function offerService(db: Db, practiceId: number, clinicianId: number, serviceId: number): void {
  statement(
    db,
    'INSERT OR IGNORE INTO clinician_services (practice_id, clinician_id, service_id) VALUES (?, ?, ?)',
  ).run(practiceId, clinicianId, serviceId);
}

export function listClinicianIdsForService(db: Db, practiceId: number, serviceId: number): number[] {
  return statement<[number, number], { clinician_id: number }>(
    db,
    'SELECT clinician_id FROM clinician_services WHERE practice_id = ? AND service_id = ? ORDER BY clinician_id',
  )
    .all(practiceId, serviceId)
    .map((r) => r.clinician_id);
}

export function addWeeklyHours(db: Db, clinicianId: number, hours: WeeklyHours): void {
  statement(
    db,
    'INSERT INTO clinician_hours (clinician_id, weekday, start_minute, end_minute) VALUES (?, ?, ?, ?)',
  ).run(clinicianId, hours.weekday, hours.startMinute, hours.endMinute);
}

export function listWeeklyHours(db: Db, practiceId: number, clinicianId: number): WeeklyHours[] {
  return statement<[number, number], { weekday: number; start_minute: number; end_minute: number }>(
    db,
    `SELECT h.weekday, h.start_minute, h.end_minute
     FROM clinician_hours h JOIN clinicians c ON c.id = h.clinician_id
     WHERE c.practice_id = ? AND h.clinician_id = ?
     ORDER BY h.weekday, h.start_minute`,
  )
    .all(practiceId, clinicianId)
    .map((r) => ({ weekday: r.weekday, startMinute: r.start_minute, endMinute: r.end_minute }));
}
