// Every change that the practice's systems hear about reaches a real receiver exactly once:
// booking (request, decline, withdraw, cancel, reschedule, lapse), documents (signed, form
// submitted, packet completed, once) and files (uploaded, when available).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { AdminDocumentList, RescheduleResult } from '../../src/contract/index.js';
import { settleAllLapsedRequests } from '../../server/booking/lapse-timer.js';
import { WebhookWorker } from '../../server/webhooks/worker.js';
import { asClient, lakeside, newClient, openSlots, requestTime, starts, type Client, type Lakeside } from './booking-helpers.js';
import { acceptEsign, as, documentText } from './documents-helpers.js';
import { EICAR, startClamd, type Clamd } from './clamd-helpers.js';
import { uploadFile } from './files-helpers.js';
import { samplePdf } from './files-samples.js';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './helpers.js';
import { asOwner, verifyStandardWebhook, WebhookReceiver } from './webhook-helpers.js';

const HOUR = 3_600_000;

describe('events reach the receiver once per change', () => {
  let t: TestApp;
  let l: Lakeside;
  let worker: WebhookWorker;
  let secret: string;
  const receiver = new WebhookReceiver();

  before(async () => {
    t = await createTestApp();
    l = lakeside(t);
    await receiver.start();
    worker = new WebhookWorker({ db: t.db, clock: t.clock, publicAddressesOnly: false });
    const res = await asOwner(t, 'POST', '/webhooks', { url: receiver.url() });
    assert.equal(res.statusCode, 201, res.body);
    secret = res.json<{ secret: string }>().secret;
  });
  after(async () => {
    await receiver.stop();
    await t.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
  });

  /** Delivers what is due and answers the types received, each event checked once and signed. */
  async function received(): Promise<{ type: string; data: Record<string, unknown> }[]> {
    await worker.runOnce();
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    assert.equal(new Set(ids).size, ids.length, 'no event twice');
    assert.ok(receiver.received.every((r) => verifyStandardWebhook(secret, r.headers, r.body, Math.floor(t.clock.now() / 1000))));
    const events = receiver.events();
    receiver.received.length = 0;
    return events;
  }
  const types = (events: { type: string }[]) => events.map((e) => e.type).sort();

  async function samTime(client: Client, day: string, index = 0): Promise<string> {
    const all = starts(await openSlots(t, client, { service: l.individual, clinician: l.sam, from: day, to: day }));
    return all[index];
  }

  test('booking: request, decline, withdraw, cancel, reschedule and its approval, lapse', async () => {
    const client = newClient(t);
    const first = await requestTime(t, client, { serviceId: l.individual, clinicianId: l.sam, start: await samTime(client, '2025-01-14') });
    assert.deepEqual(types(await received()), ['appointment.requested']);

    assert.equal((await asOwner(t, 'POST', `/appointments/${first.id}/decline`, {})).statusCode, 200);
    const declined = await received();
    assert.deepEqual(types(declined), ['appointment.declined']);
    assert.equal(declined[0].data.reason, 'practice');

    const second = await requestTime(t, client, { serviceId: l.individual, clinicianId: l.sam, start: await samTime(client, '2025-01-15') });
    assert.equal((await asClient(t, client, 'POST', `/appointments/${second.id}/cancel`)).statusCode, 200);
    const withdrawn = await received();
    assert.deepEqual(types(withdrawn), ['appointment.cancelled', 'appointment.requested']);
    assert.equal(withdrawn.find((e) => e.type === 'appointment.cancelled')?.data.reason, 'withdrawn');

    const third = await requestTime(t, client, { serviceId: l.individual, clinicianId: l.sam, start: await samTime(client, '2025-01-16') });
    assert.equal((await asOwner(t, 'POST', `/appointments/${third.id}/approve`)).statusCode, 200);
    assert.deepEqual(types(await received()), ['appointment.approved', 'appointment.requested']);

    const move = await asClient(t, client, 'POST', `/appointments/${third.id}/reschedule`, { start: await samTime(client, '2025-01-17') });
    assert.equal(move.statusCode, 201, move.body);
    const moveId = move.json<RescheduleResult>().request.id;
    const rescheduled = await received();
    assert.deepEqual(types(rescheduled), ['appointment.rescheduled']);
    assert.deepEqual([rescheduled[0].data.appointmentId, rescheduled[0].data.rescheduleOfId], [moveId, third.id]);
    assert.equal((await asOwner(t, 'POST', `/appointments/${moveId}/approve`)).statusCode, 200);
    const swapped = await received();
    assert.deepEqual([swapped[0].type, swapped[0].data.reason], ['appointment.approved', 'rescheduled']);

    assert.equal((await asClient(t, client, 'POST', `/appointments/${moveId}/cancel`)).statusCode, 200);
    const cancelled = await received();
    assert.deepEqual([cancelled[0].type, cancelled[0].data.reason], ['appointment.cancelled', 'client']);

    const other = newClient(t);
    const waiting = await requestTime(t, other, { serviceId: l.individual, clinicianId: l.sam, start: await samTime(other, '2025-01-22') });
    await received();
    t.clock.advance(72 * HOUR);
    settleAllLapsedRequests(t);
    settleAllLapsedRequests(t);
    const lapsed = await received();
    // The demo's own waiting requests lapse too; this one lapses once.
    assert.deepEqual(lapsed.filter((e) => e.data.appointmentId === waiting.id).map((e) => [e.type, e.data.reason]), [['appointment.declined', 'expired']]);
  });

  test('documents: each signature and form, and the packet completed once', async () => {
    const client = newClient(t);
    const documents = (await asOwner(t, 'GET', '/document-templates')).json<AdminDocumentList>().documents;
    const documentId = documents[0].id;
    const assigned = await t.app.inject({
      method: 'PUT',
      url: `/p/lakeside/admin/profiles/${client.profileId}/packet`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      payload: { welcomeHtml: {}, items: [{ kind: 'document', documentId }, { kind: 'form', formId: 'contact' }] },
    });
    assert.equal(assigned.statusCode, 200, assigned.body);
    await acceptEsign(t, client);
    const doc = await documentText(t, client, documentId);
    const signed = await as(t, client, 'POST', '/signatures', {
      documentId,
      version: doc.version,
      textSha256: doc.textSha256,
      fullName: 'Booker Person',
      agreed: true,
      language: doc.language,
    });
    assert.equal(signed.statusCode, 201, signed.body);
    const afterSigning = await received();
    assert.deepEqual(types(afterSigning), ['document.signed']);
    assert.deepEqual(Object.keys(afterSigning[0].data).sort(), ['documentId', 'profileId', 'signatureId', 'version']);

    const contact = {
      addressLine1: '12 Calle Mayor',
      city: 'Springfield',
      state: 'IL',
      postalCode: '62701',
      mobilePhone: '(555) 555-0100',
      email: 'booker@example.com',
      emergencyName: 'Ana García',
      emergencyRelationship: 'hermana',
      emergencyPhone: '555-555-0101',
      textReminders: true,
    };
    const submitted = await as(t, client, 'POST', '/forms/contact/submission', { answers: contact });
    assert.equal(submitted.statusCode, 200, submitted.body);
    const completing = await received();
    assert.deepEqual(types(completing), ['form.submitted', 'packet.completed']);
    assert.doesNotMatch(JSON.stringify(completing), /Springfield|Calle|hermana/, 'no answers');

    const again = await as(t, client, 'POST', '/forms/contact/submission', { answers: { ...contact, city: 'Chicago' } });
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(types(await received()), ['form.submitted'], 'a packet already complete is not completed again');
  });

  test('files: uploaded when stored (scanning off in development), with no file name', async () => {
    const client = newClient(t);
    const { last } = await uploadFile(t, client.token, client.profileId, 'Divorce-notes-Smith.pdf', samplePdf());
    assert.equal(last.statusCode, 200, last.body);
    const events = await received();
    assert.deepEqual(types(events), ['file.uploaded']);
    assert.equal(events[0].data.profileId, client.profileId);
    assert.doesNotMatch(JSON.stringify(events), /Divorce|Smith|\.pdf/);
  });
});

