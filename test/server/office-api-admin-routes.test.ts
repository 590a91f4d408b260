// The office routes that came before the office API (booking decisions, packets, households and
// links, PINs and invitations), with issue 13's rules: a clinician reaches only their own
// appointments and clients (404 and authz_fail otherwise), and every audit event names the
// staff member who acted (R36, R41).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Households, PendingRequestList } from '../../src/contract/index.js';
import { lakeside, newClient, openSlots, requestTime, starts, type Lakeside } from './booking-helpers.js';
import { profileIdOf } from './files-helpers.js';
import { createTestApp, type TestApp } from './helpers.js';
import { asStaff, auditAfter, auditSeq, staffToken } from './office-helpers.js';

describe('office routes with clinician visibility', () => {
  let t: TestApp;
  let L: Lakeside;
  let ana: string;
  let sam: string;
  let mayaId: number;

  before(async () => {
    t = await createTestApp();
    L = lakeside(t);
    ana = staffToken(t, 'clinician', L.ana);
    sam = staffToken(t, 'clinician', L.sam);
    mayaId = profileIdOf(t.db, 'Maya Lee');
  });
  after(() => t.close());

  /** A new request with Ana, by a new client. */
  async function anaRequest(): Promise<number> {
    const client = newClient(t);
    const [start] = starts(await openSlots(t, client, { service: L.individual, clinician: L.ana }));
    return (await requestTime(t, client, { serviceId: L.individual, clinicianId: L.ana, start })).id;
  }

  const pending = async (token: string, query = '') => (await asStaff(t, 'GET', `/appointment-requests${query}`, { token })).json<PendingRequestList>().requests;

  test('pending requests: a clinician lists only their own', async () => {
    const id = await anaRequest();
    assert.ok((await pending(ana)).some((r) => r.id === id));
    assert.ok((await pending(ana)).every((r) => r.clinician.id === L.ana));
    assert.deepEqual(await pending(sam), []);
    assert.deepEqual(await pending(sam, `?clinician=${L.ana}`), []);
    const office = staffToken(t, 'office');
    assert.ok((await pending(office, `?clinician=${L.ana}`)).some((r) => r.id === id));
  });

  test('approve and decline: another clinician’s request is 404 (audited); their own works, audited with the staff member', async () => {
    const first = await anaRequest();
    let seq = auditSeq(t);
    assert.equal((await asStaff(t, 'POST', `/appointments/${first}/approve`, { token: sam })).statusCode, 404);
    assert.deepEqual(auditAfter(t, seq).map((e) => [e.action, e.resourceType, e.resourceId]), [['authz_fail', 'appointment', String(first)]]);
    assert.equal((await asStaff(t, 'POST', `/appointments/${first}/decline`, { token: sam, payload: {} })).statusCode, 404);

    seq = auditSeq(t);
    const approved = await asStaff(t, 'POST', `/appointments/${first}/approve`, { token: ana });
    assert.equal(approved.statusCode, 200, approved.body);
    const decision = auditAfter(t, seq).find((e) => e.resourceType === 'appointment')!;
    assert.equal(decision.action, 'sensitive_update');
    assert.ok(decision.staffId !== null);

    const second = await anaRequest();
    assert.equal((await asStaff(t, 'POST', `/appointments/${second}/decline`, { token: ana, payload: {} })).statusCode, 200);
    assert.equal((await asStaff(t, 'POST', '/appointments/999999/approve', { token: ana })).statusCode, 404);
  });

  test('packets: a clinician reads and assigns only their clients’', async () => {
    const seq = auditSeq(t);
    assert.equal((await asStaff(t, 'GET', `/profiles/${mayaId}/packet`, { token: ana })).statusCode, 200);
    assert.deepEqual(auditAfter(t, seq).map((e) => [e.action, e.resourceType, e.profileId]), [['sensitive_read', 'document_packet', mayaId]]);
    assert.equal((await asStaff(t, 'GET', `/profiles/${mayaId}/packet`, { token: sam })).statusCode, 404);
    const assign = await asStaff(t, 'PUT', `/profiles/${mayaId}/packet`, { token: sam, payload: { welcomeHtml: {}, items: [] } });
    assert.equal(assign.statusCode, 404);
  });

  test('households and links: a clinician sees and changes only their clients’', async () => {
    const households = (await asStaff(t, 'GET', '/households', { token: ana })).json<Households>();
    assert.ok(households.profiles.some((p) => p.id === mayaId));
    assert.ok(!households.profiles.some((p) => p.displayName === 'María García'));
    assert.ok(households.accounts.every((a) => a.links.every((l) => households.profiles.some((p) => p.id === l.profileId))));
    assert.ok(households.accounts.some((a) => a.email === 'jordan@example.com'));
    assert.ok(!households.accounts.some((a) => a.email === 'maria@example.com'));
    assert.deepEqual((await asStaff(t, 'GET', '/households', { token: sam })).json<Households>(), { accounts: [], profiles: [] });

    const link = { email: 'casey@example.com', profileId: mayaId, relationship: 'guardian' };
    assert.equal((await asStaff(t, 'POST', '/profile-links', { token: sam, payload: link })).statusCode, 404);
    const seq = auditSeq(t);
    const made = await asStaff(t, 'POST', '/profile-links', { token: ana, payload: link });
    assert.equal(made.statusCode, 201, made.body);
    assert.ok(auditAfter(t, seq).some((e) => e.action === 'sensitive_create' && e.resourceType === 'profile_access' && e.staffId !== null));
    const revoke = { email: 'casey@example.com', profileId: mayaId };
    assert.equal((await asStaff(t, 'POST', '/profile-links/revoke', { token: sam, payload: revoke })).statusCode, 404);
    assert.equal((await asStaff(t, 'POST', '/profile-links/revoke', { token: ana, payload: revoke })).statusCode, 204);
  });

  test('PINs and invitations: a clinician only for their clients’ accounts', async () => {
    assert.equal((await asStaff(t, 'POST', '/pins', { token: sam, payload: { email: 'jordan@example.com' } })).statusCode, 404);
    assert.equal((await asStaff(t, 'POST', '/invitations', { token: sam, payload: { email: 'jordan@example.com' } })).statusCode, 404);
    const seq = auditSeq(t);
    assert.equal((await asStaff(t, 'POST', '/pins', { token: ana, payload: { email: 'jordan@example.com' } })).statusCode, 201);
    assert.equal((await asStaff(t, 'POST', '/invitations', { token: ana, payload: { email: 'jordan@example.com' } })).statusCode, 202);
    const trail = auditAfter(t, seq);
    assert.ok(trail.length >= 2 && trail.every((e) => e.staffId !== null), JSON.stringify(trail));
    assert.ok(!JSON.stringify(trail).includes('jordan'));
  });
});
