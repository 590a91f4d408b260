import type { Db } from '../db/open.js';
import { listBusyIntervals } from '../repos/appointments.js';
import type { BookingSettings } from '../repos/booking-settings.js';
import { listWeeklyHours, type Service } from '../repos/catalog.js';
import type { Practice } from '../repos/practices.js';
import { listTimeOff } from '../repos/time-off.js';
import { openStarts, openStartsForClinicians, type ClinicianSchedule, type SlotRules } from './slots.js';
import { DAY_MS, HOUR_MS } from './time-zone.js';

/** Everything open times depend on besides the clinician's own data. */
export interface AvailabilityScope {
  db: Db;
  now: number;
  practice: Pick<Practice, 'id' | 'timeZone'>;
  settings: BookingSettings;
}

/** Sessions with their buffer last at most 12 h (the schema's CHECK): how far back a booking can reach. */
const LONGEST_BLOCK_MS = 12 * HOUR_MS;

/** One clinician's hours, absences and live bookings around [from, to). */
export function clinicianSchedule(scope: AvailabilityScope, clinicianId: number, from: number, to: number): ClinicianSchedule {
  const { db, practice, now } = scope;
  return {
    clinicianId,
    hours: listWeeklyHours(db, practice.id, clinicianId),
    timeOff: listTimeOff(db, practice.id, clinicianId, from, to + LONGEST_BLOCK_MS),
    busy: listBusyIntervals(db, clinicianId, from, to + LONGEST_BLOCK_MS, now),
  };
}

/** The rules for `service` over [from, to), narrowed to the practice's notice and horizon. */
export function slotRules(scope: AvailabilityScope, service: Service, from: number, to: number): SlotRules {
  const { now, settings } = scope;
  return {
    timeZone: scope.practice.timeZone,
    durationMinutes: service.durationMinutes,
    bufferMinutes: service.bufferMinutes,
    stepMinutes: settings.slotStepMinutes,
    earliest: Math.max(from, now + settings.minNoticeHours * HOUR_MS),
    latest: Math.min(to, now + settings.horizonDays * DAY_MS),
  };
}

/** Open starts in [from, to) for `service` with any of `clinicianIds`: start → who is free. */
export function openTimes(
  scope: AvailabilityScope,
  service: Service,
  clinicianIds: readonly number[],
  from: number,
  to: number,
): Map<number, number[]> {
  const rules = slotRules(scope, service, from, to);
  if (rules.latest <= rules.earliest) return new Map();
  const schedules = clinicianIds.map((id) => clinicianSchedule(scope, id, rules.earliest, rules.latest));
  return openStartsForClinicians(schedules, rules);
}

/**
 * Whether `start` is an open time of the clinician for the service right now: the same
 * computation as the list the client chose from, so a request can only take a time that
 * was (and still is) offered.
 */
export function isOpenTime(scope: AvailabilityScope, service: Service, clinicianId: number, start: number): boolean {
  const rules = slotRules(scope, service, start, start + 1);
  if (rules.latest <= rules.earliest) return false;
  return openStarts(clinicianSchedule(scope, clinicianId, rules.earliest, rules.latest), rules).includes(start);
}
