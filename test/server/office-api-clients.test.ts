// The office API's clients (issue 13): list and search, add, read with a summary, assign a
// clinician; a clinician sees only their own clients (404 and authz_fail otherwise, R41), and
// every read is audited with ids only (R36).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ClientCreated, ClientDetail, OfficeClientList } from '../../src/contract/index.js';
import { DAY, lakeside, newClient, openSlots, requestTime, starts, type Lakeside } from './booking-helpers.js';
import { as, CONTACT_ANSWERS as CONTACT, documentsApp, errorOf, maria } from './documents-helpers.js';
import { profileIdOf } from './files-helpers.js';
import { LAKESIDE_ORIGIN, type TestApp } from './helpers.js';
import { asStaff, auditAfter, auditSeq, staffToken } from './office-helpers.js';
import { newApiKey } from './staff-helpers.js';

describe('office API: clients', () => {
  let t: TestApp;
  let L: Lakeside;
  let ana: string;
  let sam: string;
  let office: string;
  let mayaId: number;
  let mariaId: number;

  before(async () => {
    t = await documentsApp();
    L = lakeside(t);
    ana = staffToken(t, 'clinician', L.ana);
    sam = staffToken(t, 'clinician', L.sam);
    office = staffToken(t, 'office');
    mayaId = profileIdOf(t.db, 'Maya Lee');
    mariaId = profileIdOf(t.db, 'María García');
  });
  after(() => t.close());

  const names = (res: { json: <T>() => T }) => res.json<OfficeClientList>().clients.map((c) => c.displayName);

  test('the owner lists every client with their accounts; q searches names and addresses', async () => {
    const res = await asStaff(t, 'GET', '/clients');
    assert.equal(res.statusCode, 200, res.body);
    const clients = res.json<OfficeClientList>().clients;
    const maya = clients.find((c) => c.id === mayaId)!;
    assert.equal(maya.kind, 'minor');
    assert.deepEqual(maya.accounts.map((a) => [a.email, a.relationship]), [['jordan@example.com', 'guardian']]);
    assert.ok(clients.some((c) => c.id === mariaId));

    assert.deepEqual(names(await asStaff(t, 'GET', '/clients?q=GARC')), ['María García']);
    const jordans = names(await asStaff(t, 'GET', '/clients?q=jordan%40example'));
    assert.ok(jordans.includes('Maya Lee') && !jordans.includes('María García'), jordans.join());
    assert.equal((await asStaff(t, 'GET', '/clients?q=')).statusCode, 400);
  });

  test('a clinician lists only their clients: assigned to them or with an appointment with them', async () => {
    const anas = names(await asStaff(t, 'GET', '/clients', { token: ana }));
    assert.ok(anas.includes('Maya Lee'), anas.join());
    assert.ok(!anas.includes('María García'));
    const sams = names(await asStaff(t, 'GET', '/clients', { token: sam }));
    assert.ok(!sams.includes('Maya Lee'));
  });

  test('one client: accounts, clinician and a summary that follows what the client does', async () => {
    const first = (await asStaff(t, 'GET', `/clients/${mariaId}`, { token: office })).json<ClientDetail>();
    assert.equal(first.client.displayName, 'María García');
    assert.equal(first.clinician, null);
    assert.deepEqual(first.summary, { pendingRequests: 0, files: 0, formsSubmitted: 0, documentsSigned: 0, cardOnFile: false, packet: 'pending' });

    const submitted = await as(t, maria(t), 'POST', '/forms/contact/submission', { answers: CONTACT });
    assert.equal(submitted.statusCode, 200, submitted.body);
    const seq = auditSeq(t);
    const after = (await asStaff(t, 'GET', `/clients/${mariaId}`, { token: office })).json<ClientDetail>();
    assert.equal(after.summary.formsSubmitted, 1);
    assert.equal(after.summary.packet, 'in_progress');
    const [read] = auditAfter(t, seq);
    assert.equal(read.action, 'sensitive_read');
    assert.equal(read.resourceType, 'client');
    assert.equal(read.resourceId, String(mariaId));
    assert.ok(read.staffId !== null);

    assert.equal((await asStaff(t, 'GET', '/clients/999999')).statusCode, 404);
  });

  test('another clinician’s client is 404 for a clinician, and the refusal is audited', async () => {
    const seq = auditSeq(t);
    const res = await asStaff(t, 'GET', `/clients/${mayaId}`, { token: sam });
    assert.equal(res.statusCode, 404);
    const [refusal] = auditAfter(t, seq);
    assert.deepEqual([refusal.action, refusal.outcome, refusal.resourceType, refusal.resourceId], ['authz_fail', 'failure', 'profile', String(mayaId)]);
    assert.equal((await asStaff(t, 'GET', `/clients/${mayaId}`, { token: ana })).statusCode, 200);
  });

  test('adding a client: account, own profile and link in one go, welcome queued, audited with ids only', async () => {
    const seq = auditSeq(t);
    const res = await asStaff(t, 'POST', '/clients', {
      token: office,
      payload: { name: ' Robin Vega ', email: 'Robin.Vega@example.com', language: 'es', clinicianId: L.sam, sendWelcome: true },
    });
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json<ClientCreated>();
    assert.equal(created.welcomeSent, true);
    const detail = (await asStaff(t, 'GET', `/clients/${created.profileId}`)).json<ClientDetail>();
    assert.equal(detail.client.displayName, 'Robin Vega');
    assert.equal(detail.client.language, 'es');
    assert.deepEqual(detail.client.accounts, [{ id: created.accountId, email: 'robin.vega@example.com', name: 'Robin Vega', relationship: 'self' }]);
    assert.deepEqual(detail.clinician, { id: L.sam, name: detail.clinician!.name });
    const mail = t.db.prepare('SELECT language FROM outbox WHERE to_address = ?').all('robin.vega@example.com') as Array<{ language: string }>;
    assert.deepEqual(mail, [{ language: 'es' }]);

    const trail = auditAfter(t, seq);
    assert.ok(trail.some((e) => e.action === 'sensitive_create' && e.resourceType === 'client' && e.resourceId === String(created.profileId) && e.staffId !== null));
    assert.ok(trail.some((e) => e.resourceType === 'invitation' && e.staffId !== null));
    assert.ok(!JSON.stringify(trail).includes('robin'), 'no address or name in the trail');

    // Sam's new client is Sam's; Ana does not see it.
    assert.equal((await asStaff(t, 'GET', `/clients/${created.profileId}`, { token: sam })).statusCode, 200);
    assert.equal((await asStaff(t, 'GET', `/clients/${created.profileId}`, { token: ana })).statusCode, 404);

    const again = await asStaff(t, 'POST', '/clients', { payload: { name: 'Robin', email: 'robin.vega@example.com', language: 'en' } });
    assert.equal(again.statusCode, 409);
  });

  test('a clinician adding a client gets it assigned to themselves', async () => {
    const res = await asStaff(t, 'POST', '/clients', { token: ana, payload: { name: 'Kai Moss', email: 'kai@example.com', language: 'en', clinicianId: L.sam } });
    assert.equal(res.statusCode, 201, res.body);
    const { profileId } = res.json<ClientCreated>();
    assert.equal((await asStaff(t, 'GET', `/clients/${profileId}`)).json<ClientDetail>().client.clinicianId, L.ana);
    assert.equal(t.db.prepare('SELECT count(*) AS n FROM outbox WHERE to_address = ?').pluck().get('kai@example.com'), 0);
  });

  test('adding a client: validation errors name the fields', async () => {
    const missing = await asStaff(t, 'POST', '/clients', { payload: { email: 'x@example.com', language: 'en' } });
    assert.equal(missing.statusCode, 400);
    assert.equal(errorOf(missing).code, 'validation');
    assert.ok(errorOf(missing).fields && 'name' in errorOf(missing).fields!, missing.body);
    const badEmail = await asStaff(t, 'POST', '/clients', { payload: { name: 'X', email: 'nope', language: 'en' } });
    assert.ok('email' in (errorOf(badEmail).fields ?? {}), badEmail.body);
    const badClinician = await asStaff(t, 'POST', '/clients', { payload: { name: 'X', email: 'x2@example.com', language: 'en', clinicianId: 99999 } });
    assert.deepEqual(errorOf(badClinician).fields, { clinicianId: 'invalid' });
    const badKind = await asStaff(t, 'POST', '/clients', { payload: { name: 'X', email: 'x3@example.com', language: 'en', kind: 'minor' } });
    assert.equal(badKind.statusCode, 400);
  });

  test('assigning a clinician: office and owner; a clinician 403 on their own client, 404 on another’s', async () => {
    const res = await asStaff(t, 'PATCH', `/clients/${mariaId}`, { token: office, payload: { clinicianId: L.sam } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<ClientDetail>().clinician?.id, L.sam);
    assert.ok(names(await asStaff(t, 'GET', '/clients', { token: sam })).includes('María García'));

    const seq = auditSeq(t);
    assert.equal((await asStaff(t, 'PATCH', `/clients/${mariaId}`, { token: sam, payload: { clinicianId: L.ana } })).statusCode, 403);
    assert.deepEqual(auditAfter(t, seq).map((e) => [e.action, e.resourceId]), [['authz_fail', String(mariaId)]]);
    assert.equal((await asStaff(t, 'PATCH', `/clients/${mariaId}`, { token: ana, payload: { clinicianId: L.ana } })).statusCode, 404);
    const bad = await asStaff(t, 'PATCH', `/clients/${mariaId}`, { payload: { clinicianId: 99999 } });
    assert.deepEqual(errorOf(bad).fields, { clinicianId: 'invalid' });

    const cleared = await asStaff(t, 'PATCH', `/clients/${mariaId}`, { payload: { clinicianId: null } });
    assert.equal(cleared.json<ClientDetail>().clinician, null);
    assert.ok(!names(await asStaff(t, 'GET', '/clients', { token: sam })).includes('María García'));
  });

  test('the summary counts requests while they wait, not once they lapse', async () => {
    const client = newClient(t);
    const [start] = starts(await openSlots(t, client, { service: L.individual, clinician: L.ana }));
    await requestTime(t, client, { serviceId: L.individual, clinicianId: L.ana, start });
    const summary = async () => (await asStaff(t, 'GET', `/clients/${client.profileId}`)).json<ClientDetail>().summary;
    assert.equal((await summary()).pendingRequests, 1);
    t.clock.advance(4 * DAY);
    assert.equal((await summary()).pendingRequests, 0);
  });

  test('another practice’s client or clinician is 404, whoever asks (R28)', async () => {
    const harborProfile = t.db.prepare("SELECT p.id FROM profiles p JOIN practices x ON x.id = p.practice_id WHERE x.slug = 'harbor' LIMIT 1").pluck().get() as number;
    const harborClinician = t.db.prepare("SELECT c.id FROM clinicians c JOIN practices x ON x.id = c.practice_id WHERE x.slug = 'harbor' LIMIT 1").pluck().get() as number;
    for (const path of [`/clients/${harborProfile}`, `/clients/${harborProfile}/files`, `/clients/${harborProfile}/card`, `/clinicians/${harborClinician}/hours`]) {
      assert.equal((await asStaff(t, 'GET', path)).statusCode, 404, path);
    }
    assert.equal((await asStaff(t, 'PATCH', `/clients/${harborProfile}`, { payload: { clinicianId: null } })).statusCode, 404);
    const ids = (await asStaff(t, 'GET', '/clients')).json<OfficeClientList>().clients.map((c) => c.id);
    assert.ok(!ids.includes(harborProfile));
  });

  test('an API key reads every client with its read scope and needs write to add one; the trail names the key', async () => {
    const reader = newApiKey(t, ['read']);
    const seq = auditSeq(t);
    assert.ok(names(await asStaff(t, 'GET', '/clients', { token: reader })).includes('María García'));
    const [read] = auditAfter(t, seq);
    assert.ok(read.apiKeyId !== null && read.staffId === null);
    const refused = await asStaff(t, 'POST', '/clients', { token: reader, payload: { name: 'Key Client', email: 'key@example.com', language: 'en' } });
    assert.equal(refused.statusCode, 403);
    const writer = newApiKey(t, ['read', 'write']);
    const made = await asStaff(t, 'POST', '/clients', { token: writer, payload: { name: 'Key Client', email: 'key@example.com', language: 'en' } });
    assert.equal(made.statusCode, 201, made.body);
  });

  test('the console on the practice’s site may PATCH office records (CORS), and only office records', async () => {
    const preflight = (url: string) =>
      t.app.inject({ method: 'OPTIONS', url, headers: { origin: LAKESIDE_ORIGIN, 'access-control-request-method': 'PATCH' } });
    const office = await preflight(`/p/lakeside/admin/clients/${mariaId}`);
    assert.equal(office.statusCode, 204);
    assert.match(String(office.headers['access-control-allow-methods']), /\bPATCH\b/);
    const client = await preflight(`/p/lakeside/profiles/${mariaId}/appointments`);
    assert.doesNotMatch(String(client.headers['access-control-allow-methods'] ?? ''), /\bPATCH\b/);
  });
});
