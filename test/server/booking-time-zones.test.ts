// Open times through the API across America/Chicago's 2026 daylight-saving changes, and
// for clients in other zones: the answers are instants, only the day grouping moves.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Appointment, SlotList } from '../../src/contract/index.js';
import { localDate } from '../../server/booking/time-zone.js';
import { lakeside, newClient, openSlots, requestTime, starts, type Lakeside } from './booking-helpers.js';
import { createTestApp, type TestApp } from './helpers.js';

const day = (list: SlotList, date: string) => list.days.find((d) => d.date === date)?.slots.map((s) => s.start) ?? [];

describe('booking: time zones', () => {
  let t: TestApp;
  let l: Lakeside;
  before(async () => {
    t = await createTestApp();
    l = lakeside(t);
  });
  after(() => t.close());

  test('March: 09:00 in Chicago is 15:00Z before the change and 14:00Z after it', async () => {
    t.clock.set(Date.parse('2026-03-02T15:00:00Z')); // Monday 2 March, 09:00 CST
    const client = newClient(t);
    const list = await openSlots(t, client, { service: l.individual, clinician: l.ana, from: '2026-03-03', to: '2026-03-13' });
    assert.equal(day(list, '2026-03-03')[0], '2026-03-03T15:00:00.000Z'); // Tuesday, CST
    assert.equal(day(list, '2026-03-06').at(-1), '2026-03-06T18:00:00.000Z'); // Friday 12:00 CST, the last before 13:00
    assert.deepEqual(day(list, '2026-03-08'), [], 'Sunday: no hours');
    assert.equal(day(list, '2026-03-09')[0], '2026-03-09T14:00:00.000Z'); // Monday, CDT
    assert.equal(day(list, '2026-03-09').at(-1), '2026-03-09T21:00:00.000Z'); // 16:00 CDT
    assert.equal(day(list, '2026-03-13').at(-1), '2026-03-13T17:00:00.000Z'); // Friday 12:00 CDT
    assert.equal(day(list, '2026-03-06').length, day(list, '2026-03-13').length, 'the same number of times either side');
    // A time after the change can be requested like any other, and is shown as that instant.
    const created: Appointment = await requestTime(t, client, { serviceId: l.individual, clinicianId: l.ana, start: '2026-03-09T14:00:00.000Z' });
    assert.deepEqual([created.start, created.end], ['2026-03-09T14:00:00.000Z', '2026-03-09T14:50:00.000Z']);
  });

  test('November: 09:00 in Chicago is 14:00Z before the change and 15:00Z after it', async () => {
    t.clock.set(Date.parse('2026-10-26T14:00:00Z')); // Monday 26 October, 09:00 CDT
    const client = newClient(t);
    const list = await openSlots(t, client, { service: l.individual, clinician: l.ana, from: '2026-10-27', to: '2026-11-06' });
    assert.equal(day(list, '2026-10-27')[0], '2026-10-27T14:00:00.000Z'); // Tuesday, CDT
    assert.equal(day(list, '2026-10-30').at(-1), '2026-10-30T17:00:00.000Z'); // Friday 12:00 CDT
    assert.equal(day(list, '2026-11-02')[0], '2026-11-02T15:00:00.000Z'); // Monday, CST
    assert.equal(day(list, '2026-11-06').at(-1), '2026-11-06T18:00:00.000Z'); // Friday 12:00 CST
  });

  test('a client in Madrid (whose clocks change three weeks later) gets the same instants, grouped by Madrid days', async () => {
    t.clock.set(Date.parse('2026-03-02T15:00:00Z'));
    const client = newClient(t);
    const chicago = await openSlots(t, client, { service: l.individual, from: '2026-03-03', to: '2026-03-31' });
    const madrid = await openSlots(t, client, { service: l.individual, from: '2026-03-03', to: '2026-03-31', timeZone: 'Europe/Madrid' });
    assert.equal(madrid.displayTimeZone, 'Europe/Madrid');
    assert.equal(madrid.timeZone, 'America/Chicago');
    // Sam's evening times (until 20:00 in Chicago) fall after midnight in Madrid: compare the inside of the range.
    const inside = (s: string) => s >= '2026-03-04' && s < '2026-03-31';
    assert.deepEqual(starts(madrid).filter(inside), starts(chicago).filter(inside));
    for (const d of madrid.days) for (const s of d.slots) assert.equal(localDate('Europe/Madrid', Date.parse(s.start)), d.date);
    // Ana's Tuesday 09:00 CDT on 10 March is 15:00 in Madrid (still CET): listed on Madrid's Tuesday.
    assert.ok(day(madrid, '2026-03-10').includes('2026-03-10T14:00:00.000Z'));
  });

  test('a client in Tokyo: Sam’s Tuesday evening in Chicago is Wednesday in Tokyo', async () => {
    t.clock.set(Date.parse('2026-03-02T15:00:00Z'));
    const client = newClient(t);
    const chicagoTuesday = await openSlots(t, client, { service: l.individual, clinician: l.sam, from: '2026-03-10', to: '2026-03-10' });
    const tokyoWednesday = await openSlots(t, client, {
      service: l.individual,
      clinician: l.sam,
      from: '2026-03-11',
      to: '2026-03-11',
      timeZone: 'Asia/Tokyo',
    });
    assert.deepEqual(tokyoWednesday.days.map((d) => d.date), ['2026-03-11']);
    assert.deepEqual(starts(tokyoWednesday), starts(chicagoTuesday));
    assert.equal(starts(tokyoWednesday)[0], '2026-03-10T17:00:00.000Z'); // 12:00 CDT = 02:00 JST
  });

  test('the default range starts today in the client’s zone', async () => {
    t.clock.set(Date.parse('2026-03-02T16:00:00Z')); // Monday 10:00 in Chicago, Tuesday 01:00 in Tokyo
    const client = newClient(t);
    const tokyo = await openSlots(t, client, { service: l.individual, timeZone: 'Asia/Tokyo' });
    assert.equal(tokyo.from, '2026-03-03');
    const chicago = await openSlots(t, client, { service: l.individual });
    assert.equal(chicago.from, '2026-03-02');
  });
});
