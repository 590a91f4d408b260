// R36 for the booking routes: every call of an operation tagged `phi` writes exactly one
// audit event (who, acting-for profile, what, when, where, outcome) with ids and codes
// only; a canary in a message or note never reaches the logs or the audit trail.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Appointment, RescheduleResult } from '../../src/contract/index.js';
import { auditTip } from './auth-helpers.js';
import { asClient, asOffice, lakeside, newClient, openSlots, starts } from './booking-helpers.js';
import { LAKESIDE_ORIGIN, createTestApp, type TestApp } from './helpers.js';

const CANARY = 'CANARY-panic-attacks-since-May';
const BOOKING_PHI_OPERATIONS = [
  'approveAppointmentRequest',
  'cancelAppointment',
  'createAppointmentRequest',
  'declineAppointmentRequest',
  'listAppointments',
  'listPendingAppointmentRequests',
  'rescheduleAppointment',
];

describe('booking: R36, one audit event per phi call, no PHI in logs', () => {
  const lines: string[] = [];
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } } });
  });
  after(() => t.close());

  test('each booking operation tagged phi: exactly one event, ids only', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json<{ paths: Record<string, Record<string, { operationId: string; tags?: string[] }>> }>();
    const ops = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
    const tagged = ops.filter((op) => op.tags?.includes('booking') && op.tags.includes('phi')).map((op) => op.operationId).sort();
    assert.deepEqual(tagged, BOOKING_PHI_OPERATIONS);

    const l = lakeside(t);
    const client = newClient(t);
    const open = starts(await openSlots(t, client, { service: l.individual, clinician: l.sam, from: '2025-01-15', to: '2025-01-15' }));
    const practiceId = l.practice.id;
    let appointment = 0;
    let move = 0;
    // [operationId, call, who (null: the office), acting profile, action, resource type]
    const calls = [
      ['createAppointmentRequest', async () => {
        const res = await asClient(t, client, 'POST', '/appointments', { serviceId: l.individual, clinicianId: l.sam, start: open[0], message: CANARY });
        appointment = res.json<Appointment>().id;
        return res;
      }, client.accountId, client.profileId, 'sensitive_create', 'appointment'],
      ['listPendingAppointmentRequests', () => asOffice(t, 'GET', '/appointment-requests'), null, null, 'sensitive_read', 'appointment_list'],
      ['approveAppointmentRequest', () => asOffice(t, 'POST', `/appointments/${appointment}/approve`), null, client.profileId, 'sensitive_update', 'appointment'],
      ['listAppointments', () => asClient(t, client, 'GET', '/appointments'), client.accountId, client.profileId, 'sensitive_read', 'appointment_list'],
      ['rescheduleAppointment', async () => {
        const res = await asClient(t, client, 'POST', `/appointments/${appointment}/reschedule`, { start: open[6], message: CANARY });
        move = res.json<RescheduleResult>().request.id;
        return res;
      }, client.accountId, client.profileId, 'sensitive_create', 'appointment'],
      ['declineAppointmentRequest', () => asOffice(t, 'POST', `/appointments/${move}/decline`, { note: CANARY }), null, client.profileId, 'sensitive_update', 'appointment'],
      ['cancelAppointment', () => asClient(t, client, 'POST', `/appointments/${appointment}/cancel`), client.accountId, client.profileId, 'sensitive_update', 'appointment'],
    ] as const;
    assert.deepEqual(calls.map((c) => c[0]).sort(), BOOKING_PHI_OPERATIONS);
    for (const [operationId, run, actor, acting, action, resourceType] of calls) {
      t.clock.advance(60_000);
      const tip = auditTip(t.db);
      const res = await run();
      assert.ok(res.statusCode < 300, `${operationId}: ${res.statusCode} ${res.body}`);
      const events = t.db.prepare('SELECT * FROM audit_events WHERE seq > ? ORDER BY seq').all(tip) as Record<string, unknown>[];
      assert.equal(events.length, 1, `${operationId}: exactly one event`);
      const [e] = events;
      const office = actor === null;
      assert.deepEqual(
        [e.practice_id, e.actor_account_id, e.acting_profile_id, e.action, e.resource_type, e.outcome, e.ip, e.origin, e.occurred_at],
        [practiceId, actor, acting, action, resourceType, 'success', office ? '203.0.113.30' : '203.0.113.20', office ? null : LAKESIDE_ORIGIN, t.clock.now()],
        operationId,
      );
      assert.ok(e.resource_id, `${operationId}: names its resource`);
      assert.ok(!JSON.stringify(e).includes('@') && !JSON.stringify(e).includes(CANARY), `${operationId}: ids only`);
    }
  });

  test('requests were logged, and the canary, addresses and times never were', () => {
    const text = lines.join('');
    assert.ok(text.includes('incoming request'), 'the check is not vacuous');
    for (const secret of [CANARY, '@example.com', '2025-01-15T']) assert.ok(!text.includes(secret), `logs contain ${secret}`);
  });

  test('nothing of the canary in any email either', () => {
    const mail = t.db.prepare('SELECT subject, text_body, html_body FROM outbox').all();
    assert.ok(mail.length >= 4);
    assert.ok(!JSON.stringify(mail).includes(CANARY));
  });
});
