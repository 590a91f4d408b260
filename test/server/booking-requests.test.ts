// Requesting appointments as the widget does: what a profile can book, open times, requests
// that hold their time, no double booking (50 at once, and the database on its own),
// idempotency, R45's limits, authorization and validation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Appointment, AppointmentList, BookingOptions } from '../../src/contract/index.js';
import { insertAppointment } from '../../server/repos/appointments.js';
import { updateBookingSettings } from '../../server/repos/booking-settings.js';
import { auditSince, auditTip } from './auth-helpers.js';
import {
  DAY,
  HOUR,
  asClient,
  clientSession,
  errorCode,
  lakeside,
  newClient,
  openSlots,
  outboxFor,
  requestTime,
  starts,
  type Lakeside,
} from './booking-helpers.js';
import { createTestApp, createTestDb, type TestApp } from './helpers.js';

describe('booking: requests', () => {
  let t: TestApp;
  let l: Lakeside;
  before(async () => {
    t = await createTestApp();
    l = lakeside(t);
  });
  after(() => t.close());

  test('a person can book an intake or individual therapy; a couple an intake or couples therapy', async () => {
    const person = newClient(t);
    const options = (await asClient(t, person, 'GET', '/services')).json<BookingOptions>();
    assert.equal(options.timeZone, 'America/Chicago');
    assert.deepEqual(options.services.map((s) => [s.slug, s.clinicianIds]), [
      ['intake', [l.ana, l.sam]],
      ['individual', [l.ana, l.sam]],
    ]);
    assert.deepEqual(options.clinicians.map((c) => c.name), ['Dr. Ana Ruiz', 'Sam Patel']);
    const couple = clientSession(t, 'jordan@example.com', 'couple');
    const coupleOptions = (await asClient(t, couple, 'GET', '/services')).json<BookingOptions>();
    assert.deepEqual(coupleOptions.services.map((s) => s.slug), ['intake', 'couples']);
    assert.deepEqual(coupleOptions.services[1].clinicianIds, [l.ana]);
  });

  test('open times: notice, working hours, a 30-minute grid, instants with the practice zone', async () => {
    const client = newClient(t);
    const list = await openSlots(t, client, { service: l.individual, clinician: l.ana });
    assert.equal(list.timeZone, 'America/Chicago');
    assert.equal(list.displayTimeZone, 'America/Chicago');
    assert.equal(list.from, '2025-01-06'); // the clock: Monday 6 January 2025, 09:00 CST
    assert.equal(list.to, '2025-02-02');
    const all = starts(list);
    assert.ok(all.every((s) => Date.parse(s) >= t.clock.now() + 24 * HOUR), 'at least 24 h notice');
    assert.ok(all.every((s) => /T\d\d:(00|30):00\.000Z$/.test(s)));
    assert.equal(all[0], '2025-01-07T15:00:00.000Z'); // Tuesday 09:00 CST
    // Ana works Monday–Thursday 09:00–17:00 and Friday 09:00–13:00: a 50-minute session last starts 16:00 / 12:00.
    const tuesday = list.days.find((d) => d.date === '2025-01-07')!;
    assert.equal(tuesday.slots[tuesday.slots.length - 1].start, '2025-01-07T22:00:00.000Z');
    const friday = list.days.find((d) => d.date === '2025-01-10')!;
    assert.equal(friday.slots[friday.slots.length - 1].start, '2025-01-10T18:00:00.000Z');
    assert.ok(!list.days.some((d) => ['2025-01-11', '2025-01-12'].includes(d.date)), 'no weekend');
    // The demo's Maya holds Thursday 9 January 09:00 (requested) and Monday 13 January 09:00 (confirmed).
    assert.ok(!all.includes('2025-01-09T15:00:00.000Z') && !all.includes('2025-01-13T15:00:00.000Z'));
    assert.ok(!all.includes('2025-01-09T15:30:00.000Z'), 'nor the overlapping half hour');
    assert.ok(all.includes('2025-01-09T16:00:00.000Z'), '10:00: after 09:50 plus the 10-minute buffer');
  });

  test('"any available" lists every free clinician per time', async () => {
    const list = await openSlots(t, newClient(t), { service: l.individual, from: '2025-01-08', to: '2025-01-08' });
    const noon = list.days[0].slots.find((s) => s.start === '2025-01-08T18:00:00.000Z')!;
    assert.deepEqual(noon.clinicianIds, [l.ana, l.sam]); // both work at 12:00 on Wednesdays
    const morning = list.days[0].slots.find((s) => s.start === '2025-01-08T15:00:00.000Z')!;
    assert.deepEqual(morning.clinicianIds, [l.ana]);
  });

  test('the slot query is validated', async () => {
    const client = newClient(t);
    const bad = async (query: string) => {
      const res = await asClient(t, client, 'GET', `/slots?${query}`);
      assert.equal(res.statusCode, 400, query);
      return res.json<{ error: { fields: Record<string, string> } }>().error.fields;
    };
    assert.deepEqual(await bad(`service=${l.couples}`), { service: 'invalid' }, 'a person cannot book couples therapy');
    assert.deepEqual(await bad(`service=${l.individual}&timeZone=Mars%2FOlympus`), { timeZone: 'invalid' });
    assert.deepEqual(await bad(`service=${l.individual}&from=2025-02-01&to=2025-01-01`), { to: 'invalid' });
    assert.deepEqual(await bad(`service=${l.individual}&from=2025-01-01&to=2025-06-01`), { to: 'out_of_range' });
    assert.ok((await bad('clinician=1'))['service']);
  });

  test('a request holds its time, answers as the widget shows it, emails the client and is audited once', async () => {
    const client = newClient(t, { language: 'es' });
    const [first] = starts(await openSlots(t, client, { service: l.individual, clinician: l.sam }));
    const tip = auditTip(t.db);
    const created = await requestTime(t, client, { serviceId: l.individual, clinicianId: l.sam, start: first, message: '  Prefiero por la tarde  ' });
    assert.equal(created.status, 'requested');
    assert.equal(created.start, first);
    assert.equal(Date.parse(created.end) - Date.parse(created.start), 50 * 60_000);
    assert.equal(created.timeZone, 'America/Chicago');
    assert.equal(created.clinician.name, 'Sam Patel');
    assert.equal(created.modality, 'telehealth');
    assert.equal(created.message, 'Prefiero por la tarde');
    assert.equal(created.cancellable, true);
    assert.equal(created.reschedulable, false);
    assert.ok(created.expiresAt && Date.parse(created.expiresAt) <= Date.parse(created.start));
    // Nobody else is offered that time now.
    assert.ok(!starts(await openSlots(t, newClient(t), { service: l.individual, clinician: l.sam })).includes(first));
    const events = auditSince(t.db, tip);
    assert.deepEqual(events.map((e) => [e.action, e.resource_type, e.resource_id, e.outcome]), [
      ['sensitive_create', 'appointment', String(created.id), 'success'],
    ]);
    const [mail] = outboxFor(t, client.email);
    assert.equal(mail.language, 'es');
    assert.match(mail.subject, /Recibimos su solicitud de cita/);
    assert.match(mail.text, /Sam Patel/);
    assert.match(mail.text, /martes, 7 de enero de 2025, 12:00 hora estándar central/);
    assert.doesNotMatch(mail.text, /Prefiero|Terapia individual|Booker/, 'no message, service or profile name in the email');
    const list = (await asClient(t, client, 'GET', '/appointments')).json<AppointmentList>();
    assert.deepEqual(list.upcoming.map((a) => [a.id, a.status]), [[created.id, 'requested']]);
  });

  test('"any available": the server picks the first free clinician', async () => {
    const list = await openSlots(t, newClient(t), { service: l.intake, from: '2025-01-08', to: '2025-01-08' });
    const noon = list.days[0].slots.find((s) => s.clinicianIds.length === 2)!;
    const a = await requestTime(t, newClient(t), { serviceId: l.intake, start: noon.start });
    const b = await requestTime(t, newClient(t), { serviceId: l.intake, start: noon.start });
    assert.deepEqual([a.clinician.id, b.clinician.id], noon.clinicianIds);
    const c = await asClient(t, newClient(t), 'POST', '/appointments', { serviceId: l.intake, start: noon.start });
    assert.equal(c.statusCode, 409);
    assert.equal(errorCode(c), 'slot_unavailable');
  });

  test('50 concurrent requests for one time: exactly one is requested, 49 get slot_unavailable and nothing else', async () => {
    const clients = Array.from({ length: 50 }, () => newClient(t));
    const target = starts(await openSlots(t, clients[0], { service: l.individual, clinician: l.ana, from: '2025-01-21', to: '2025-01-21' }))[0];
    const answers = await Promise.all(
      clients.map((c) => asClient(t, c, 'POST', '/appointments', { serviceId: l.individual, clinicianId: l.ana, start: target })),
    );
    const created = answers.filter((r) => r.statusCode === 201);
    const refused = answers.filter((r) => r.statusCode === 409);
    assert.equal(created.length, 1);
    assert.equal(refused.length, 49);
    for (const r of refused) {
      assert.deepEqual(Object.keys(r.json<{ error: object }>().error).sort(), ['code', 'message']);
      assert.equal(errorCode(r), 'slot_unavailable');
    }
    const live = t.db
      .prepare("SELECT count(*) AS n FROM appointments WHERE clinician_id = ? AND starts_at = ? AND status IN ('requested', 'confirmed')")
      .get(l.ana, Date.parse(target)) as { n: number };
    assert.equal(live.n, 1);
    // The 49 left no trace: no mail, no R45 budget used.
    assert.equal(clients.filter((c) => outboxFor(t, c.email).length > 0).length, 1);
  });

  test('the database itself refuses a second live booking of a time, and an overlapping one (R43)', async () => {
    const client = newClient(t);
    const [start] = starts(await openSlots(t, client, { service: l.individual, clinician: l.ana, from: '2025-01-22', to: '2025-01-22' }));
    const taken = await requestTime(t, client, { serviceId: l.individual, clinicianId: l.ana, start });
    const row = (startsAt: number, status: 'requested' | 'confirmed') => ({
      practiceId: l.practice.id,
      profileId: client.profileId,
      clinicianId: l.ana,
      serviceId: l.individual,
      requestedBy: client.accountId,
      modality: 'in_person' as const,
      startsAt,
      endsAt: startsAt + 50 * 60_000,
      blockedUntil: startsAt + 60 * 60_000,
      status,
      message: null,
      rescheduleOfId: null,
      calendarUid: `test-${startsAt}-${status}`,
      calendarSequence: 0,
      expiresAt: status === 'requested' ? startsAt : null,
    });
    const at = Date.parse(taken.start);
    assert.throws(() => insertAppointment(t.db, t.clock.now(), row(at, 'confirmed')), /overlaps a live booking/);
    assert.throws(() => insertAppointment(t.db, t.clock.now(), row(at + 30 * 60_000, 'confirmed')), /overlaps a live booking/);
    assert.throws(() => insertAppointment(t.db, t.clock.now(), row(at - 30 * 60_000, 'requested')), /overlaps a live booking/);
    insertAppointment(t.db, t.clock.now(), row(at + 60 * 60_000, 'confirmed')); // right after the buffer: fine
  });

  test('the unique index holds on its own, without the overlap trigger', () => {
    const spare = createTestDb();
    try {
      spare.db.exec('DROP TRIGGER appointments_no_overlap_insert');
      const ids = lakeside(spare);
      const account = spare.db.prepare("SELECT id FROM accounts WHERE email = 'alex@example.com'").pluck().get() as number;
      const profile = spare.db.prepare("SELECT profile_id FROM profile_access WHERE account_id = ?").pluck().get(account) as number;
      const at = Date.parse('2025-02-04T15:00:00Z');
      const row = (status: 'requested' | 'confirmed', uid: string) => ({
        practiceId: ids.practice.id,
        profileId: profile,
        clinicianId: ids.ana,
        serviceId: ids.individual,
        requestedBy: account,
        modality: 'in_person' as const,
        startsAt: at,
        endsAt: at + 50 * 60_000,
        blockedUntil: at + 60 * 60_000,
        status,
        message: null,
        rescheduleOfId: null,
        calendarUid: uid,
        calendarSequence: 0,
        expiresAt: status === 'requested' ? at : null,
      });
      insertAppointment(spare.db, spare.clock.now(), row('requested', 'a'));
      assert.throws(() => insertAppointment(spare.db, spare.clock.now(), row('confirmed', 'b')), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
      spare.db.prepare("UPDATE appointments SET status = 'declined', status_reason = 'practice' WHERE calendar_uid = 'a'").run();
      insertAppointment(spare.db, spare.clock.now(), row('confirmed', 'c')); // a declined request no longer holds the time
    } finally {
      spare.close();
    }
  });

  test('Idempotency-Key: a retry replays the answer; the same key with another body is 422; concurrent retries make one row', async () => {
    const client = newClient(t);
    const [a, b, c] = starts(await openSlots(t, client, { service: l.individual, clinician: l.ana, from: '2025-01-23', to: '2025-01-23' }));
    const body = { serviceId: l.individual, clinicianId: l.ana, start: a };
    const send = (payload: object, key: string) => asClient(t, client, 'POST', '/appointments', payload, { 'idempotency-key': key });
    const first = await send(body, 'key-1');
    assert.equal(first.statusCode, 201);
    const again = await send({ ...body, start: new Date(Date.parse(a)).toISOString().replace('.000Z', 'Z') }, 'key-1');
    assert.equal(again.statusCode, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.deepEqual(again.json(), first.json());
    const other = await send({ ...body, start: b }, 'key-1');
    assert.equal(other.statusCode, 422);
    assert.equal(errorCode(other), 'idempotency_key_reused');
    const burst = await Promise.all(Array.from({ length: 10 }, () => send({ ...body, start: c }, 'key-2')));
    assert.ok(burst.every((r) => r.statusCode === 201));
    assert.equal(new Set(burst.map((r) => r.json<Appointment>().id)).size, 1);
    const rows = t.db.prepare('SELECT count(*) AS n FROM appointments WHERE profile_id = ?').get(client.profileId) as { n: number };
    assert.equal(rows.n, 2);
    assert.equal(outboxFor(t, client.email).length, 2, 'one email per request, not per retry');
  });

  test('R45: three requests waiting at once, then 429 too_many_requests_open, audited', async () => {
    const client = newClient(t);
    const open = starts(await openSlots(t, client, { service: l.individual, clinician: l.sam, from: '2025-01-28', to: '2025-01-28' }));
    // Every other half hour: a 50-minute session and its buffer hold an hour.
    for (const start of [open[0], open[2], open[4]]) await requestTime(t, client, { serviceId: l.individual, clinicianId: l.sam, start });
    const tip = auditTip(t.db);
    const fourth = await asClient(t, client, 'POST', '/appointments', { serviceId: l.individual, clinicianId: l.sam, start: open[6] });
    assert.equal(fourth.statusCode, 429);
    assert.equal(errorCode(fourth), 'too_many_requests_open');
    assert.deepEqual(auditSince(t.db, tip).map((e) => [e.action, e.resource_type, e.outcome]), [
      ['excess_rate_limit_exceeded', 'profile', 'failure'],
    ]);
  });

  test('R45: ten requests per profile per day, then 429 rate_limited with Retry-After', async () => {
    const client = newClient(t);
    const open = starts(await openSlots(t, client, { service: l.individual, clinician: l.sam, from: '2025-01-29', to: '2025-01-29' }));
    for (const start of open.slice(0, 10)) {
      const created = await requestTime(t, client, { serviceId: l.individual, clinicianId: l.sam, start });
      assert.equal((await asClient(t, client, 'POST', `/appointments/${created.id}/cancel`)).statusCode, 200);
    }
    const eleventh = await asClient(t, client, 'POST', '/appointments', { serviceId: l.individual, clinicianId: l.sam, start: open[10] });
    assert.equal(eleventh.statusCode, 429);
    assert.equal(errorCode(eleventh), 'rate_limited');
    assert.ok(Number(eleventh.headers['retry-after']) > 0 && Number(eleventh.headers['retry-after']) <= 86_400);
  });

  test('a practice can set its own limits and notice', async () => {
    updateBookingSettings(t.db, t.clock, l.practice.id, { maxOpenRequests: 1, minNoticeHours: 48 });
    try {
      const client = newClient(t);
      const open = starts(await openSlots(t, client, { service: l.individual, clinician: l.sam }));
      assert.ok(Date.parse(open[0]) >= t.clock.now() + 48 * HOUR);
      await requestTime(t, client, { serviceId: l.individual, clinicianId: l.sam, start: open[0] });
      const second = await asClient(t, client, 'POST', '/appointments', { serviceId: l.individual, clinicianId: l.sam, start: open[1] });
      assert.equal(errorCode(second), 'too_many_requests_open');
    } finally {
      updateBookingSettings(t.db, t.clock, l.practice.id, { maxOpenRequests: 3, minNoticeHours: 24 });
    }
  });

  test('a profile the sign-in may view but not book for: reads work, requests are 404 and authz_fail', async () => {
    const viewer = newClient(t, { permissions: { canBook: false } });
    assert.equal((await asClient(t, viewer, 'GET', '/appointments')).statusCode, 200);
    const [start] = starts(await openSlots(t, viewer, { service: l.individual }));
    const tip = auditTip(t.db);
    const res = await asClient(t, viewer, 'POST', '/appointments', { serviceId: l.individual, start });
    assert.equal(res.statusCode, 404);
    assert.equal(errorCode(res), 'not_found');
    assert.deepEqual(auditSince(t.db, tip).map((e) => e.action), ['authz_fail']);
    assert.equal(t.db.prepare('SELECT count(*) AS n FROM appointments WHERE profile_id = ?').pluck().get(viewer.profileId), 0);
  });

  test("another profile's appointment is not found; another sign-in's profile is not found", async () => {
    const owner = newClient(t);
    const [start] = starts(await openSlots(t, owner, { service: l.individual, from: '2025-01-30', to: '2025-01-30' }));
    const created = await requestTime(t, owner, { serviceId: l.individual, start });
    const stranger = newClient(t);
    assert.equal((await asClient(t, stranger, 'POST', `/appointments/${created.id}/cancel`)).statusCode, 404);
    assert.equal((await asClient(t, { ...stranger, profileId: owner.profileId }, 'GET', '/appointments')).statusCode, 404);
    assert.equal((await asClient(t, { ...stranger, token: 'x'.repeat(43) }, 'GET', '/appointments')).statusCode, 401);
  });

  test('requests are validated: service for the profile, clinician offering it, modality, message length, time', async () => {
    const client = newClient(t);
    const [start] = starts(await openSlots(t, client, { service: l.individual, clinician: l.sam, from: '2025-01-31', to: '2025-01-31' }));
    const fields = async (body: object) => {
      const res = await asClient(t, client, 'POST', '/appointments', body);
      assert.equal(res.statusCode, 400, res.body);
      return res.json<{ error: { fields: Record<string, string> } }>().error.fields;
    };
    assert.deepEqual(await fields({ serviceId: l.couples, start }), { serviceId: 'invalid' });
    assert.ok((await fields({ serviceId: l.individual, start, message: 'x'.repeat(1001) }))['message']);
    assert.ok((await fields({ serviceId: l.individual, start: 'tomorrow' }))['start']);
    assert.ok((await fields({ serviceId: l.individual, start, modality: 'phone' }))['modality']);
    const couple = clientSession(t, 'casey@example.com', 'couple');
    const coupleStart = starts(await openSlots(t, couple, { service: l.couples, from: '2025-01-31', to: '2025-01-31' }))[0];
    const res = await asClient(t, couple, 'POST', '/appointments', { serviceId: l.couples, clinicianId: l.sam, start: coupleStart });
    assert.deepEqual(res.json<{ error: { fields: object } }>().error.fields, { clinicianId: 'invalid' }, 'Sam does not see couples');
    const tooSoon = new Date(t.clock.now() + 2 * HOUR).toISOString();
    assert.equal(errorCode(await asClient(t, client, 'POST', '/appointments', { serviceId: l.individual, start: tooSoon })), 'slot_unavailable');
    const offGrid = new Date(Date.parse(start) + 5 * 60_000).toISOString();
    assert.equal(errorCode(await asClient(t, client, 'POST', '/appointments', { serviceId: l.individual, start: offGrid })), 'slot_unavailable');
    const beyond = new Date(t.clock.now() + 120 * DAY).toISOString();
    assert.equal(errorCode(await asClient(t, client, 'POST', '/appointments', { serviceId: l.individual, start: beyond })), 'slot_unavailable');
  });
});