describe('file.uploaded waits for the malware scan', () => {
  let clamd: Clamd;
  let t: TestApp;
  const receiver = new WebhookReceiver();
  before(async () => {
    clamd = await startClamd();
    t = await createTestApp({ config: { uploads: { scan: 'clamd', clamd: { socket: clamd.socket }, scanRetryMs: 60_000 } } });
    await receiver.start();
    assert.equal((await asOwner(t, 'POST', '/webhooks', { url: receiver.url(), eventTypes: ['file.uploaded'] })).statusCode, 201);
  });
  after(async () => {
    await receiver.stop();
    await t?.close();
    await clamd?.close();
  });

  test('announced once when scanned clean (not when stored pending); an infected file never', async () => {
    const worker = new WebhookWorker({ db: t.db, clock: t.clock, publicAddressesOnly: false });
    const client = newClient(t);
    const clean = await uploadFile(t, client.token, client.profileId, 'referral.pdf', samplePdf('Referral'));
    assert.equal(clean.last.statusCode, 200, clean.last.body);
    const infected = await uploadFile(t, client.token, client.profileId, 'notes.csv', Buffer.concat([Buffer.from('date,note\n'), EICAR, Buffer.from('\n')]));
    assert.equal(infected.last.statusCode, 200, infected.last.body);
    // Each commit kicks the scanner itself; kick again so both verdicts are in.
    await t.app.uploads!.scanner!.kick();
    await t.app.uploads!.scanner!.kick();
    await worker.runOnce();
    assert.deepEqual(receiver.events().map((e) => [e.type, e.data.fileId]), [['file.uploaded', clean.last.json<{ file: { id: number } }>().file.id]]);
  });
});

test('file.uploaded: a file held for a scanner (UPLOAD_SCAN=hold) is not announced while it waits', async () => {
  const t = await createTestApp({ config: { uploads: { scan: 'hold' } } });
  try {
    const client = newClient(t);
    const { last } = await uploadFile(t, client.token, client.profileId, 'referral.pdf', samplePdf('Referral'));
    assert.equal(last.statusCode, 200, last.body);
    assert.equal(last.json<{ file: { status: string } }>().file.status, 'pending_scan');
    assert.deepEqual(t.db.prepare("SELECT type FROM practice_events WHERE type = 'file.uploaded'").all(), []);
  } finally {
    await t.close();
  }
});
