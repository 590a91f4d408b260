// <profile-picker>'s endpoint: me/profiles, the session's selection, and the office's
// household routes (link, revoke, list). R36, R41, R42.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { admin, auditSince, auditTip, call, newAccount, signedIn } from './auth-helpers.js';
import { createTestApp, LAKESIDE_ORIGIN, type TestApp } from './helpers.js';
import { accountId, fixture, households, installProfileFixtures, myProfiles, profileId, selectProfile } from './profile-helpers.js';

type ProfileListBody = {
  profiles: { id: number; kind: string; displayName: string; relationship: string; permissions: Record<string, boolean> }[];
  selectedProfileId: number | null;
};
const ALL = { book: true, sign: true, upload: true, view: true };

describe('profiles: me/profiles and the session selection', () => {
  let t: TestApp;
  let ids: Record<'alex' | 'jordan' | 'casey' | 'maya' | 'couple' | 'harborTaylor', number>;
  before(async () => {
    installProfileFixtures();
    t = await createTestApp();
    ids = {
      alex: profileId(t.db, 'Alex Morgan'),
      jordan: profileId(t.db, 'Jordan Lee'),
      casey: profileId(t.db, 'Casey Lee'),
      maya: profileId(t.db, 'Maya Lee'),
      couple: profileId(t.db, 'Jordan Lee & Casey Lee'),
      harborTaylor: profileId(t.db, 'Taylor Brooks', 'harbor'),
    };
  });
  after(() => t.close());

  test('each seeded household: live links only, own profile first, then by name, with permissions', async () => {
    const expectations = {
      'jordan@example.com': [
        { id: ids.jordan, kind: 'self', displayName: 'Jordan Lee', relationship: 'self', permissions: ALL },
        { id: ids.couple, kind: 'couple', displayName: 'Jordan Lee & Casey Lee', relationship: 'partner', permissions: ALL },
        { id: ids.maya, kind: 'minor', displayName: 'Maya Lee', relationship: 'guardian', permissions: ALL },
      ],
      'casey@example.com': [
        { id: ids.casey, kind: 'self', displayName: 'Casey Lee', relationship: 'self', permissions: ALL },
        { id: ids.couple, kind: 'couple', displayName: 'Jordan Lee & Casey Lee', relationship: 'partner', permissions: ALL },
      ],
      'alex@example.com': [{ id: ids.alex, kind: 'self', displayName: 'Alex Morgan', relationship: 'self', permissions: ALL }],
    };
    for (const [email, profiles] of Object.entries(expectations)) {
      const token = await signedIn(t, email);
      const tip = auditTip(t.db);
      const res = await myProfiles(t, token);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.deepEqual(res.json(), { profiles, selectedProfileId: null }, email);
      // R36: one sensitive_read per call, ids only.
      const events = auditSince(t.db, tip);
      assert.deepEqual(
        events.map((e) => [e.action, e.resource_type, e.resource_id, e.actor_account_id, e.outcome]),
        [['sensitive_read', 'profile_list', String(accountId(t.db, email)), accountId(t.db, email), 'success']],
      );
      assert.ok(!JSON.stringify(events).includes('@'), 'no address in the audit trail');
      assert.ok(!JSON.stringify(events).includes('Lee'), 'no name in the audit trail');
    }
  });

  test('without a session: 401, nothing listed', async () => {
    const res = await myProfiles(t, 'x'.repeat(43));
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'unauthorized');
    const put = await selectProfile(t, 'x'.repeat(43), ids.alex);
    assert.equal(put.statusCode, 401);
  });

  test('selection round trip: PUT answers the updated list, GET reads it back; per session, not per person', async () => {
    const first = await signedIn(t, 'jordan@example.com');
    const tip = auditTip(t.db);
    const put = await selectProfile(t, first, ids.maya);
    assert.equal(put.statusCode, 200, put.body);
    const body = put.json<ProfileListBody>();
    assert.equal(body.selectedProfileId, ids.maya);
    assert.equal(body.profiles.length, 3);
    const [event] = auditSince(t.db, tip);
    assert.equal(auditSince(t.db, tip).length, 1);
    assert.equal(event.action, 'session_profile_selected');
    assert.equal(t.db.prepare('SELECT acting_profile_id FROM audit_events WHERE seq = ?').pluck().get(event.seq), ids.maya);
    assert.equal((await myProfiles(t, first)).json<ProfileListBody>().selectedProfileId, ids.maya);
    assert.equal((await selectProfile(t, first, ids.jordan)).json<ProfileListBody>().selectedProfileId, ids.jordan, 'a new choice replaces the old');
  });

  test('two live sessions of one person keep separate selections', async () => {
    const email = newAccount(t);
    const link = await admin(t, '/profile-links', { email, profileId: ids.maya, relationship: 'guardian' });
    assert.equal(link.statusCode, 201, link.body);
    const phone = await signedIn(t, email);
    const laptop = await signedIn(t, email);
    assert.equal((await selectProfile(t, phone, ids.maya)).statusCode, 200);
    assert.equal((await myProfiles(t, phone)).json<ProfileListBody>().selectedProfileId, ids.maya);
    assert.equal((await myProfiles(t, laptop)).json<ProfileListBody>().selectedProfileId, null);
    assert.equal((await admin(t, '/profile-links/revoke', { email, profileId: ids.maya })).statusCode, 204);
  });

  test('a profile this sign-in may not act for: 404 not_found and authz_fail (ids only); the choice is unchanged', async () => {
    const token = await signedIn(t, 'casey@example.com');
    assert.equal((await selectProfile(t, token, ids.couple)).statusCode, 200);
    const cases = {
      "the partner's own profile": ids.jordan,
      'a minor of the household, not linked to casey': ids.maya,
      "another practice's profile": ids.harborTaylor,
      'no such profile': 999_999,
    };
    for (const [why, id] of Object.entries(cases)) {
      const tip = auditTip(t.db);
      const res = await selectProfile(t, token, id);
      assert.equal(res.statusCode, 404, why);
      assert.deepEqual(res.json(), { error: { code: 'not_found', message: 'Not found.' } }, why);
      const events = auditSince(t.db, tip);
      assert.deepEqual(
        events.map((e) => [e.action, e.outcome, e.resource_type, e.resource_id, e.actor_account_id]),
        [['authz_fail', 'failure', 'profile', String(id), accountId(t.db, 'casey@example.com')]],
        why,
      );
    }
    assert.equal((await myProfiles(t, token)).json<ProfileListBody>().selectedProfileId, ids.couple);
  });

  test('a malformed selection is 400 validation with the field', async () => {
    const token = await signedIn(t, 'alex@example.com');
    for (const bad of [0, -1, 'abc', 1.5, null]) {
      const res = await selectProfile(t, token, bad);
      assert.equal(res.statusCode, 400, String(bad));
      assert.equal(res.json().error.code, 'validation');
      assert.ok(res.json().error.fields.profileId, String(bad));
    }
  });

  test("R42: revoking jordan's guardian link refuses Maya on the live session's very next request", async () => {
    const token = await signedIn(t, 'jordan@example.com');
    assert.equal((await selectProfile(t, token, ids.maya)).statusCode, 200);
    const before = await fixture(t, token, ids.maya, 'view');
    assert.equal(before.statusCode, 200, before.body);
    assert.deepEqual(before.json(), { profileId: ids.maya });

    const tip = auditTip(t.db);
    const revoked = await admin(t, '/profile-links/revoke', { email: 'jordan@example.com', profileId: ids.maya });
    assert.equal(revoked.statusCode, 204, revoked.body);
    assert.equal(revoked.body, '');
    const [change] = auditSince(t.db, tip);
    assert.deepEqual([change.action, change.resource_type, change.actor_account_id], ['sensitive_delete', 'profile_access', null]);

    const list = (await myProfiles(t, token)).json<ProfileListBody>();
    assert.deepEqual(
      list.profiles.map((p) => p.id),
      [ids.jordan, ids.couple],
    );
    assert.equal(list.selectedProfileId, null);
    const afterTip = auditTip(t.db);
    const refused = await fixture(t, token, ids.maya, 'view');
    assert.equal(refused.statusCode, 404);
    assert.deepEqual(
      auditSince(t.db, afterTip).map((e) => [e.action, e.resource_id]),
      [['authz_fail', String(ids.maya)]],
    );
    assert.equal((await selectProfile(t, token, ids.maya)).statusCode, 404);
    assert.equal((await admin(t, '/profile-links/revoke', { email: 'jordan@example.com', profileId: ids.maya })).statusCode, 404, 'nothing left to revoke');

    // Linking again gives access back at once, but does not bring back the old selection.
    const relinked = await admin(t, '/profile-links', { email: 'jordan@example.com', profileId: ids.maya, relationship: 'guardian' });
    assert.equal(relinked.statusCode, 201, relinked.body);
    assert.equal((await fixture(t, token, ids.maya, 'view')).statusCode, 200);
    assert.equal((await myProfiles(t, token)).json<ProfileListBody>().selectedProfileId, null);
  });
});

