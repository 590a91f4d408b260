// An appointment's life after the request: the office approves (confirmation with .ics) or
// declines (with proposals), the client cancels (outside the window) or reschedules (the
// original stays until approval, then an atomic swap), and unanswered requests lapse.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AdminAppointment, Appointment, AppointmentList, DevOutboxMessage, PendingRequestList, RescheduleResult } from '../../src/contract/index.js';
import { createMailTransport } from '../../server/mail/transport.js';
import { MailWorker } from '../../server/mail/worker.js';
import { settleAllLapsedRequests } from '../../server/booking/lapse-timer.js';
import { auditSince, auditTip } from './auth-helpers.js';
import {
  DAY,
  HOUR,
  asClient,
  asOffice,
  errorCode,
  lakeside,
  newClient,
  openSlots,
  outboxFor,
  refreshed,
  requestTime,
  starts,
  type Client,
  type Lakeside,
} from './booking-helpers.js';
import { createTestApp, type TestApp } from './helpers.js';

/** Requests `start` with Sam (individual therapy) and has the office approve it. */
async function confirmedAt(t: TestApp, l: Lakeside, client: Client, start: string): Promise<Appointment> {
  const requested = await requestTime(t, client, { serviceId: l.individual, clinicianId: l.sam, start });
  const approved = await asOffice(t, 'POST', `/appointments/${requested.id}/approve`);
  assert.equal(approved.statusCode, 200, approved.body);
  return approved.json<Appointment>();
}

async function appointmentsOf(t: TestApp, client: Client): Promise<AppointmentList> {
  const res = await asClient(t, client, 'GET', '/appointments');
  assert.equal(res.statusCode, 200, res.body);
  return res.json<AppointmentList>();
}

/** Sam's open individual-therapy starts on one day (he works 12:00–20:00, Tuesday–Friday). */
async function samDay(t: TestApp, l: Lakeside, client: Client, date: string): Promise<string[]> {
  return starts(await openSlots(t, client, { service: l.individual, clinician: l.sam, from: date, to: date }));
}

const icsField = (ics: string, name: string) => new RegExp(`^${name}[:;](.*)$`, 'm').exec(ics)?.[1];

