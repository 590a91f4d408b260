/**
 * Wall-clock ↔ UTC arithmetic for IANA time zones with nothing but Intl (no date library,
 * no Temporal on Node 20). A "wall" time is a local date and time written as if it were UTC
 * milliseconds (Date.UTC(y, m - 1, d, h, mi)), so plain arithmetic and getUTC* work on it.
 *
 * Offsets are read from Intl.DateTimeFormat and cached per zone in 15-minute buckets: every
 * real zone changes its offset on a quarter hour, and a formatToParts call costs
 * microseconds, which the open-slot computation would otherwise pay thousands of times.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
const BUCKET_MS = 15 * MINUTE_MS;
/** Bounds the cache; a full reset costs a few thousand Intl calls at worst. */
const MAX_CACHED_OFFSETS = 200_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();
let cachedOffsets = 0;

function formatterFor(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    // Throws RangeError for an unknown zone, which isTimeZone turns into false.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  return format;
}

/** Whether `zone` is an IANA zone this runtime knows (e.g. a client's zone from a query). */
export function isTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

function computeOffset(zone: string, utc: number): number {
  const parts = formatterFor(zone).formatToParts(utc);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - utc; // utc is a bucket start: whole seconds, as the parts are
}

/** The zone's offset (local − UTC, in ms) at the instant `utc`. */
export function zoneOffset(zone: string, utc: number): number {
  const bucket = Math.floor(utc / BUCKET_MS);
  let byBucket = offsets.get(zone);
  if (!byBucket) {
    byBucket = new Map();
    offsets.set(zone, byBucket);
  }
  let offset = byBucket.get(bucket);
  if (offset === undefined) {
    offset = computeOffset(zone, bucket * BUCKET_MS);
    if (cachedOffsets >= MAX_CACHED_OFFSETS) {
      offsets.clear();
      cachedOffsets = 0;
      byBucket = new Map();
      offsets.set(zone, byBucket);
    }
    byBucket.set(bucket, offset);
    cachedOffsets += 1;
  }
  return offset;
}

/** The wall time in `zone` at the instant `utc`. */
export function toWall(zone: string, utc: number): number {
  return utc + zoneOffset(zone, utc);
}

/**
 * The instant of a wall time in `zone`, disambiguated like Temporal's "compatible": a wall
 * time that happens twice (the repeated hour when clocks fall back) is its earlier instant;
 * one that never happens (the skipped hour when they spring forward) is read with the
 * offset before the change, i.e. moved forward by the gap (02:30 → 03:30).
 */
export function fromWall(zone: string, wall: number): number {
  // Zones change offset at most once within a day either side of any wall time.
  const before = zoneOffset(zone, wall - DAY_MS);
  const after = zoneOffset(zone, wall + DAY_MS);
  let found: number | undefined;
  for (const offset of before === after ? [before] : [before, after]) {
    const utc = wall - offset;
    if (zoneOffset(zone, utc) === offset && (found === undefined || utc < found)) found = utc;
  }
  return found ?? wall - before;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The wall midnight of a YYYY-MM-DD date, or undefined when it is not a real date. */
export function parseDate(text: string): number | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const wall = Date.UTC(year, month - 1, day);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return wall;
}

/** The YYYY-MM-DD of a wall time. */
export function formatDate(wall: number): string {
  return new Date(wall).toISOString().slice(0, 10);
}

/** The wall midnight of the day a wall time falls on. */
export function startOfDay(wall: number): number {
  return Math.floor(wall / DAY_MS) * DAY_MS;
}

/** ISO 8601 weekday of a wall time: 1 = Monday … 7 = Sunday (as clinician_hours stores it). */
export function isoWeekday(wall: number): number {
  return ((new Date(wall).getUTCDay() + 6) % 7) + 1;
}

/** The local date (YYYY-MM-DD) in `zone` of the instant `utc`. */
export function localDate(zone: string, utc: number): string {
  return formatDate(toWall(zone, utc));
}
