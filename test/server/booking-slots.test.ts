// Open-time computation without the app: wall-clock ↔ UTC across daylight-saving changes,
// and the slot rules (hours, notice, buffer, bookings, time off).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mergeIntervals, openStarts, type ClinicianSchedule, type SlotRules } from '../../server/booking/slots.js';
import { fromWall, isTimeZone, localDate, parseDate, toWall, zoneOffset } from '../../server/booking/time-zone.js';

const CHICAGO = 'America/Chicago';
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const wall = (y: number, m: number, d: number, h = 0, mi = 0) => Date.UTC(y, m - 1, d, h, mi);

describe('time zones with Intl only', () => {
  test('offsets of Chicago on both sides of the 2026 changes (8 March, 1 November)', () => {
    assert.equal(zoneOffset(CHICAGO, Date.parse('2026-03-08T07:59:00Z')), -6 * HOUR);
    assert.equal(zoneOffset(CHICAGO, Date.parse('2026-03-08T08:00:00Z')), -5 * HOUR);
    assert.equal(zoneOffset(CHICAGO, Date.parse('2026-11-01T06:59:00Z')), -5 * HOUR);
    assert.equal(zoneOffset(CHICAGO, Date.parse('2026-11-01T07:00:00Z')), -6 * HOUR);
    assert.equal(zoneOffset('Asia/Kolkata', Date.parse('2026-01-01T00:00:00Z')), 5.5 * HOUR);
  });

  test('a wall time is the same wall time on both sides of a change', () => {
    assert.equal(iso(fromWall(CHICAGO, wall(2026, 3, 6, 9))), '2026-03-06T15:00:00.000Z'); // Friday, CST
    assert.equal(iso(fromWall(CHICAGO, wall(2026, 3, 9, 9))), '2026-03-09T14:00:00.000Z'); // Monday, CDT
    assert.equal(iso(fromWall(CHICAGO, wall(2026, 10, 30, 9))), '2026-10-30T14:00:00.000Z'); // Friday, CDT
    assert.equal(iso(fromWall(CHICAGO, wall(2026, 11, 2, 9))), '2026-11-02T15:00:00.000Z'); // Monday, CST
  });

  test('the skipped hour moves forward; the repeated hour is its first occurrence', () => {
    assert.equal(iso(fromWall(CHICAGO, wall(2026, 3, 8, 2, 30))), '2026-03-08T08:30:00.000Z'); // 03:30 CDT
    assert.equal(iso(fromWall(CHICAGO, wall(2026, 11, 1, 1, 30))), '2026-11-01T06:30:00.000Z'); // 01:30 CDT
    assert.equal(toWall(CHICAGO, Date.parse('2026-11-01T07:30:00Z')), wall(2026, 11, 1, 1, 30)); // 01:30 CST, the second time
  });

  test('round trip for every hour of both change days, and local dates', () => {
    for (const day of [wall(2026, 3, 8), wall(2026, 11, 1)]) {
      for (let h = 0; h < 24; h += 1) {
        const utc = fromWall(CHICAGO, day + h * HOUR);
        if (!(day === wall(2026, 3, 8) && h === 2)) assert.equal(toWall(CHICAGO, utc), day + h * HOUR, `hour ${h}`);
      }
    }
    assert.equal(localDate(CHICAGO, Date.parse('2026-03-10T04:00:00Z')), '2026-03-09');
    assert.equal(localDate('Asia/Tokyo', Date.parse('2026-03-10T04:00:00Z')), '2026-03-10');
  });

  test('dates and zones are validated', () => {
    assert.equal(parseDate('2026-02-29'), undefined);
    assert.equal(parseDate('2026-2-1'), undefined);
    assert.equal(parseDate('2028-02-29'), wall(2028, 2, 29));
    assert.equal(isTimeZone('Europe/Madrid'), true);
    assert.equal(isTimeZone('Mars/Olympus'), false);
    assert.equal(isTimeZone(''), false);
  });
});

/** Monday–Friday 09:00–17:00, Sunday 00:00–04:00 (to cross the changes, which happen at 02:00 on Sundays). */
const HOURS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 17 * 60 })).concat([
  { weekday: 7, startMinute: 0, endMinute: 4 * 60 },
]);

function schedule(overrides: Partial<ClinicianSchedule> = {}): ClinicianSchedule {
  return { clinicianId: 1, hours: HOURS, timeOff: [], busy: [], ...overrides };
}

function rules(from: string, to: string, overrides: Partial<SlotRules> = {}): SlotRules {
  return {
    timeZone: CHICAGO,
    durationMinutes: 60,
    bufferMinutes: 0,
    stepMinutes: 30,
    earliest: Date.parse(from),
    latest: Date.parse(to),
    ...overrides,
  };
}