describe('booking: approve, decline, cancel, reschedule', () => {
  let t: TestApp;
  let l: Lakeside;
  before(async () => {
    t = await createTestApp();
    l = lakeside(t);
  });
  after(() => t.close());

  test('approval confirms, emails a calendar file, is audited once; a second approval is 409', async () => {
    const client = newClient(t);
    const [start] = await samDay(t, l, client, '2025-01-15');
    const requested = await requestTime(t, client, { serviceId: l.individual, clinicianId: l.sam, start });
    const pending = (await asOffice(t, 'GET', '/appointment-requests')).json<PendingRequestList>();
    const listed = pending.requests.find((r) => r.id === requested.id)!;
    assert.equal(listed.profile.id, client.profileId);
    assert.equal(listed.requestedByAccountId, client.accountId);
    const tip = auditTip(t.db);
    const res = await asOffice(t, 'POST', `/appointments/${requested.id}/approve`);
    assert.equal(res.statusCode, 200);
    const approved = res.json<AdminAppointment>();
    assert.equal(approved.status, 'confirmed');
    assert.deepEqual(auditSince(t.db, tip).map((e) => [e.action, e.resource_id, e.actor_account_id]), [
      ['sensitive_update', String(requested.id), null],
    ]);
    const [mail] = outboxFor(t, client.email);
    assert.match(mail.subject, /Your appointment is confirmed/);
    assert.match(mail.text, /Wednesday, January 15, 2025 at 12:00 PM CST/);
    assert.deepEqual(mail.attachments.map((a) => a.filename), ['appointment.ics']);
    const ics = mail.attachments[0].content.toString('utf8');
    assert.equal(icsField(ics, 'METHOD'), 'PUBLISH');
    assert.equal(icsField(ics, 'DTSTART'), '20250115T180000Z');
    assert.equal(icsField(ics, 'DTEND'), '20250115T185000Z');
    assert.equal(icsField(ics, 'SEQUENCE'), '0');
    assert.match(ics, /SUMMARY:Appointment with Sam Patel \(Lakeside Counseling\)/);
    const again = await asOffice(t, 'POST', `/appointments/${requested.id}/approve`);
    assert.equal(again.statusCode, 409);
    assert.equal(errorCode(again), 'conflict');
    const [shown] = (await appointmentsOf(t, client)).upcoming;
    assert.equal(shown.status, 'confirmed');
    assert.equal(shown.cancellableUntil, new Date(Date.parse(start) - 24 * HOUR).toISOString());
    assert.equal(shown.cancellable, true);
    assert.equal(shown.reschedulable, true);
  });

  test('50 concurrent approvals of one request: exactly one succeeds', async () => {
    const client = newClient(t);
    const [start] = await samDay(t, l, client, '2025-01-16');
    const requested = await requestTime(t, client, { serviceId: l.individual, clinicianId: l.sam, start });
    const answers = await Promise.all(Array.from({ length: 50 }, () => asOffice(t, 'POST', `/appointments/${requested.id}/approve`)));
    assert.equal(answers.filter((r) => r.statusCode === 200).length, 1);
    assert.equal(answers.filter((r) => r.statusCode === 409).length, 49);
    assert.equal(outboxFor(t, client.email).filter((m) => /confirmed/.test(m.subject)).length, 1);
  });

  test('decline with a note and three proposals, in Spanish; the client then requests one of them', async () => {
    const client = newClient(t, { language: 'es' });
    const open = await samDay(t, l, client, '2025-01-17');
    const requested = await requestTime(t, client, { serviceId: l.individual, clinicianId: l.sam, start: open[0] });
    const proposals = [open[0], open[4], open[8]]; // its own time is free again once declined
    const res = await asOffice(t, 'POST', `/appointments/${requested.id}/decline`, { note: 'Ese día estoy fuera.', proposedStarts: proposals });
    assert.equal(res.statusCode, 200, res.body);
    const declined = res.json<AdminAppointment>();
    assert.equal(declined.status, 'declined');
    assert.equal(declined.statusReason, 'practice');
    assert.deepEqual(declined.proposals.map((p) => [p.start, p.available]), proposals.map((p) => [p, true]));
    const [mail] = outboxFor(t, client.email);
    assert.equal(mail.language, 'es');
    assert.match(mail.subject, /no fue confirmada/);
    assert.match(mail.text, /le propone estos horarios:\n- viernes, 17 de enero de 2025, 12:00 hora estándar central\n- viernes, 17 de enero de 2025, 14:00/);
    assert.match(mail.text, /http:\/\/localhost:8080\/portal\.html/);
    assert.match(mail.text, /le dejó una nota en el portal/);
    assert.doesNotMatch(mail.text + mail.html, /estoy fuera/, 'the note stays in the portal');
    assert.deepEqual(mail.attachments, []);
    // "Request this time": an ordinary request.
    const taken = await requestTime(t, client, { serviceId: l.individual, clinicianId: l.sam, start: proposals[1] });
    assert.equal(taken.status, 'requested');
    const shown = (await appointmentsOf(t, client)).upcoming.find((a) => a.id === requested.id)!;
    assert.equal(shown.declineNote, 'Ese día estoy fuera.');
    assert.deepEqual(shown.proposals.map((p) => p.available), [true, false, true]);
    assert.equal(shown.cancellable, false);
  });

  test('a proposal that is not open refuses the whole decline', async () => {
    const client = newClient(t);
    const open = await samDay(t, l, client, '2025-01-21');
    const requested = await requestTime(t, client, { serviceId: l.individual, clinicianId: l.sam, start: open[0] });
    const other = await requestTime(t, newClient(t), { serviceId: l.individual, clinicianId: l.sam, start: open[4] });
    const res = await asOffice(t, 'POST', `/appointments/${requested.id}/decline`, { proposedStarts: [open[2], other.start] });
    assert.equal(res.statusCode, 409);
    assert.equal(errorCode(res), 'slot_unavailable');
    const stillPending = (await asOffice(t, 'GET', '/appointment-requests')).json<PendingRequestList>();
    assert.ok(stillPending.requests.some((r) => r.id === requested.id && r.status === 'requested'));
    const four = await asOffice(t, 'POST', `/appointments/${requested.id}/decline`, { proposedStarts: [open[2], open[6], open[8], open[10]] });
    assert.equal(four.statusCode, 400, 'at most three');
    assert.equal((await asOffice(t, 'POST', `/appointments/${requested.id}/decline`, {})).statusCode, 200);
    assert.equal((await asOffice(t, 'POST', `/appointments/${requested.id}/approve`)).statusCode, 409, 'declined is final');
    assert.equal(errorCode(await asClient(t, client, 'POST', `/appointments/${requested.id}/cancel`)), 'conflict');
  });

  test('a request can be withdrawn; its time is free again', async () => {
    const client = newClient(t);
    const [start] = await samDay(t, l, client, '2025-01-22');
    const requested = await requestTime(t, client, { serviceId: l.individual, clinicianId: l.sam, start });
    const res = await asClient(t, client, 'POST', `/appointments/${requested.id}/cancel`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual([res.json<Appointment>().status, res.json<Appointment>().statusReason], ['cancelled', 'client']);
    assert.ok((await samDay(t, l, newClient(t), '2025-01-22')).includes(start));
    assert.match(outboxFor(t, client.email)[0].subject, /You withdrew your appointment request/);
    assert.equal((await asOffice(t, 'POST', `/appointments/${requested.id}/approve`)).statusCode, 409);
  });

  test('cancelling a confirmed appointment: allowed outside the window, refused inside it (call the office)', async () => {
    const client = newClient(t);
    // Tuesday 7 January 12:00 CST is 27 h away: inside the 24 h window in 3 h; Friday is far outside.
    const [soon] = await samDay(t, l, client, '2025-01-07');
    const [later] = await samDay(t, l, client, '2025-01-24');
    const near = await confirmedAt(t, l, client, soon);
    const far = await confirmedAt(t, l, client, later);
    assert.equal(near.cancellable, true);
    t.clock.advance(3 * HOUR + 1);
    const fresh = refreshed(t, client);
    const listed = (await appointmentsOf(t, fresh)).upcoming.find((a) => a.id === near.id)!;
    assert.deepEqual([listed.cancellable, listed.reschedulable], [false, false]);
    const inside = await asClient(t, fresh, 'POST', `/appointments/${near.id}/cancel`);
    assert.equal(inside.statusCode, 409);
    assert.equal(errorCode(inside), 'cancellation_window');
    const moved = await asClient(t, fresh, 'POST', `/appointments/${near.id}/reschedule`, { start: later });
    assert.equal(errorCode(moved), 'cancellation_window');
    const outside = await asClient(t, fresh, 'POST', `/appointments/${far.id}/cancel`);
    assert.equal(outside.statusCode, 200);
    assert.equal(outside.json<Appointment>().status, 'cancelled');
    const [mail] = outboxFor(t, client.email);
    assert.match(mail.subject, /Your appointment was cancelled/);
    const ics = mail.attachments[0].content.toString('utf8');
    assert.equal(icsField(ics, 'METHOD'), 'CANCEL');
    assert.equal(icsField(ics, 'STATUS'), 'CANCELLED');
    assert.equal(icsField(ics, 'SEQUENCE'), '1');
    assert.ok((await samDay(t, l, fresh, '2025-01-24')).includes(later), 'the time is open again');
  });
});

describe('booking: reschedule', () => {
  let t: TestApp;
  let l: Lakeside;
  before(async () => {
    t = await createTestApp();
    l = lakeside(t);
  });
  after(() => t.close());

  async function reschedule(client: Client, id: number, start: string): Promise<RescheduleResult> {
    const res = await asClient(t, client, 'POST', `/appointments/${id}/reschedule`, { start }, { 'idempotency-key': `move-${id}-${start}` });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<RescheduleResult>();
  }

  test('the original keeps its time until approval, then the swap happens at once', async () => {
    const client = newClient(t);
    const open = await samDay(t, l, client, '2025-01-15');
    const original = await confirmedAt(t, l, client, open[0]);
    const originalIcs = outboxFor(t, client.email)[0].attachments[0].content.toString('utf8');
    const moved = await reschedule(client, original.id, open[6]);
    assert.equal(moved.original.status, 'reschedule_requested');
    assert.equal(moved.original.rescheduleRequestId, moved.request.id);
    assert.equal(moved.request.status, 'requested');
    assert.equal(moved.request.rescheduleOfId, original.id);
    // Both times are held: nobody else can take either.
    const others = await samDay(t, l, newClient(t), '2025-01-15');
    assert.ok(!others.includes(open[0]) && !others.includes(open[6]));
    assert.match(outboxFor(t, client.email)[0].text, /from Wednesday, January 15, 2025 at 12:00 PM CST to Wednesday, January 15, 2025 at 3:00 PM CST/);
    const approved = await asOffice(t, 'POST', `/appointments/${moved.request.id}/approve`);
    assert.equal(approved.statusCode, 200);
    const rows = t.db.prepare('SELECT id, status, status_reason, replaced_by_id FROM appointments WHERE id IN (?, ?) ORDER BY id').all(original.id, moved.request.id);
    assert.deepEqual(rows, [
      { id: original.id, status: 'cancelled', status_reason: 'rescheduled', replaced_by_id: moved.request.id },
      { id: moved.request.id, status: 'confirmed', status_reason: null, replaced_by_id: null },
    ]);
    const list = await appointmentsOf(t, client);
    assert.deepEqual(list.upcoming.map((a) => [a.id, a.status]), [[moved.request.id, 'confirmed']], 'the replaced time is not listed');
    const [mail] = outboxFor(t, client.email);
    assert.match(mail.subject, /Your appointment has moved/);
    const ics = mail.attachments[0].content.toString('utf8');
    assert.equal(icsField(ics, 'UID'), icsField(originalIcs, 'UID'), 'the same calendar event');
    assert.equal(icsField(ics, 'SEQUENCE'), '1');
    assert.equal(icsField(ics, 'DTSTART'), '20250115T210000Z');
    assert.ok((await samDay(t, l, newClient(t), '2025-01-15')).includes(open[0]), 'the old time is free');
  });

  test('a declined or withdrawn move leaves the original confirmed; cancelling the original drops its move', async () => {
    const client = newClient(t);
    const open = await samDay(t, l, client, '2025-01-16');
    const original = await confirmedAt(t, l, client, open[0]);
    const first = await reschedule(client, original.id, open[4]);
    assert.equal((await asOffice(t, 'POST', `/appointments/${first.request.id}/decline`, { proposedStarts: [open[8]] })).statusCode, 200);
    let shown = (await appointmentsOf(t, client)).upcoming.find((a) => a.id === original.id)!;
    assert.deepEqual([shown.status, shown.rescheduleRequestId], ['confirmed', null]);
    assert.match(outboxFor(t, client.email)[0].text, /Your appointment stays on Thursday, January 16, 2025 at 12:00 PM CST/);
    const second = await reschedule(client, original.id, open[8]); // the proposal, via reschedule of rescheduleOfId
    assert.equal((await asClient(t, client, 'POST', `/appointments/${second.request.id}/cancel`)).statusCode, 200);
    shown = (await appointmentsOf(t, client)).upcoming.find((a) => a.id === original.id)!;
    assert.equal(shown.status, 'confirmed');
    const third = await reschedule(client, original.id, open[10]);
    const again = await asClient(t, client, 'POST', `/appointments/${original.id}/reschedule`, { start: open[12] });
    assert.equal(errorCode(again), 'conflict', 'one move at a time');
    assert.equal((await asClient(t, client, 'POST', `/appointments/${original.id}/cancel`)).statusCode, 200);
    const statuses = t.db.prepare('SELECT status FROM appointments WHERE id IN (?, ?) ORDER BY id').pluck().all(original.id, third.request.id);
    assert.deepEqual(statuses, ['cancelled', 'cancelled']);
    assert.equal((await asOffice(t, 'POST', `/appointments/${third.request.id}/approve`)).statusCode, 409);
  });

  test('only a confirmed appointment can be moved, to an open time', async () => {
    const client = newClient(t);
    const open = await samDay(t, l, client, '2025-01-17');
    const requested = await requestTime(t, client, { serviceId: l.individual, clinicianId: l.sam, start: open[0] });
    assert.equal(errorCode(await asClient(t, client, 'POST', `/appointments/${requested.id}/reschedule`, { start: open[4] })), 'conflict');
    const confirmed = await confirmedAt(t, l, newClient(t), open[8]);
    const taken = await asClient(t, client, 'POST', `/appointments/${confirmed.id}/reschedule`, { start: open[10] });
    assert.equal(taken.statusCode, 404, "another profile's appointment");
    const mine = await confirmedAt(t, l, client, open[12]);
    const clash = await asClient(t, client, 'POST', `/appointments/${mine.id}/reschedule`, { start: open[8] });
    assert.equal(errorCode(clash), 'slot_unavailable');
  });
});

describe('booking: unanswered requests lapse', () => {
  let t: TestApp;
  let l: Lakeside;
  before(async () => {
    t = await createTestApp();
    l = lakeside(t);
  });
  after(() => t.close());

  test('after 72 hours a request reads as declined (expired), frees its time, and the next write emails the client', async () => {
    let client = newClient(t, { language: 'es' });
    const [start] = await samDay(t, l, client, '2025-01-21'); // two weeks away: it lapses at 72 h, not at its start
    const requested = await requestTime(t, client, { serviceId: l.individual, clinicianId: l.sam, start });
    assert.equal(requested.expiresAt, new Date(t.clock.now() + 72 * HOUR).toISOString());
    t.clock.advance(72 * HOUR);
    client = refreshed(t, client);
    const [shown] = (await appointmentsOf(t, client)).upcoming;
    assert.deepEqual([shown.status, shown.statusReason, shown.cancellable], ['declined', 'expired', false]);
    assert.ok((await samDay(t, l, client, '2025-01-21')).includes(start), 'its time is open again');
    const pending = (await asOffice(t, 'GET', '/appointment-requests')).json<PendingRequestList>();
    assert.ok(!pending.requests.some((r) => r.id === requested.id));
    assert.equal(outboxFor(t, client.email).length, 1, 'nothing sent by reads');
    assert.equal((await asOffice(t, 'POST', `/appointments/${requested.id}/approve`)).statusCode, 409);
    const [mail] = outboxFor(t, client.email);
    assert.match(mail.subject, /Su solicitud de cita venció/);
    const row = t.db.prepare('SELECT status, status_reason FROM appointments WHERE id = ?').get(requested.id);
    assert.deepEqual(row, { status: 'declined', status_reason: 'expired' });
  });

  test('the minute timer emails a lapsed request without waiting for a booking write, once', async () => {
    const client = newClient(t);
    const [start] = await samDay(t, l, client, '2025-02-18');
    const requested = await requestTime(t, client, { serviceId: l.individual, clinicianId: l.sam, start });
    const before = outboxFor(t, client.email).length;
    settleAllLapsedRequests({ db: t.db, clock: t.clock });
    assert.equal(outboxFor(t, client.email).length, before, 'nothing lapses early');
    t.clock.advance(72 * HOUR);
    settleAllLapsedRequests({ db: t.db, clock: t.clock });
    settleAllLapsedRequests({ db: t.db, clock: t.clock });
    const mails = outboxFor(t, client.email);
    assert.equal(mails.length, before + 1, 'one email, however often it runs');
    assert.match(mails[0].subject, /request has lapsed/);
    const row = t.db.prepare('SELECT status, status_reason FROM appointments WHERE id = ?').get(requested.id);
    assert.deepEqual(row, { status: 'declined', status_reason: 'expired' });
  });

  test('a request made days ahead lapses at its start at the latest', async () => {
    const client = newClient(t);
    const first = starts(await openSlots(t, client, { service: l.individual, clinician: l.sam }))[0];
    const requested = await requestTime(t, client, { serviceId: l.individual, clinicianId: l.sam, start: first });
    assert.ok(Date.parse(requested.expiresAt!) <= Date.parse(first));
    assert.ok(Date.parse(first) - t.clock.now() < 72 * HOUR + DAY);
  });
});

describe('booking: emails in the development outbox', () => {
  test('the outbox JSON lists the .ics attachment and serves it', async () => {
    const t = await createTestApp();
    try {
      const l = lakeside(t);
      const client = newClient(t);
      const [start] = await samDay(t, l, client, '2025-01-15');
      await confirmedAt(t, l, client, start);
      const worker = new MailWorker({ db: t.db, clock: t.clock, transport: createMailTransport({ smtpUrl: undefined }).transport });
      // The client's two emails, and the request's notification to the staff (Sam, the office, the owner).
      assert.deepEqual(await worker.runOnce(), { sent: 5, failed: 0 });
      const messages = (await t.app.inject({ url: `/dev/outbox.json?to=${client.email}` })).json<DevOutboxMessage[]>();
      assert.deepEqual(messages.map((m) => m.attachments.map((a) => a.filename)), [['appointment.ics'], []]);
      const file = await t.app.inject({ url: messages[0].attachments[0].url });
      assert.equal(file.statusCode, 200);
      assert.match(file.headers['content-type'] as string, /^text\/calendar/);
      assert.match(file.headers['content-disposition'] as string, /^attachment; filename="appointment\.ics"$/);
      assert.match(file.body, /BEGIN:VCALENDAR/);
      const page = await t.app.inject({ url: '/dev/outbox' });
      assert.match(page.body, /<h3>Attachments<\/h3>/);
      assert.equal((await t.app.inject({ url: `/dev/outbox/${messages[0].id}/attachments/5` })).statusCode, 404);
    } finally {
      await t.close();
    }
  });
});