describe('profiles: the office links, revokes and lists households', () => {
  let t: TestApp;
  let ids: Record<'alex' | 'jordan' | 'casey' | 'maya' | 'couple' | 'harborTaylor', number>;
  before(async () => {
    t = await createTestApp();
    ids = {
      alex: profileId(t.db, 'Alex Morgan'),
      jordan: profileId(t.db, 'Jordan Lee'),
      casey: profileId(t.db, 'Casey Lee'),
      maya: profileId(t.db, 'Maya Lee'),
      couple: profileId(t.db, 'Jordan Lee & Casey Lee'),
      harborTaylor: profileId(t.db, 'Taylor Brooks', 'harbor'),
    };
  });
  after(() => t.close());

  test('GET /admin/households: accounts by name with their live links, every profile; one sensitive_read', async () => {
    const tip = auditTip(t.db);
    const res = await households(t);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<{
      accounts: { id: number; name: string; email: string; links: { profileId: number; relationship: string; kind: string; displayName: string }[] }[];
      profiles: { id: number; displayName: string; kind: string }[];
    }>();
    assert.deepEqual(
      body.accounts.map((a) => [a.email, a.links.map((l) => [l.displayName, l.kind, l.relationship])]),
      [
        ['alex@example.com', [['Alex Morgan', 'self', 'self']]],
        ['casey@example.com', [['Casey Lee', 'self', 'self'], ['Jordan Lee & Casey Lee', 'couple', 'partner']]],
        [
          'jordan@example.com',
          [
            ['Jordan Lee', 'self', 'self'],
            ['Jordan Lee & Casey Lee', 'couple', 'partner'],
            ['Maya Lee', 'minor', 'guardian'],
          ],
        ],
        ['maria@example.com', [['María García', 'self', 'self']]],
      ],
    );
    assert.ok(body.profiles.some((p) => p.id === ids.maya && p.kind === 'minor'));
    assert.ok(!body.profiles.some((p) => p.id === ids.harborTaylor), "no other practice's profile");
    assert.deepEqual(
      auditSince(t.db, tip).map((e) => [e.action, e.resource_type, e.actor_account_id]),
      [['sensitive_read', 'households', null]],
    );
    const harbor = (await households(t, 'harbor')).json<{ accounts: { email: string }[] }>();
    assert.deepEqual(
      harbor.accounts.map((a) => a.email),
      ['alex@example.com', 'taylor@example.com'],
    );
  });

  test('the admin routes need the admin token', async () => {
    for (const [method, path] of [
      ['GET', '/admin/households'],
      ['POST', '/admin/profile-links'],
      ['POST', '/admin/profile-links/revoke'],
    ] as const) {
      const res = await call(t, method, path, method === 'POST' ? { email: 'alex@example.com', profileId: ids.alex } : undefined, {
        bearer: 'not-the-admin-token',
      });
      assert.equal(res.statusCode, 401, `${method} ${path}`);
    }
  });

  test('link a guardian with a permission off: 201, the client sees it, the audit has ids only', async () => {
    const email = newAccount(t);
    const tip = auditTip(t.db);
    const res = await admin(t, '/profile-links', { email, profileId: ids.maya, relationship: 'guardian', permissions: { sign: false } });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json(), {
      accountId: accountId(t.db, email),
      profileId: ids.maya,
      relationship: 'guardian',
      permissions: { book: true, sign: false, upload: true, view: true },
    });
    const events = auditSince(t.db, tip);
    assert.deepEqual(
      events.map((e) => [e.action, e.resource_type, e.outcome]),
      [['sensitive_create', 'profile_access', 'success']],
    );
    assert.ok(!JSON.stringify(events).includes(email));
    const token = await signedIn(t, email);
    const list = (await myProfiles(t, token)).json<ProfileListBody>();
    assert.deepEqual(list.profiles, [
      { id: ids.maya, kind: 'minor', displayName: 'Maya Lee', relationship: 'guardian', permissions: { book: true, sign: false, upload: true, view: true } },
    ]);
  });

  test('the relationship must fit the kind: guardian → minor, partner → couple, self → self (400 fields.relationship)', async () => {
    const email = newAccount(t);
    const wrong = [
      ['guardian', ids.jordan],
      ['guardian', ids.couple],
      ['partner', ids.jordan], // partners act for the couple, never for each other's own profile
      ['partner', ids.maya],
      ['self', ids.couple],
      ['self', ids.maya],
    ] as const;
    for (const [relationship, id] of wrong) {
      const tip = auditTip(t.db);
      const res = await admin(t, '/profile-links', { email, profileId: id, relationship });
      assert.equal(res.statusCode, 400, `${relationship} → ${id}`);
      assert.equal(res.json().error.code, 'validation');
      assert.deepEqual(res.json().error.fields, { relationship: 'invalid' });
      assert.equal(auditSince(t.db, tip).length, 0, 'nothing changed, nothing recorded');
    }
    const token = await signedIn(t, email);
    assert.deepEqual((await myProfiles(t, token)).json<ProfileListBody>().profiles, []);
  });

  test("casey cannot be linked to jordan's own profile by any relationship", async () => {
    for (const relationship of ['self', 'guardian', 'partner']) {
      const res = await admin(t, '/profile-links', { email: 'casey@example.com', profileId: ids.jordan, relationship });
      assert.ok([400, 409].includes(res.statusCode), `${relationship}: ${res.statusCode}`);
    }
    assert.equal(
      (await admin(t, '/profile-links', { email: 'casey@example.com', profileId: ids.jordan, relationship: 'self' })).json().error.code,
      'conflict',
    );
  });

  test('409 conflict for a link that is already live', async () => {
    const res = await admin(t, '/profile-links', { email: 'jordan@example.com', profileId: ids.maya, relationship: 'guardian' });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'conflict');
  });

  test('404 for an unknown address, a profile of another practice or none, and a revoke with no live link', async () => {
    const cases = [
      ['/profile-links', { email: 'nobody@example.com', profileId: ids.maya, relationship: 'guardian' }],
      ['/profile-links', { email: 'taylor@example.com', profileId: ids.maya, relationship: 'guardian' }], // harbor's client
      ['/profile-links', { email: 'alex@example.com', profileId: ids.harborTaylor, relationship: 'self' }],
      ['/profile-links', { email: 'alex@example.com', profileId: 999_999, relationship: 'self' }],
      ['/profile-links/revoke', { email: 'alex@example.com', profileId: ids.maya }],
      ['/profile-links/revoke', { email: 'nobody@example.com', profileId: ids.maya }],
    ] as const;
    for (const [path, body] of cases) {
      const res = await admin(t, path, body);
      assert.equal(res.statusCode, 404, `${path} ${JSON.stringify(body)}`);
      assert.equal(res.json().error.code, 'not_found');
    }
    // The harbor admin scope does not reach lakeside's links either.
    const cross = await admin(t, '/profile-links/revoke', { email: 'alex@example.com', profileId: ids.alex }, 'harbor');
    assert.equal(cross.statusCode, 404);
  });

  test('a malformed link request is 400 with its fields', async () => {
    const res = await admin(t, '/profile-links', { email: 'not-an-address', profileId: 0, relationship: 'friend', permissions: { fly: true } });
    assert.equal(res.statusCode, 400);
    // An unknown permission is refused, not dropped (R57(b)).
    assert.deepEqual(Object.keys(res.json().error.fields).sort(), ['email', 'permissions.fly', 'profileId', 'relationship']);
  });
});

