// Owners manage the practice's staff and API keys.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { API_KEY_PREFIX } from '../../server/plugins/office-auth.js';
import { mailTo } from './auth-helpers.js';
import type { TestApp } from './helpers.js';
import { createStaffTestApp, LAKESIDE_CONSOLE, LAKESIDE_OWNER, newStaff, office, practiceId, staffSessionToken, staffTokenIn } from './staff-helpers.js';

describe('staff management (owners)', () => {
  let t: TestApp;
  let owner: string;
  before(async () => {
    t = await createStaffTestApp();
    const row = t.db.prepare('SELECT id, practice_id AS practiceId FROM staff_members WHERE email = ?').get(LAKESIDE_OWNER) as { id: number; practiceId: number };
    owner = staffSessionToken(t, row);
  });
  after(() => t.close());

  test("lists the practice's staff, never another practice's", async () => {
    const res = await office(t, 'GET', '/staff', undefined, { bearer: owner });
    assert.equal(res.statusCode, 200);
    const emails = res.json().staff.map((s: { email: string }) => s.email);
    assert.ok(emails.includes(LAKESIDE_OWNER));
    assert.ok(emails.includes('recepcion@lakeside.example'));
    assert.ok(!emails.some((e: string) => e.endsWith('@harbor.example')));
  });

  test('adding a member emails them a console link as an invitation, in their language; the link signs them in', async () => {
    const res = await office(t, 'POST', '/staff', { email: 'New.Person@Lakeside.example', name: 'New Person', role: 'office', language: 'es' }, { bearer: owner });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    assert.equal(body.invitation, 'sent');
    assert.deepEqual({ ...body.staff, id: 0, createdAt: '' }, {
      id: 0,
      name: 'New Person',
      email: 'new.person@lakeside.example',
      role: 'office',
      clinicianId: null,
      language: 'es',
      notify: true,
      active: true,
      createdAt: '',
    });
    const [mail] = mailTo(t.db, 'new.person@lakeside.example');
    assert.match(mail.subject, /Su acceso a la consola de Lakeside Counseling/);
    const token = staffTokenIn(mail);
    assert.ok(mail.text.includes(`${LAKESIDE_CONSOLE}#staff-token=`));
    const signIn = await office(t, 'POST', '/auth/link/redeem', { token });
    assert.equal(signIn.statusCode, 201);
    assert.equal(signIn.json().staff.role, 'office');
    const again = await office(t, 'POST', '/staff', { email: 'new.person@lakeside.example', name: 'Again', role: 'office', language: 'en' }, { bearer: owner });
    assert.equal(again.statusCode, 409);
  });

  test('a clinician member names a clinician of this practice: 400 without, 404 for another practice\'s, 409 when taken', async () => {
    const missing = await office(t, 'POST', '/staff', { email: 'c1@lakeside.example', name: 'C', role: 'clinician', language: 'en' }, { bearer: owner });
    assert.equal(missing.statusCode, 400);
    const harborClinician = t.db.prepare('SELECT id FROM clinicians WHERE practice_id = ?').pluck().get(practiceId(t, 'harbor')) as number;
    const foreign = await office(t, 'POST', '/staff', { email: 'c2@lakeside.example', name: 'C', role: 'clinician', clinicianId: harborClinician, language: 'en' }, { bearer: owner });
    assert.equal(foreign.statusCode, 404);
    const ana = t.db.prepare("SELECT id FROM clinicians WHERE email = 'ana.ruiz@lakeside.example'").pluck().get() as number;
    const taken = await office(t, 'POST', '/staff', { email: 'c3@lakeside.example', name: 'C', role: 'clinician', clinicianId: ana, language: 'en' }, { bearer: owner });
    assert.equal(taken.statusCode, 409);
    const free = t.db
      .prepare('INSERT INTO clinicians (practice_id, name, email, languages, bio, sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 9, 0, 0) RETURNING id')
      .pluck()
      .get(practiceId(t, 'lakeside'), 'Free Clinician', 'free@lakeside.example', '["en"]', '{}') as number;
    const ok = await office(t, 'POST', '/staff', { email: 'c4@lakeside.example', name: 'C', role: 'clinician', clinicianId: free, language: 'en' }, { bearer: owner });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().staff.clinicianId, free);
  });

  test('PATCH changes a member; unknown or another practice\'s member is 404', async () => {
    const member = newStaff(t, 'office');
    const res = await office(t, 'PATCH', `/staff/${member.id}`, { name: 'Renamed', notify: false, language: 'es' }, { bearer: owner });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().name, 'Renamed');
    assert.equal(res.json().notify, false);
    assert.equal(res.json().language, 'es');
    const harborMember = newStaff(t, 'office', 'harbor');
    assert.equal((await office(t, 'PATCH', `/staff/${harborMember.id}`, { name: 'X' }, { bearer: owner })).statusCode, 404);
    assert.equal((await office(t, 'PATCH', '/staff/999999', { name: 'X' }, { bearer: owner })).statusCode, 404);
    assert.equal((await office(t, 'PATCH', `/staff/${member.id}`, {}, { bearer: owner })).statusCode, 400);
  });

  test('the last active owner cannot be demoted or deactivated (409); with a second owner they can', async () => {
    const ownerId = t.db.prepare('SELECT id FROM staff_members WHERE email = ?').pluck().get(LAKESIDE_OWNER) as number;
    assert.equal((await office(t, 'PATCH', `/staff/${ownerId}`, { role: 'office' }, { bearer: owner })).statusCode, 409);
    assert.equal((await office(t, 'PATCH', `/staff/${ownerId}`, { active: false }, { bearer: owner })).statusCode, 409);
    const second = newStaff(t, 'owner');
    const demoted = await office(t, 'PATCH', `/staff/${second.id}`, { role: 'office' }, { bearer: owner });
    assert.equal(demoted.statusCode, 200);
    assert.equal(demoted.json().role, 'office');
  });

  test('a role change takes effect on the next request', async () => {
    const member = newStaff(t, 'owner');
    const token = staffSessionToken(t, member);
    assert.equal((await office(t, 'GET', '/staff', undefined, { bearer: token })).statusCode, 200);
    await office(t, 'PATCH', `/staff/${member.id}`, { role: 'office' }, { bearer: owner });
    assert.equal((await office(t, 'GET', '/staff', undefined, { bearer: token })).statusCode, 403);
  });

  test('changes are audited with the acting owner, ids only', async () => {
    const member = newStaff(t, 'office');
    await office(t, 'PATCH', `/staff/${member.id}`, { active: false }, { bearer: owner });
    const event = t.db
      .prepare("SELECT * FROM audit_events WHERE action = 'sensitive_update' AND resource_type = 'staff_member' ORDER BY seq DESC LIMIT 1")
      .get() as { resource_id: string; actor_staff_id: number };
    assert.equal(event.resource_id, String(member.id));
    assert.ok(event.actor_staff_id > 0);
    assert.doesNotMatch(JSON.stringify(event), /@/);
  });
});