describe('open starts', () => {
  test('weekday hours keep their wall time across the March change', () => {
    const list = openStarts(schedule(), rules('2026-03-06T00:00:00Z', '2026-03-10T00:00:00Z'));
    const friday = list.filter((s) => iso(s).startsWith('2026-03-06'));
    const monday = list.filter((s) => iso(s).startsWith('2026-03-09'));
    assert.equal(iso(friday[0]), '2026-03-06T15:00:00.000Z'); // 09:00 CST
    assert.equal(iso(friday[friday.length - 1]), '2026-03-06T22:00:00.000Z'); // 16:00 CST, ends at 17:00
    assert.equal(iso(monday[0]), '2026-03-09T14:00:00.000Z'); // 09:00 CDT
    assert.equal(iso(monday[monday.length - 1]), '2026-03-09T21:00:00.000Z');
    assert.equal(friday.length, 15);
    assert.equal(monday.length, 15);
  });

  test('a block across the skipped hour holds only the hours that exist', () => {
    // Sunday 8 March 00:00–04:00 CST/CDT is three real hours: 06:00Z to 09:00Z.
    const sunday = openStarts(schedule(), rules('2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z')).map(iso);
    assert.deepEqual(sunday, [
      '2026-03-08T06:00:00.000Z',
      '2026-03-08T06:30:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-08T07:30:00.000Z',
      '2026-03-08T08:00:00.000Z', // 03:00 CDT, straight after 01:30 CST + 30 min
    ]);
  });

  test('a block across the repeated hour holds five real hours', () => {
    // Sunday 1 November 00:00 CDT (05:00Z) to 04:00 CST (10:00Z).
    const sunday = openStarts(schedule(), rules('2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z')).map(iso);
    assert.equal(sunday.length, 9);
    assert.equal(sunday[0], '2026-11-01T05:00:00.000Z');
    assert.equal(sunday[sunday.length - 1], '2026-11-01T09:00:00.000Z'); // 03:00 CST, ends 04:00 CST
    assert.ok(sunday.includes('2026-11-01T06:30:00.000Z') && sunday.includes('2026-11-01T07:30:00.000Z'), 'both 01:30s');
  });

  test('weekday hours keep their wall time across the November change', () => {
    const list = openStarts(schedule(), rules('2026-10-30T00:00:00Z', '2026-11-03T00:00:00Z'));
    assert.equal(iso(list.find((s) => iso(s).startsWith('2026-10-30'))!), '2026-10-30T14:00:00.000Z'); // 09:00 CDT
    assert.equal(iso(list.find((s) => iso(s).startsWith('2026-11-02'))!), '2026-11-02T15:00:00.000Z'); // 09:00 CST
  });

  test('only starts in [earliest, latest)', () => {
    const list = openStarts(schedule(), rules('2026-03-09T16:10:00Z', '2026-03-09T18:00:00Z')).map(iso);
    assert.deepEqual(list, ['2026-03-09T16:30:00.000Z', '2026-03-09T17:00:00.000Z', '2026-03-09T17:30:00.000Z']);
  });

  test('a booking blocks its time and its buffer, and a new session needs room for its own buffer', () => {
    // Busy 10:00–11:00 CDT plus a 10-minute buffer; the new service is 50 + 10 minutes.
    const busy = [{ start: Date.parse('2026-03-09T15:00:00Z'), end: Date.parse('2026-03-09T16:10:00Z') }];
    const list = openStarts(
      schedule({ busy }),
      rules('2026-03-09T00:00:00Z', '2026-03-10T00:00:00Z', { durationMinutes: 50, bufferMinutes: 10 }),
    ).map(iso);
    assert.ok(list.includes('2026-03-09T14:00:00.000Z'), '09:00 ends 09:50, buffer to 10:00: fits');
    assert.ok(!list.includes('2026-03-09T14:30:00.000Z'), '09:30 would run into the booking');
    assert.ok(!list.includes('2026-03-09T15:00:00.000Z') && !list.includes('2026-03-09T15:30:00.000Z'));
    assert.ok(!list.includes('2026-03-09T16:00:00.000Z'), 'inside the booking’s buffer');
    assert.ok(list.includes('2026-03-09T16:30:00.000Z'));
  });

  test('time off removes every start whose session meets it', () => {
    const timeOff = [{ start: Date.parse('2026-03-09T17:00:00Z'), end: Date.parse('2026-03-10T17:00:00Z') }];
    const list = openStarts(schedule({ timeOff }), rules('2026-03-09T00:00:00Z', '2026-03-11T00:00:00Z')).map(iso);
    assert.ok(list.includes('2026-03-09T16:00:00.000Z'));
    assert.ok(!list.includes('2026-03-09T16:30:00.000Z'));
    assert.ok(!list.some((s) => s.startsWith('2026-03-10T1') && s < '2026-03-10T17:00'));
    assert.ok(list.includes('2026-03-10T17:00:00.000Z'));
  });

  test('overlapping intervals are merged before searching', () => {
    assert.deepEqual(
      mergeIntervals([
        { start: 5, end: 9 },
        { start: 1, end: 3 },
        { start: 2, end: 6 },
        { start: 10, end: 10 },
      ]),
      [{ start: 1, end: 9 }],
    );
  });
});