describe('profiles: R36, one audit event per phi call of these routes', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('listMyProfiles, selectMyProfile, listHouseholds, linkProfile, revokeProfileLink: exactly one event with who, what, when, where, outcome', async () => {
    const maya = profileId(t.db, 'Maya Lee');
    const email = newAccount(t);
    const token = await signedIn(t, 'jordan@example.com');
    const jordan = accountId(t.db, 'jordan@example.com');
    const doc = (await t.app.inject({ url: '/openapi.json' })).json<{ paths: Record<string, Record<string, { operationId: string; tags?: string[] }>> }>();
    const mine = ['listMyProfiles', 'selectMyProfile', 'listHouseholds', 'linkProfile', 'revokeProfileLink'];
    const tagged = Object.values(doc.paths).flatMap((methods) => Object.values(methods)).filter((op) => mine.includes(op.operationId));
    assert.equal(tagged.length, mine.length);
    for (const op of tagged) assert.ok(op.tags?.includes('phi'), `${op.operationId} is tagged phi`);

    // [operationId, call, who (account or null for the office), acting profile, action, resource type]
    const calls = [
      ['listMyProfiles', () => myProfiles(t, token), jordan, null, 'sensitive_read', 'profile_list'],
      ['selectMyProfile', () => selectProfile(t, token, maya), jordan, maya, 'session_profile_selected', 'session'],
      ['listHouseholds', () => households(t), null, null, 'sensitive_read', 'households'],
      ['linkProfile', () => admin(t, '/profile-links', { email, profileId: maya, relationship: 'guardian' }), null, maya, 'sensitive_create', 'profile_access'],
      ['revokeProfileLink', () => admin(t, '/profile-links/revoke', { email, profileId: maya }), null, maya, 'sensitive_delete', 'profile_access'],
    ] as const;
    const lakeside = t.db.prepare("SELECT id FROM practices WHERE slug = 'lakeside'").pluck().get() as number;
    for (const [operationId, run, actor, acting, action, resourceType] of calls) {
      t.clock.advance(60_000);
      const tip = auditTip(t.db);
      const res = await run();
      assert.ok(res.statusCode < 300, `${operationId}: ${res.statusCode} ${res.body}`);
      const events = t.db.prepare('SELECT * FROM audit_events WHERE seq > ? ORDER BY seq').all(tip) as Record<string, unknown>[];
      assert.equal(events.length, 1, `${operationId}: exactly one event`);
      const [e] = events;
      assert.deepEqual(
        [e.practice_id, e.actor_account_id, e.acting_profile_id, e.action, e.resource_type, e.outcome, e.ip, e.origin, e.occurred_at],
        [lakeside, actor, acting, action, resourceType, 'success', '203.0.113.10', LAKESIDE_ORIGIN, t.clock.now()],
        operationId,
      );
      assert.ok(e.resource_type === 'households' || e.resource_id, `${operationId}: names its resource`);
      assert.ok(!JSON.stringify(e).includes('@') && !JSON.stringify(e).includes('Maya'), `${operationId}: ids only`);
    }
  });
});
