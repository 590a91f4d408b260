// Dates, times and weekdays in the practice's time zone and the console's language, through Intl.
import { getLocale } from '../core/i18n/localization.js';

/** "Dec 4, 2026, 2:30 PM" in the practice's zone. */
export function formatDateTime(iso: string | number, timeZone: string): string {
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** "Friday, December 4, 2:30 PM" for appointment times. */
export function formatSlot(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(getLocale(), { weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone }).format(
    new Date(iso),
  );
}

export function formatDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone }).format(new Date(iso));
}

/** ISO weekday 1 = Monday … 7 = Sunday, as a name ("Monday", "lunes"). */
export function weekdayName(weekday: number): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(getLocale(), { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, weekday)));
}

/** The zone's offset from UTC at an instant, in minutes (America/Chicago in winter: -360). */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - instant) / 60000);
}

/**
 * A wall-clock date and time in `timeZone` as a UTC ISO instant ("2026-12-24", "00:00",
 * "America/Chicago" → "2026-12-24T06:00:00.000Z"). Two passes settle days when the offset changes.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let instant = wall - offsetMinutes(wall, timeZone) * 60000;
  instant = wall - offsetMinutes(instant, timeZone) * 60000;
  return new Date(instant).toISOString();
}
