// Signed webhooks end to end in one process: endpoints made through the office API, real
// changes (a request, its approval) emitting events, the worker posting them to a real HTTP
// receiver on 127.0.0.1 that verifies each signature independently; retries with backoff on
// the test clock, the 24 h give-up, the delivery log, redelivery, filters, pause and delete.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { WebhookDelivery, WebhookDeliveryList, WebhookEndpoint, WebhookEndpointList, WebhookEndpointWithSecret } from '../../src/contract/index.js';
import { WebhookWorker } from '../../server/webhooks/worker.js';
import { lakeside, newClient, openSlots, requestTime, starts, type Lakeside } from './booking-helpers.js';
import { createTestApp, type TestApp } from './helpers.js';
import { newApiKey } from './staff-helpers.js';
import { asOwner, verifyStandardWebhook, WebhookReceiver } from './webhook-helpers.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Days Sam works (Tuesday–Friday), one per request so each finds an open time. */
const SAM_DAYS = ['2025-01-14', '2025-01-15', '2025-01-16', '2025-01-17', '2025-01-21', '2025-01-22', '2025-01-23', '2025-01-24', '2025-01-28', '2025-01-29'];

describe('signed webhooks', () => {
  let t: TestApp;
  let l: Lakeside;
  let worker: WebhookWorker;
  const receiver = new WebhookReceiver();
  let endpoint: WebhookEndpointWithSecret;
  let dates = 0;

  before(async () => {
    t = await createTestApp();
    l = lakeside(t);
    await receiver.start();
    worker = new WebhookWorker({ db: t.db, clock: t.clock, publicAddressesOnly: false, random: () => 0.5 });
    const res = await asOwner(t, 'POST', '/webhooks', { url: receiver.url(), description: 'EHR bridge' });
    assert.equal(res.statusCode, 201, res.body);
    endpoint = res.json<WebhookEndpointWithSecret>();
  });
  after(async () => {
    await worker.stop();
    await receiver.stop();
    await t.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.status = 204;
  });

  /** A new client requests Sam's first open time on a fresh day; returns the appointment id. */
  async function newRequest(): Promise<number> {
    const client = newClient(t);
    const day = SAM_DAYS[dates++];
    const [start] = starts(await openSlots(t, client, { service: l.individual, clinician: l.sam, from: day, to: day }));
    assert.ok(start, `Sam has an open time on ${day}`);
    return (await requestTime(t, client, { serviceId: l.individual, clinicianId: l.sam, start })).id;
  }

  const verified = (secret: string) =>
    receiver.received.every((r) => verifyStandardWebhook(secret, r.headers, r.body, Math.floor(t.clock.now() / 1000)));

  async function log(endpointId = endpoint.endpoint.id): Promise<WebhookDelivery[]> {
    const res = await asOwner(t, 'GET', `/webhooks/${endpointId}/deliveries`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<WebhookDeliveryList>().deliveries;
  }

  test('create answers the secret once; the list never shows it', async () => {
    assert.match(endpoint.secret, /^whsec_/);
    assert.deepEqual(endpoint.endpoint.eventTypes, []);
    const list = await asOwner(t, 'GET', '/webhooks');
    assert.equal(list.statusCode, 200);
    assert.equal(list.json<WebhookEndpointList>().endpoints.length, 1);
    assert.doesNotMatch(list.body, /whsec_/);
  });

  test('each change reaches the receiver once, signed, with ids and types only', async () => {
    const id = await newRequest();
    const approved = await asOwner(t, 'POST', `/appointments/${id}/approve`);
    assert.equal(approved.statusCode, 200, approved.body);
    assert.deepEqual(await worker.runOnce(), { delivered: 2, failed: 0 });
    assert.deepEqual(await worker.runOnce(), { delivered: 0, failed: 0 }, 'nothing twice');

    // Deliveries of one pass go out in parallel: no order is promised (the README says so).
    const events = receiver.events();
    assert.deepEqual(events.map((e) => e.type).sort(), ['appointment.approved', 'appointment.requested']);
    assert.ok(verified(endpoint.secret), 'every signature verifies with the secret from creation');
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    assert.equal(new Set(ids).size, 2, 'one message id per event');
    for (const event of events) {
      assert.equal(event.data.appointmentId, id);
      assert.equal(event.timestamp, new Date(t.clock.now()).toISOString());
      for (const value of Object.values(event.data)) assert.ok(value === null || typeof value === 'number' || (typeof value === 'string' && /^[a-z_.]+$/.test(value)), 'ids and codes only');
    }
    assert.equal(events.find((e) => e.type === 'appointment.approved')?.data.reason, null);
    assert.equal(receiver.received[0].headers['content-type'], 'application/json');
    // The log shows both as delivered.
    const entries = await log();
    assert.deepEqual(entries.slice(0, 2).map((e) => [e.type, e.status, e.attempts, e.lastStatusCode, e.nextAttemptAt]), [
      ['appointment.approved', 'delivered', 1, 204, null],
      ['appointment.requested', 'delivered', 1, 204, null],
    ]);
    assert.deepEqual(entries.slice(0, 2).map((e) => e.eventId).sort(), [...ids].sort());
  });

  test('a failing receiver is retried with backoff (same webhook-id), then delivered', async () => {
    receiver.status = 500;
    await newRequest();
    assert.deepEqual(await worker.runOnce(), { delivered: 0, failed: 1 });
    let [entry] = await log();
    assert.deepEqual([entry.status, entry.attempts, entry.lastStatusCode, entry.lastError], ['queued', 1, 500, 'HTTP 500']);
    assert.equal(entry.nextAttemptAt, t.clock.now() + 30_000, 'first retry after 30 s');
    assert.deepEqual(await worker.runOnce(), { delivered: 0, failed: 0 }, 'not before its time');

    t.clock.advance(30_000);
    assert.deepEqual(await worker.runOnce(), { delivered: 0, failed: 1 });
    [entry] = await log();
    assert.equal(entry.nextAttemptAt, t.clock.now() + 2 * MINUTE, 'then 2 min');

    receiver.status = 200;
    t.clock.advance(2 * MINUTE);
    assert.deepEqual(await worker.runOnce(), { delivered: 1, failed: 0 });
    [entry] = await log();
    assert.deepEqual([entry.status, entry.attempts, entry.lastStatusCode, entry.deliveredAt], ['delivered', 3, 200, t.clock.now()]);
    const ids = new Set(receiver.received.map((r) => r.headers['webhook-id']));
    assert.equal(ids.size, 1, 'every attempt carries the same webhook-id');
    const stamps = receiver.received.map((r) => Number(r.headers['webhook-timestamp']));
    assert.deepEqual([stamps[1] - stamps[0], stamps[2] - stamps[1]], [30, 120], 'each attempt signs its own timestamp');
    assert.ok(receiver.received.every((r, i) => verifyStandardWebhook(endpoint.secret, r.headers, r.body, stamps[i])));
  });

  test('retries stop 24 h after the event: failed, and the log says so', async () => {
    receiver.status = 503;
    await newRequest();
    let attempts = 0;
    for (let hours = 0; hours <= 25; hours += 1) {
      attempts += (await worker.runOnce()).failed;
      t.clock.advance(HOUR);
    }
    const [entry] = await log();
    assert.equal(entry.status, 'failed');
    assert.equal(entry.nextAttemptAt, null);
    assert.equal(entry.attempts, attempts);
    assert.ok(attempts >= 8 && attempts <= 14, `about ten attempts over the day (${attempts})`);
    t.clock.advance(24 * HOUR);
    assert.deepEqual(await worker.runOnce(), { delivered: 0, failed: 0 }, 'never again by itself');

    // Manual redelivery: queued now, with a fresh window; the same webhook-id.
    receiver.status = 204;
    receiver.received.length = 0;
    const res = await asOwner(t, 'POST', `/webhooks/deliveries/${entry.id}/redeliver`);
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(res.json<WebhookDelivery>().status, 'queued');
    assert.deepEqual(await worker.runOnce(), { delivered: 1, failed: 0 });
    assert.equal(receiver.received[0].headers['webhook-id'], entry.eventId);
    assert.ok(verified(endpoint.secret));
    assert.equal((await log())[0].status, 'delivered');
  });

  test('redelivering a delivered event sends it again (receivers dedupe by webhook-id)', async () => {
    const [entry] = await log();
    const res = await asOwner(t, 'POST', `/webhooks/deliveries/${entry.id}/redeliver`);
    assert.equal(res.statusCode, 202);
    assert.deepEqual(await worker.runOnce(), { delivered: 1, failed: 0 });
    assert.equal(receiver.received[0].headers['webhook-id'], entry.eventId);
    assert.equal((await asOwner(t, 'POST', '/webhooks/deliveries/999999/redeliver')).statusCode, 404);
  });

  test('event filters, pause and delete', async () => {
    const filtered = await asOwner(t, 'POST', '/webhooks', { url: receiver.url('/files-only'), eventTypes: ['file.uploaded'] });
    assert.equal(filtered.statusCode, 201, filtered.body);
    const filteredId = filtered.json<WebhookEndpointWithSecret>().endpoint.id;
    const paused = await asOwner(t, 'PATCH', `/webhooks/${endpoint.endpoint.id}`, { active: false });
    assert.equal(paused.statusCode, 200, paused.body);
    assert.equal(paused.json<WebhookEndpoint>().active, false);

    const id = await newRequest();
    assert.deepEqual(await worker.runOnce(), { delivered: 0, failed: 0 }, 'paused, and the other wants files only');
    assert.equal((await log(filteredId)).length, 0);

    const resumed = await asOwner(t, 'PATCH', `/webhooks/${endpoint.endpoint.id}`, { active: true });
    assert.equal(resumed.statusCode, 200);
    assert.deepEqual(await worker.runOnce(), { delivered: 1, failed: 0 }, 'waiting deliveries go out on resume');
    assert.equal(receiver.events()[0].data.appointmentId, id);

    // Rotation: the next attempts are signed with the new secret only.
    const rotated = await asOwner(t, 'POST', `/webhooks/${endpoint.endpoint.id}/rotate-secret`);
    assert.equal(rotated.statusCode, 200);
    const secret = rotated.json<WebhookEndpointWithSecret>().secret;
    assert.notEqual(secret, endpoint.secret);
    receiver.received.length = 0;
    await newRequest();
    await worker.runOnce();
    assert.ok(verified(secret));
    assert.ok(!verified(endpoint.secret));
    endpoint = { ...endpoint, secret };

    // Delete: the log is gone from the API, pending deliveries are dropped.
    receiver.status = 500;
    await newRequest();
    const deleted = await asOwner(t, 'DELETE', `/webhooks/${filteredId}`);
    assert.equal(deleted.statusCode, 204);
    assert.equal((await asOwner(t, 'GET', `/webhooks/${filteredId}/deliveries`)).statusCode, 404);
    assert.equal((await asOwner(t, 'DELETE', `/webhooks/${filteredId}`)).statusCode, 404);
    assert.equal((await asOwner(t, 'GET', '/webhooks')).json<WebhookEndpointList>().endpoints.length, 1);
  });

  test('a delivery that waited out its 24 h on a paused endpoint expires unsent; management is audited', async () => {
    await worker.runOnce(); // what the last test left queued goes out first
    receiver.received.length = 0;
    assert.equal((await asOwner(t, 'PATCH', `/webhooks/${endpoint.endpoint.id}`, { active: false })).statusCode, 200);
    await newRequest();
    t.clock.advance(25 * HOUR);
    assert.equal((await asOwner(t, 'PATCH', `/webhooks/${endpoint.endpoint.id}`, { active: true })).statusCode, 200);
    assert.deepEqual(await worker.runOnce(), { delivered: 0, failed: 1 });
    assert.equal(receiver.received.length, 0, 'too old to send');
    const [entry] = await log();
    assert.deepEqual([entry.status, entry.attempts, entry.lastError], ['failed', 0, 'expired while the endpoint was paused']);
    const audited = t.db
      .prepare("SELECT action, resource_type FROM audit_events WHERE resource_type LIKE 'webhook%' ORDER BY seq")
      .all() as { action: string; resource_type: string }[];
    for (const [action, type] of [
      ['sensitive_create', 'webhook_endpoint'],
      ['sensitive_update', 'webhook_endpoint'],
      ['sensitive_update', 'webhook_secret'],
      ['sensitive_delete', 'webhook_endpoint'],
      ['sensitive_update', 'webhook_delivery'],
    ]) {
      assert.ok(audited.some((a) => a.action === action && a.resource_type === type), `${action} ${type} audited`);
    }
  });

  test('URLs: https, or http to localhost in development; bad ones are 400 on url', async () => {
    for (const url of ['http://hooks.example.com/in', 'ftp://localhost/x', 'javascript:alert(1)']) {
      const res = await asOwner(t, 'POST', '/webhooks', { url });
      assert.equal(res.statusCode, 400, url);
      assert.deepEqual(res.json<{ error: { fields: Record<string, string> } }>().error.fields, { url: 'invalid' });
    }
    const patch = await asOwner(t, 'PATCH', `/webhooks/${endpoint.endpoint.id}`, { url: 'http://example.com/x' });
    assert.equal(patch.statusCode, 400);
    const unknownType = await asOwner(t, 'POST', '/webhooks', { url: receiver.url(), eventTypes: ['appointment.exploded'] });
    assert.equal(unknownType.statusCode, 400);
  });

  test('permissions: an API key needs the webhooks scope; clients cannot reach the routes', async () => {
    const readOnly = newApiKey(t, ['read', 'write']);
    const hooks = newApiKey(t, ['webhooks']);
    const call = (token: string, url = '/p/lakeside/admin/webhooks') => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    assert.equal((await call(readOnly)).statusCode, 403);
    assert.equal((await call(hooks)).statusCode, 200);
    assert.equal((await call(hooks, '/p/lakeside/admin/notifications')).statusCode, 403, 'notification settings are for owners');
    const client = newClient(t);
    assert.equal((await call(client.token)).statusCode, 401);
  });
});

describe('webhook URLs in production', () => {
  test('a private or loopback address is refused on create, however written', async () => {
    const t = await createTestApp({ config: { mode: 'production' } });
    try {
      const key = newApiKey(t, ['webhooks']);
      const create = (url: string) =>
        t.app.inject({ method: 'POST', url: '/p/lakeside/admin/webhooks', headers: { authorization: `Bearer ${key}` }, payload: { url } });
      for (const url of ['http://127.0.0.1:9000/in', 'https://127.0.0.1/in', 'https://localhost/in', 'https://10.1.2.3/in', 'https://[::1]/in', 'https://169.254.169.254/x', 'https://2130706433/']) {
        const res = await create(url);
        assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      }
      const ok = await create('https://93.184.216.34/hooks');
      assert.equal(ok.statusCode, 201, ok.body);
    } finally {
      await t.close();
    }
  });
});
