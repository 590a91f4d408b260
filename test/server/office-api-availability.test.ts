// The office API's availability (issue 13): each clinician's weekly hours, time off and
// services, validated (400 with fields), followed at once by the open times clients see; a
// clinician changes only their own (another's is 404).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BookingOptions, ClinicianServices, OfficeClinicianList, TimeOffEntry, TimeOffList, WeeklyHoursWeek } from '../../src/contract/index.js';
import { asClient, DAY, lakeside, newClient, openSlots, starts, type Client, type Lakeside } from './booking-helpers.js';
import { errorOf } from './documents-helpers.js';
import { createTestApp, type TestApp } from './helpers.js';
import { asStaff, auditAfter, auditSeq, staffToken } from './office-helpers.js';

describe('office API: clinicians’ availability', () => {
  let t: TestApp;
  let L: Lakeside;
  let ana: string;
  let office: string;
  let client: Client;

  before(async () => {
    t = await createTestApp();
    L = lakeside(t);
    ana = staffToken(t, 'clinician', L.ana);
    office = staffToken(t, 'office');
    client = newClient(t);
  });
  after(() => t.close());

  /** A slot start as the practice's weekday and wall-clock time, e.g. `Mon 09:00`. */
  const local = (iso: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: L.practice.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

  test('the clinicians with the services they offer', async () => {
    const { clinicians } = (await asStaff(t, 'GET', '/clinicians', { token: ana })).json<OfficeClinicianList>();
    const anaRow = clinicians.find((c) => c.id === L.ana)!;
    assert.equal(anaRow.active, true);
    assert.ok(anaRow.services.includes(L.individual));
    assert.ok(clinicians.some((c) => c.id === L.sam));
  });

  test('services: set what a clinician offers; clients’ options follow; unknown services are 400', async () => {
    const res = await asStaff(t, 'PUT', `/clinicians/${L.sam}/services`, { token: office, payload: { services: [L.individual] } });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json<ClinicianServices>(), { services: [L.individual] });
    const options = (await asClient(t, client, 'GET', '/services')).json<BookingOptions>();
    const offering = (id: number) => options.services.find((s) => s.id === id)?.clinicianIds ?? [];
    assert.ok(offering(L.individual).includes(L.sam));
    assert.ok(!offering(L.intake).includes(L.sam));

    const bad = await asStaff(t, 'PUT', `/clinicians/${L.sam}/services`, { payload: { services: [L.intake, 999999] } });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorOf(bad).fields, { 'services.1': 'invalid' });
  });

  test('weekly hours: the week is replaced and clients’ open times follow at once', async () => {
    const before = (await asStaff(t, 'GET', `/clinicians/${L.sam}/hours`)).json<WeeklyHoursWeek>();
    assert.ok(before.hours.length > 0);
    assert.equal(before.timeZone, L.practice.timeZone);

    const seq = auditSeq(t);
    const res = await asStaff(t, 'PUT', `/clinicians/${L.sam}/hours`, {
      token: office,
      payload: { hours: [{ weekday: 3, start: '14:00', end: '15:00' }, { weekday: 1, start: '09:00', end: '10:00' }] },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json<WeeklyHoursWeek>().hours, [
      { weekday: 1, start: '09:00', end: '10:00' },
      { weekday: 3, start: '14:00', end: '15:00' },
    ]);
    const [change] = auditAfter(t, seq);
    assert.deepEqual([change.action, change.resourceType, change.resourceId], ['sensitive_update', 'clinician_hours', String(L.sam)]);
    assert.ok(change.staffId !== null);

    const slots = starts(await openSlots(t, client, { service: L.individual, clinician: L.sam }));
    assert.ok(slots.length > 0);
    assert.deepEqual([...new Set(slots.map(local))].sort(), ['Mon 09:00', 'Wed 14:00']);
  });

  test('weekly hours: an end not after its start, or overlapping blocks, are 400 with the fields', async () => {
    const backwards = await asStaff(t, 'PUT', `/clinicians/${L.sam}/hours`, { payload: { hours: [{ weekday: 2, start: '10:00', end: '09:00' }] } });
    assert.equal(backwards.statusCode, 400);
    assert.deepEqual(errorOf(backwards).fields, { 'hours.0.end': 'invalid' });
    const overlapping = await asStaff(t, 'PUT', `/clinicians/${L.sam}/hours`, {
      payload: { hours: [{ weekday: 2, start: '09:00', end: '12:00' }, { weekday: 3, start: '09:00', end: '12:00' }, { weekday: 2, start: '11:00', end: '13:00' }] },
    });
    assert.deepEqual(errorOf(overlapping).fields, { 'hours.2.start': 'invalid' });
    const malformed = await asStaff(t, 'PUT', `/clinicians/${L.sam}/hours`, { payload: { hours: [{ weekday: 8, start: '9:00', end: '10:00' }] } });
    assert.equal(malformed.statusCode, 400);
    assert.equal(errorOf(malformed).code, 'validation');
    // Nothing changed.
    assert.equal((await asStaff(t, 'GET', `/clinicians/${L.sam}/hours`)).json<WeeklyHoursWeek>().hours.length, 2);
  });

  test('time off: added, listed and removed, and open times follow', async () => {
    const from = new Date(t.clock.now()).toISOString();
    const to = new Date(t.clock.now() + 20 * DAY).toISOString();
    const open = async () => starts(await openSlots(t, client, { service: L.individual, clinician: L.ana, from: from.slice(0, 10), to: to.slice(0, 10) }));
    const beforeCount = (await open()).length;
    assert.ok(beforeCount > 0);

    const added = await asStaff(t, 'POST', `/clinicians/${L.ana}/time-off`, { token: ana, payload: { start: from, end: to, reason: 'Conference' } });
    assert.equal(added.statusCode, 201, added.body);
    const entry = added.json<TimeOffEntry>();
    assert.equal(entry.clinicianId, L.ana);
    assert.deepEqual(await open(), []);
    const listed = (await asStaff(t, 'GET', `/clinicians/${L.ana}/time-off`)).json<TimeOffList>();
    assert.ok(listed.timeOff.some((e) => e.id === entry.id));

    const removed = await asStaff(t, 'DELETE', `/clinicians/${L.ana}/time-off/${entry.id}`, { token: ana });
    assert.equal(removed.statusCode, 204);
    assert.equal((await open()).length, beforeCount);
    assert.equal((await asStaff(t, 'DELETE', `/clinicians/${L.ana}/time-off/${entry.id}`)).statusCode, 404);

    const backwards = await asStaff(t, 'POST', `/clinicians/${L.ana}/time-off`, { payload: { start: to, end: from } });
    assert.equal(backwards.statusCode, 400);
    assert.deepEqual(errorOf(backwards).fields, { end: 'invalid' });
    const notADate = await asStaff(t, 'POST', `/clinicians/${L.ana}/time-off`, { payload: { start: 'tomorrow', end: to } });
    assert.equal(notADate.statusCode, 400);
  });

  test('a clinician changes only their own availability: another’s is 404 and audited', async () => {
    assert.equal((await asStaff(t, 'GET', `/clinicians/${L.ana}/hours`, { token: ana })).statusCode, 200);
    const seq = auditSeq(t);
    const attempts = [
      await asStaff(t, 'GET', `/clinicians/${L.sam}/hours`, { token: ana }),
      await asStaff(t, 'PUT', `/clinicians/${L.sam}/hours`, { token: ana, payload: { hours: [] } }),
      await asStaff(t, 'GET', `/clinicians/${L.sam}/time-off`, { token: ana }),
      await asStaff(t, 'POST', `/clinicians/${L.sam}/time-off`, { token: ana, payload: { start: '2030-01-01T00:00:00Z', end: '2030-01-02T00:00:00Z' } }),
      await asStaff(t, 'PUT', `/clinicians/${L.sam}/services`, { token: ana, payload: { services: [] } }),
    ];
    assert.deepEqual(attempts.map((r) => r.statusCode), [404, 404, 404, 404, 404]);
    assert.deepEqual(new Set(auditAfter(t, seq).map((e) => e.action)), new Set(['authz_fail']));
    assert.equal((await asStaff(t, 'GET', `/clinicians/${L.sam}/hours`)).json<WeeklyHoursWeek>().hours.length, 2, 'unchanged');
    assert.equal((await asStaff(t, 'GET', '/clinicians/999999/hours')).statusCode, 404);
  });
});
