import { msg, str } from '@lit/localize';
import { getLocale } from '../../core/i18n/localization.js';

// Dates and times are formatted by the browser (Intl), never by hand, so both languages
// read naturally. Time-zone arithmetic stays on the server: here, calendar days are
// `YYYY-MM-DD` strings handled as UTC midnights, which have no zone to go wrong in.

const DAY_MS = 86_400_000;

const format = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(getLocale(), options);

/** The browser's own zone: the one a client reads times in. */
export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Today's date in `zone`, as `YYYY-MM-DD` (the Canadian English format is ISO). */
export const today = (zone: string): string => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());

export const toDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
export const addDays = (day: string, days: number): string => toDay(dayMs(day) + days * DAY_MS);

/** `YYYY-MM-01` of the month `months` after the month of `day`. */
export function monthStart(day: string, months = 0): string {
  const date = new Date(dayMs(day));
  return toDay(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
}

/** The same day of the month `months` away, clamped to that month's last day. */
export function addMonths(day: string, months: number): string {
  const first = monthStart(day, months);
  const last = addDays(monthStart(day, months + 1), -1);
  const moved = first.slice(0, 8) + day.slice(8);
  return moved > last ? last : moved;
}

/** "Tuesday, December 1, 2026" for a calendar day. */
export const longDay = (day: string): string =>
  format({ weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(dayMs(day));

/** "December 2026". */
export const monthName = (day: string): string => format({ month: 'long', year: 'numeric', timeZone: 'UTC' }).format(dayMs(day));

/** Weekday names from the locale's first day of the week: [short, long][]. */
export function weekdays(): Array<[string, string]> {
  const first = firstWeekday();
  // 2023-01-01 was a Sunday.
  return Array.from({ length: 7 }, (_, i) => {
    const ms = Date.UTC(2023, 0, 1 + ((first + i) % 7));
    return [format({ weekday: 'short', timeZone: 'UTC' }).format(ms), format({ weekday: 'long', timeZone: 'UTC' }).format(ms)];
  });
}

/** 0 = Sunday … 6 = Saturday, from the locale's week data where the browser has it. */
export function firstWeekday(): number {
  const locale = new Intl.Locale(getLocale()) as Intl.Locale & { getWeekInfo?: () => { firstDay: number } };
  return (locale.getWeekInfo?.().firstDay ?? 7) % 7;
}

/** "10:00 AM" in `zone`. */
export const time = (instant: string, zone: string): string => format({ hour: 'numeric', minute: '2-digit', timeZone: zone }).format(Date.parse(instant));

/** "Tuesday, December 1, 2026, 10:00 – 10:50 AM CST" in `zone`. */
export const when = (start: string, end: string, zone: string): string =>
  format({
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone: zone,
  }).formatRange(Date.parse(start), Date.parse(end));

/** "Practice time: 9:00 – 9:50 AM (Central Time)", only when the zones differ. */
export function practiceTime(start: string, end: string, zone: string, practiceZone: string): string {
  if (zone === practiceZone) return '';
  const [from, to] = [Date.parse(start), Date.parse(end)];
  const range = format({ hour: 'numeric', minute: '2-digit', timeZone: practiceZone }).formatRange(from, to);
  // formatRange shortens a zone's long name to an offset, so the name is asked for on its own.
  const name = format({ timeZoneName: 'longGeneric', timeZone: practiceZone })
    .formatToParts(from)
    .find((part) => part.type === 'timeZoneName')?.value;
  return msg(str`Practice time: ${range} (${name})`, { id: 'booking.practice-time' });
}

/** "3 open times", "1 open time", "No open times". */
export function openTimes(count: number): string {
  if (!count) return msg('No open times', { id: 'booking.times-none' });
  return new Intl.PluralRules(getLocale()).select(count) === 'one'
    ? msg('1 open time', { id: 'booking.times-one' })
    : msg(str`${count} open times`, { id: 'booking.times-other' });
}
