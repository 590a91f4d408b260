// The office API's inbox (issue 13): what clients did, newest first, for the caller's clients
// only, with ids and the client's name and nothing more.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Inbox } from '../../src/contract/index.js';
import { asClient, lakeside, newClient, openSlots, requestTime, starts, type Client, type Lakeside } from './booking-helpers.js';
import { acceptEsign, alex, as, CONTACT_ANSWERS as CONTACT, documentIds, documentsApp, errorOf, maria, packet, signShown } from './documents-helpers.js';
import { profileIdOf, uploadFile } from './files-helpers.js';
import { samplePdf } from './files-samples.js';
import type { TestApp } from './helpers.js';
import { asStaff, auditAfter, auditSeq, staffToken } from './office-helpers.js';

const MINUTE = 60_000;
const ALLOWED_KEYS = new Set(['kind', 'at', 'profileId', 'profileName', 'appointmentId', 'fileId', 'formId', 'documentId', 'signatureId']);

describe('office API: the inbox', () => {
  let t: TestApp;
  let L: Lakeside;
  let booker: Client;
  let samsClient: Client;
  let ana: string;
  let sam: string;
  let alexStarted: string;

  before(async () => {
    t = await documentsApp();
    L = lakeside(t);
    ana = staffToken(t, 'clinician', L.ana);
    sam = staffToken(t, 'clinician', L.sam);

    // A new client asks Ana for two times and withdraws one.
    booker = newClient(t);
    const open = starts(await openSlots(t, booker, { service: L.individual, clinician: L.ana }));
    const [first, second] = [open[0], open[open.length - 1]];
    await requestTime(t, booker, { serviceId: L.individual, clinicianId: L.ana, start: first });
    t.clock.advance(MINUTE);
    const withdrawn = await requestTime(t, booker, { serviceId: L.individual, clinicianId: L.ana, start: second });
    t.clock.advance(MINUTE);
    assert.equal((await asClient(t, booker, 'POST', `/appointments/${withdrawn.id}/cancel`)).statusCode, 200);

    // María uploads, submits a form and signs.
    t.clock.advance(MINUTE);
    const m = maria(t);
    assert.equal((await uploadFile(t, m.token, m.profileId, 'carta médica.pdf', samplePdf())).last.statusCode, 200);
    t.clock.advance(MINUTE);
    assert.equal((await as(t, m, 'POST', '/forms/contact/submission', { answers: CONTACT })).statusCode, 200);
    t.clock.advance(MINUTE);
    await acceptEsign(t, m);
    await signShown(t, m, documentIds(await packet(t, m))[0]);

    // Alex completes his whole packet (one document, one form).
    t.clock.advance(MINUTE);
    alexStarted = new Date(t.clock.now() - 1).toISOString();
    const a = alex(t);
    await acceptEsign(t, a);
    await signShown(t, a, documentIds(await packet(t, a))[0], { fullName: 'Alex Morgan' });
    t.clock.advance(MINUTE);
    assert.equal((await as(t, a, 'POST', '/forms/contact/submission', { answers: CONTACT })).statusCode, 200);

    // Sam's own client uploads a file.
    t.clock.advance(MINUTE);
    samsClient = newClient(t);
    assert.equal((await asStaff(t, 'PATCH', `/clients/${samsClient.profileId}`, { payload: { clinicianId: L.sam } })).statusCode, 200);
    assert.equal((await uploadFile(t, samsClient.token, samsClient.profileId, 'scan.pdf', samplePdf())).last.statusCode, 200);
  });
  after(() => t.close());

  const inbox = async (query = '', token?: string) => {
    const res = await asStaff(t, 'GET', `/inbox${query}`, { token });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<Inbox>().items;
  };

  test('the owner sees every kind, newest first, with ids and the client’s name only', async () => {
    const seq = auditSeq(t);
    const items = await inbox();
    const kinds = new Set(items.map((i) => i.kind));
    for (const kind of ['appointment_requested', 'appointment_cancelled', 'file_uploaded', 'form_submitted', 'document_signed', 'packet_completed']) {
      assert.ok(kinds.has(kind as never), `${kind} in ${[...kinds].join()}`);
    }
    const times = items.map((i) => Date.parse(i.at));
    assert.deepEqual(times, [...times].sort((x, y) => y - x));
    for (const item of items) for (const key of Object.keys(item)) assert.ok(ALLOWED_KEYS.has(key), key);
    assert.ok(!JSON.stringify(items).includes('carta'), 'no file names');

    const completed = items.find((i) => i.kind === 'packet_completed')!;
    assert.equal(completed.profileId, profileIdOf(t.db, 'Alex Morgan'));
    const cancelled = items.find((i) => i.kind === 'appointment_cancelled')!;
    assert.equal(cancelled.profileId, booker.profileId);
    assert.ok(cancelled.appointmentId);
    const signed = items.find((i) => i.kind === 'document_signed' && i.profileName === 'María García')!;
    assert.ok(signed.signatureId && signed.documentId);
    assert.equal(items.find((i) => i.kind === 'form_submitted')!.formId, 'contact');

    const [read] = auditAfter(t, seq);
    assert.deepEqual([read.action, read.resourceType], ['sensitive_read', 'inbox']);
  });

  test('since and limit', async () => {
    const recent = await inbox(`?since=${encodeURIComponent(alexStarted)}`);
    assert.deepEqual(new Set(recent.map((i) => i.profileName)), new Set(['Alex Morgan', samsClient.email.replace(/booker(\d+)@example\.com/, 'Booker $1')]));
    const [newest, ...rest] = await inbox('?limit=1');
    assert.equal(rest.length, 0);
    assert.deepEqual([newest.kind, newest.profileId], ['file_uploaded', samsClient.profileId]);
    assert.equal((await asStaff(t, 'GET', '/inbox?since=yesterday')).statusCode, 400);
    assert.equal(errorOf(await asStaff(t, 'GET', '/inbox?limit=0')).code, 'validation');
  });

  test('a clinician sees only their own clients’ items', async () => {
    const anas = await inbox('', ana);
    assert.ok(anas.some((i) => i.profileId === booker.profileId && i.kind === 'appointment_requested'));
    const others = [profileIdOf(t.db, 'María García'), profileIdOf(t.db, 'Alex Morgan'), samsClient.profileId];
    assert.ok(anas.every((i) => !others.includes(i.profileId)), JSON.stringify(anas));
    const sams = await inbox('', sam);
    assert.deepEqual(sams.map((i) => [i.kind, i.profileId]), [['file_uploaded', samsClient.profileId]]);
  });
});
