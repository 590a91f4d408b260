import type { OpenDay, SlotList } from '../../src/contract/index.js';
import type { Service } from '../repos/catalog.js';
import { openTimes, type AvailabilityScope } from './availability.js';
import { invalidField } from './errors.js';
import { DAY_MS, MINUTE_MS, formatDate, fromWall, isTimeZone, localDate, parseDate, startOfDay, toWall } from './time-zone.js';

/** The longest range one call may ask for: a quarter, enough for any month grid. */
export const MAX_RANGE_DAYS = 92;
const DEFAULT_RANGE_DAYS = 28;

export interface SlotRange {
  from?: string;
  to?: string;
  timeZone?: string;
}

/**
 * The open times of `service` with `clinicianIds` on the calendar days `from`–`to` of the
 * display zone (the client's, or the practice's), grouped by those days, days without an
 * open time left out. Times are instants; only the grouping depends on the display zone.
 */
export function slotList(scope: AvailabilityScope, service: Service, clinicianIds: readonly number[], range: SlotRange): SlotList {
  const displayZone = range.timeZone ?? scope.practice.timeZone;
  if (!isTimeZone(displayZone)) throw invalidField('timeZone');
  const today = startOfDay(toWall(displayZone, scope.now));
  const fromDay = range.from === undefined ? today : parseDate(range.from);
  if (fromDay === undefined) throw invalidField('from');
  const toDay = range.to === undefined ? fromDay + (DEFAULT_RANGE_DAYS - 1) * DAY_MS : parseDate(range.to);
  if (toDay === undefined || toDay < fromDay) throw invalidField('to');
  if ((toDay - fromDay) / DAY_MS > MAX_RANGE_DAYS) throw invalidField('to', 'out_of_range');

  const fromUtc = fromWall(displayZone, fromDay);
  const toUtc = fromWall(displayZone, toDay + DAY_MS);
  const duration = service.durationMinutes * MINUTE_MS;
  const days: OpenDay[] = [];
  for (const [start, ids] of openTimes(scope, service, clinicianIds, fromUtc, toUtc)) {
    const date = localDate(displayZone, start);
    let day = days[days.length - 1];
    if (day?.date !== date) {
      day = { date, slots: [] };
      days.push(day);
    }
    day.slots.push({ start: new Date(start).toISOString(), end: new Date(start + duration).toISOString(), clinicianIds: ids });
  }
  return {
    timeZone: scope.practice.timeZone,
    displayTimeZone: displayZone,
    from: formatDate(fromDay),
    to: formatDate(toDay),
    serviceId: service.id,
    days,
  };
}
