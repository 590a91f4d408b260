/**
 * Open-time computation, pure: no database, no clock. The inputs are one clinician's weekly
 * hours (wall-clock minutes in the practice's zone), absences and live bookings; the output
 * is every start time when a session of the service fits.
 *
 * Each block of working hours is turned into instants *per day* (so 09:00 stays 09:00 on
 * both sides of a daylight-saving change), and candidate starts are then stepped in real
 * time from the block's start. A session must lie inside the block and outside every
 * absence; the session plus its buffer must not overlap any booking plus that booking's
 * buffer, which is exactly what the database's overlap trigger refuses.
 */
import type { WeeklyHours } from '../repos/catalog.js';
import { DAY_MS, MINUTE_MS, fromWall, isoWeekday, startOfDay, toWall } from './time-zone.js';

/** A half-open range of instants [start, end), UTC ms. */
export interface Interval {
  start: number;
  end: number;
}

export interface ClinicianSchedule {
  clinicianId: number;
  hours: readonly WeeklyHours[];
  timeOff: readonly Interval[];
  /** Live bookings as [starts_at, blocked_until): the session and the buffer after it. */
  busy: readonly Interval[];
}

export interface SlotRules {
  /** The practice's IANA zone: weekly hours are wall-clock times there. */
  timeZone: string;
  durationMinutes: number;
  bufferMinutes: number;
  stepMinutes: number;
  /** Only starts in [earliest, latest) are offered (notice, horizon and the asked range folded in). */
  earliest: number;
  latest: number;
}

/** Sorted, non-overlapping intervals covering the same instants, so one binary search answers "free?". */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ start: interval.start, end: interval.end });
  }
  return merged;
}

/** Whether [start, end) meets any of the merged intervals. */
function overlapsAny(merged: readonly Interval[], start: number, end: number): boolean {
  // The last interval starting before `end` reaches furthest of all that might overlap.
  let lo = 0;
  let hi = merged.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (merged[mid].start < end) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && merged[lo - 1].end > start;
}

/** Weekly hours grouped by ISO weekday (index 1–7), each day's blocks by start. */
function hoursByWeekday(hours: readonly WeeklyHours[]): WeeklyHours[][] {
  const byDay: WeeklyHours[][] = Array.from({ length: 8 }, () => []);
  for (const block of hours) byDay[block.weekday]?.push(block);
  for (const day of byDay) day.sort((a, b) => a.startMinute - b.startMinute);
  return byDay;
}

/** Every open start of one clinician in [rules.earliest, rules.latest), ascending. */
export function openStarts(schedule: ClinicianSchedule, rules: SlotRules): number[] {
  if (rules.latest <= rules.earliest) return [];
  const duration = rules.durationMinutes * MINUTE_MS;
  const blocked = duration + rules.bufferMinutes * MINUTE_MS;
  const step = Math.max(1, rules.stepMinutes) * MINUTE_MS;
  const timeOff = mergeIntervals(schedule.timeOff);
  const busy = mergeIntervals(schedule.busy);
  const byDay = hoursByWeekday(schedule.hours);
  const starts = new Set<number>();
  // Wall days of the practice that can hold a start in range (a day either side for safety).
  const firstDay = startOfDay(toWall(rules.timeZone, rules.earliest)) - DAY_MS;
  const lastDay = startOfDay(toWall(rules.timeZone, rules.latest)) + DAY_MS;
  for (let day = firstDay; day <= lastDay; day += DAY_MS) {
    for (const block of byDay[isoWeekday(day)]) {
      const blockStart = fromWall(rules.timeZone, day + block.startMinute * MINUTE_MS);
      const blockEnd = fromWall(rules.timeZone, day + block.endMinute * MINUTE_MS);
      for (let start = blockStart; start + duration <= blockEnd; start += step) {
        if (start < rules.earliest) continue;
        if (start >= rules.latest) break;
        if (overlapsAny(timeOff, start, start + duration)) continue;
        if (overlapsAny(busy, start, start + blocked)) continue;
        starts.add(start);
      }
    }
  }
  return [...starts].sort((a, b) => a - b);
}

/**
 * Open starts of several clinicians: start → the clinicians free then, in the order given
 * (the practice's order, so "any available" offers the first of them).
 */
export function openStartsForClinicians(schedules: readonly ClinicianSchedule[], rules: SlotRules): Map<number, number[]> {
  const byStart = new Map<number, number[]>();
  for (const schedule of schedules) {
    for (const start of openStarts(schedule, rules)) {
      const free = byStart.get(start);
      if (free) free.push(schedule.clinicianId);
      else byStart.set(start, [schedule.clinicianId]);
    }
  }
  return new Map([...byStart.entries()].sort((a, b) => a[0] - b[0]));
}