describe('API keys (owners)', () => {
  let t: TestApp;
  let owner: string;
  before(async () => {
    t = await createStaffTestApp();
    const row = t.db.prepare('SELECT id, practice_id AS practiceId FROM staff_members WHERE email = ?').get(LAKESIDE_OWNER) as { id: number; practiceId: number };
    owner = staffSessionToken(t, row);
  });
  after(() => t.close());

  test('a new key is shown once; only its SHA-256 and prefix are stored; it works with its scopes only', async () => {
    const res = await office(t, 'POST', '/api-keys', { name: 'EHR sync', scopes: ['read'] }, { bearer: owner });
    assert.equal(res.statusCode, 201, res.body);
    const { key, secret } = res.json();
    assert.match(secret, new RegExp(`^${API_KEY_PREFIX}[A-Za-z0-9_-]{43}$`));
    assert.equal(key.prefix, secret.slice(0, 12));
    assert.deepEqual(key.scopes, ['read']);
    assert.equal(key.lastUsedAt, null);
    const stored = t.db.prepare('SELECT * FROM api_keys WHERE id = ?').get(key.id) as Record<string, unknown>;
    assert.equal(stored.token_hash, createHash('sha256').update(secret).digest('hex'));
    assert.doesNotMatch(JSON.stringify(stored), new RegExp(secret));

    assert.equal((await office(t, 'GET', '/settings', undefined, { bearer: secret })).statusCode, 200);
    assert.equal((await office(t, 'GET', '/api-keys', undefined, { bearer: secret })).statusCode, 403, 'keys never manage keys');
    const list = await office(t, 'GET', '/api-keys', undefined, { bearer: owner });
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, new RegExp(secret));
    const listed = list.json().keys.find((k: { id: number }) => k.id === key.id);
    assert.ok(listed.lastUsedAt, 'use is recorded');
  });

  test('a revoked key is refused at once (401); revoking twice is fine; unknown is 404', async () => {
    const { key, secret } = (await office(t, 'POST', '/api-keys', { name: 'Temp', scopes: ['read', 'write'] }, { bearer: owner })).json();
    assert.equal((await office(t, 'GET', '/me', undefined, { bearer: secret })).statusCode, 200);
    assert.equal((await office(t, 'DELETE', `/api-keys/${key.id}`, undefined, { bearer: owner })).statusCode, 204);
    assert.equal((await office(t, 'GET', '/me', undefined, { bearer: secret })).statusCode, 401);
    assert.equal((await office(t, 'DELETE', `/api-keys/${key.id}`, undefined, { bearer: owner })).statusCode, 204);
    assert.equal((await office(t, 'DELETE', '/api-keys/999999', undefined, { bearer: owner })).statusCode, 404);
    const listed = (await office(t, 'GET', '/api-keys', undefined, { bearer: owner })).json().keys.find((k: { id: number }) => k.id === key.id);
    assert.ok(listed.revokedAt);
  });

  test("another practice's key cannot be revoked from here", async () => {
    const harborOwnerRow = t.db.prepare("SELECT id, practice_id AS practiceId FROM staff_members WHERE email = 'owner@harbor.example'").get() as {
      id: number;
      practiceId: number;
    };
    const harborOwner = staffSessionToken(t, harborOwnerRow);
    const { key } = (await office(t, 'POST', '/api-keys', { name: 'Harbor', scopes: ['read'] }, { bearer: harborOwner, practice: 'harbor' })).json();
    assert.equal((await office(t, 'DELETE', `/api-keys/${key.id}`, undefined, { bearer: owner })).statusCode, 404);
  });

  test('bad scopes and names are 400', async () => {
    for (const body of [{ name: 'x', scopes: [] }, { name: 'x', scopes: ['owner'] }, { name: '', scopes: ['read'] }, { name: 'x', scopes: ['read', 'read'] }]) {
      assert.equal((await office(t, 'POST', '/api-keys', body, { bearer: owner })).statusCode, 400, JSON.stringify(body));
    }
  });
});
