import type {
  ClinicianServices,
  FieldErrorCode,
  OfficeClinicianList,
  TimeOffEntry,
  TimeOffList,
  TimeOffRequest,
  WeeklyHoursBlock,
  WeeklyHoursWeek,
} from '../../src/contract/index.js';
import { transaction } from '../db/transaction.js';
import { iso } from '../documents/present.js';
import { ApiError, notFound } from '../errors.js';
import { findClinician, listServices, listWeeklyHours, type WeeklyHours } from '../repos/catalog.js';
import {
  deleteTimeOff,
  findTimeOffEntry,
  listAllClinicians,
  listTimeOffEntries,
  replaceClinicianServices,
  replaceWeeklyHours,
  servicesByClinician,
  type TimeOffRecord,
} from '../repos/clinician-availability.js';
import { addTimeOff } from '../repos/time-off.js';
import { audit } from '../request/audit.js';
import type { OfficeCall, OfficeDeps } from './call.js';
import { assertClinicianEditable } from './visibility.js';

// Availability, the office's side: each clinician's weekly hours, time off and services. A
// clinician changes only their own (another's answers 404); office staff and owners anyone's.
// Open times are computed from these on every request, so clients see a change at once.
// Changes are audited with ids only.

const refuse = (fields: Record<string, FieldErrorCode>) => new ApiError(400, 'validation', undefined, fields);

/** The clinician, when it is the practice's and the caller may act on it; otherwise 404. */
function requireClinician(deps: OfficeDeps, call: OfficeCall, clinicianId: number): void {
  assertClinicianEditable(deps, call, clinicianId);
  if (!findClinician(deps.db, call.practice.id, clinicianId)) throw notFound();
}

function changeAudit(deps: OfficeDeps, call: OfficeCall, action: 'sensitive_create' | 'sensitive_update' | 'sensitive_delete', resourceType: string, resourceId: number): void {
  audit(deps, call, { action, resourceType, resourceId });
}

export function officeClinicians(deps: OfficeDeps, call: OfficeCall): OfficeClinicianList {
  const services = servicesByClinician(deps.db, call.practice.id);
  return { clinicians: listAllClinicians(deps.db, call.practice.id).map((c) => ({ ...c, services: services.get(c.id) ?? [] })) };
}

const clockTime = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

function presentWeek(timeZone: string, hours: WeeklyHours[]): WeeklyHoursWeek {
  return { timeZone, hours: hours.map((h) => ({ weekday: h.weekday, start: clockTime(h.startMinute), end: clockTime(h.endMinute) })) };
}

export function clinicianHours(deps: OfficeDeps, call: OfficeCall, clinicianId: number): WeeklyHoursWeek {
  requireClinician(deps, call, clinicianId);
  return presentWeek(call.practice.timeZone, listWeeklyHours(deps.db, call.practice.id, clinicianId));
}

/**
 * The week as minutes, or 400: each block's end after its start (`hours.N.end`), and no block
 * overlapping an earlier one of the same day (`hours.N.start`).
 */
export function weekFromBlocks(blocks: readonly WeeklyHoursBlock[]): WeeklyHours[] {
  const fields: Record<string, FieldErrorCode> = {};
  const week = blocks.map((b) => ({ weekday: b.weekday, startMinute: minutesOf(b.start), endMinute: minutesOf(b.end) }));
  week.forEach((block, i) => {
    if (block.startMinute >= 1440) fields[`hours.${i}.start`] = 'invalid';
    else if (block.endMinute <= block.startMinute) fields[`hours.${i}.end`] = 'invalid';
    else if (week.slice(0, i).some((o) => o.weekday === block.weekday && o.startMinute < block.endMinute && block.startMinute < o.endMinute)) {
      fields[`hours.${i}.start`] = 'invalid';
    }
  });
  if (Object.keys(fields).length > 0) throw refuse(fields);
  return [...week].sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
}

export function replaceClinicianHours(deps: OfficeDeps, call: OfficeCall, clinicianId: number, body: WeeklyHoursWeek): WeeklyHoursWeek {
  requireClinician(deps, call, clinicianId);
  const week = weekFromBlocks(body.hours);
  transaction(deps.db, () => {
    replaceWeeklyHours(deps.db, clinicianId, week);
    changeAudit(deps, call, 'sensitive_update', 'clinician_hours', clinicianId);
  });
  return clinicianHours(deps, call, clinicianId);
}

const presentTimeOff = (t: TimeOffRecord): TimeOffEntry => ({ id: t.id, clinicianId: t.clinicianId, start: iso(t.start), end: iso(t.end), createdAt: iso(t.createdAt) });

export function clinicianTimeOff(deps: OfficeDeps, call: OfficeCall, clinicianId: number): TimeOffList {
  requireClinician(deps, call, clinicianId);
  return { timeOff: listTimeOffEntries(deps.db, call.practice.id, clinicianId, deps.clock.now()).map(presentTimeOff) };
}

/** Adds an absence; `end` must be after `start` (400 `fields.end`). */
export function addClinicianTimeOff(deps: OfficeDeps, call: OfficeCall, clinicianId: number, body: TimeOffRequest): TimeOffEntry {
  requireClinician(deps, call, clinicianId);
  const start = Date.parse(body.start);
  const end = Date.parse(body.end);
  if (!(end > start)) throw refuse({ end: 'invalid' });
  return transaction(deps.db, () => {
    const id = addTimeOff(deps.db, deps.clock, { practiceId: call.practice.id, clinicianId, start, end });
    changeAudit(deps, call, 'sensitive_create', 'clinician_time_off', id);
    return presentTimeOff(findTimeOffEntry(deps.db, call.practice.id, clinicianId, id)!);
  });
}

export function removeClinicianTimeOff(deps: OfficeDeps, call: OfficeCall, clinicianId: number, timeOffId: number): void {
  requireClinician(deps, call, clinicianId);
  transaction(deps.db, () => {
    if (!deleteTimeOff(deps.db, call.practice.id, clinicianId, timeOffId)) throw notFound();
    changeAudit(deps, call, 'sensitive_delete', 'clinician_time_off', timeOffId);
  });
}

export function clinicianServices(deps: OfficeDeps, call: OfficeCall, clinicianId: number): ClinicianServices {
  requireClinician(deps, call, clinicianId);
  return { services: servicesByClinician(deps.db, call.practice.id).get(clinicianId) ?? [] };
}

/** Replaces what the clinician offers: active services of the practice only (400 `services.N`). */
export function replaceServicesOf(deps: OfficeDeps, call: OfficeCall, clinicianId: number, body: ClinicianServices): ClinicianServices {
  requireClinician(deps, call, clinicianId);
  const known = new Set(listServices(deps.db, call.practice.id).map((s) => s.id));
  const fields: Record<string, FieldErrorCode> = {};
  body.services.forEach((id, i) => {
    if (!known.has(id)) fields[`services.${i}`] = 'invalid';
  });
  if (Object.keys(fields).length > 0) throw refuse(fields);
  transaction(deps.db, () => {
    replaceClinicianServices(deps.db, call.practice.id, clinicianId, body.services);
    changeAudit(deps, call, 'sensitive_update', 'clinician_services', clinicianId);
  });
  return clinicianServices(deps, call, clinicianId);
}
