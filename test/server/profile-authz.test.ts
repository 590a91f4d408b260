// Object-level authorization on every profile-scoped route (R41): the routes are read from the
// app's own OpenAPI document, so a route added later is walked without touching this file.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyPluginAsync } from 'fastify';
import { buildApp } from '../../server/app.js';
import type { ProfileScopeOptions } from '../../server/plugins/profile-access.js';
import { PROFILE_ROUTE_PLUGINS } from '../../server/routes/profile-routes.js';
import { admin, auditSince, auditTip, newAccount, signedIn } from './auth-helpers.js';
import { createTestApp, createTestDb, HARBOR_ORIGIN, LAKESIDE_ORIGIN, testConfig, type TestApp } from './helpers.js';
import { accountId, fixture, installProfileFixtures, PERMISSIONS, profileId } from './profile-helpers.js';

const PROFILE_PREFIX = '/p/{practice}/profiles/{profileId}';

type Operation = { method: string; path: string };

/** Every operation under the profile prefix, from the served OpenAPI document. */
async function profileOperations(t: TestApp): Promise<Operation[]> {
  const doc = (await t.app.inject({ url: '/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
  return Object.entries(doc.paths)
    .filter(([path]) => path === PROFILE_PREFIX || path.startsWith(`${PROFILE_PREFIX}/`))
    .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })));
}

/**
 * The operation's URL for one practice and profile. Other path parameters (an appointment
 * id, a file id…) get `1`: the guard answers before any handler could look them up.
 */
function urlOf(op: Operation, practice: string, id: number | string): string {
  return op.path
    .replace('{practice}', practice)
    .replace('{profileId}', String(id))
    .replace(/\{[^}]+\}/g, '1');
}

describe('profile scope: authorization on every route (R41)', () => {
  let t: TestApp;
  let operations: Operation[];
  let maya: number;
  let harborTaylor: number;
  before(async () => {
    installProfileFixtures();
    t = await createTestApp();
    operations = await profileOperations(t);
    maya = profileId(t.db, 'Maya Lee');
    harborTaylor = profileId(t.db, 'Taylor Brooks', 'harbor');
  });
  after(() => t.close());

  test('the walked set is not empty: at least the four fixture routes, one per permission', (context) => {
    for (const permission of PERMISSIONS) {
      assert.ok(
        operations.some((op) => op.method === 'GET' && op.path === `${PROFILE_PREFIX}/fixture-${permission}`),
        `fixture-${permission} is walked`,
      );
    }
    assert.ok(operations.length >= PERMISSIONS.length);
    context.diagnostic(`walking ${operations.length} operations: ${operations.map((op) => `${op.method} ${op.path.slice(PROFILE_PREFIX.length)}`).join(', ')}`);
  });

  /**
   * Sends the operation without a body: the guard runs before body parsing would matter
   * (preValidation), so a route's own body rules never get a say for an unlinked caller.
   */
  async function expectRefused(op: Operation, practice: string, origin: string, token: string, id: number, actor: number) {
    const where = `${op.method} ${op.path} as account ${actor} for profile ${id} at ${practice}`;
    const tip = auditTip(t.db);
    const res = await t.app.inject({
      method: op.method as 'GET',
      url: urlOf(op, practice, id),
      headers: { origin, authorization: `Bearer ${token}` },
      remoteAddress: '203.0.113.77',
    });
    assert.equal(res.statusCode, 404, `${where}: ${res.body}`);
    if (op.method !== 'HEAD') assert.equal(res.json().error.code, 'not_found', where);
    assert.deepEqual(
      auditSince(t.db, tip).map((e) => [e.action, e.outcome, e.resource_type, e.resource_id, e.actor_account_id]),
      [['authz_fail', 'failure', 'profile', String(id), actor]],
      where,
    );
  }

  test("a signed-in client not linked to the profile gets 404 and authz_fail on every operation (Maya, alex's session)", async () => {
    const token = await signedIn(t, 'alex@example.com');
    const alex = accountId(t.db, 'alex@example.com');
    for (const op of operations) await expectRefused(op, 'lakeside', LAKESIDE_ORIGIN, token, maya, alex);
  });

  test("another practice's profile, by a valid id, is 404 and authz_fail on every operation, both ways", async () => {
    const lakesideJordan = await signedIn(t, 'jordan@example.com');
    const jordan = accountId(t.db, 'jordan@example.com');
    for (const op of operations) await expectRefused(op, 'lakeside', LAKESIDE_ORIGIN, lakesideJordan, harborTaylor, jordan);
    const harborAlex = await signedIn(t, 'alex@example.com', { practice: 'harbor', headers: { origin: HARBOR_ORIGIN } });
    const alexAtHarbor = accountId(t.db, 'alex@example.com', 'harbor');
    for (const op of operations) await expectRefused(op, 'harbor', HARBOR_ORIGIN, harborAlex, maya, alexAtHarbor);
  });

  test('no session: 401 on every operation, before any profile is looked at', async () => {
    for (const op of operations) {
      const res = await t.app.inject({ method: op.method as 'GET', url: urlOf(op, 'lakeside', maya), headers: { origin: LAKESIDE_ORIGIN } });
      assert.equal(res.statusCode, 401, `${op.method} ${op.path}`);
    }
  });

  test('malformed profile ids are 404 too (they cannot name a profile)', async () => {
    const token = await signedIn(t, 'jordan@example.com');
    for (const id of ['0', '01', 'abc', '-4', `${maya}.0`, '99999999999999999']) {
      const res = await fixture(t, token, id, 'view');
      assert.equal(res.statusCode, 404, id);
    }
  });

  test('the linked guardian passes the guard on every fixture route', async () => {
    const token = await signedIn(t, 'jordan@example.com');
    for (const permission of PERMISSIONS) {
      const res = await fixture(t, token, maya, permission);
      assert.equal(res.statusCode, 200, `${permission}: ${res.body}`);
      assert.deepEqual(res.json(), { profileId: maya });
    }
  });

  for (const off of PERMISSIONS) {
    test(`a link with "${off}" off: 404 + authz_fail on the route needing ${off}, 200 on the others`, async () => {
      const email = newAccount(t);
      const link = await admin(t, '/profile-links', { email, profileId: maya, relationship: 'guardian', permissions: { [off]: false } });
      assert.equal(link.statusCode, 201, link.body);
      const token = await signedIn(t, email);
      for (const permission of PERMISSIONS) {
        const tip = auditTip(t.db);
        const res = await fixture(t, token, maya, permission);
        if (permission === off) {
          assert.equal(res.statusCode, 404, permission);
          assert.deepEqual(
            auditSince(t.db, tip).map((e) => e.action),
            ['authz_fail'],
          );
        } else {
          assert.equal(res.statusCode, 200, `${permission}: ${res.body}`);
        }
      }
    });
  }
});

describe('profile scope: a route must name its permission', () => {
  async function buildWith(plugin: FastifyPluginAsync<ProfileScopeOptions>) {
    const testDb = createTestDb({ seed: false });
    PROFILE_ROUTE_PLUGINS.push(plugin);
    try {
      const app = await buildApp({ db: testDb.db, clock: testDb.clock, config: testConfig(), logger: false });
      await app.ready();
      await app.close();
    } finally {
      PROFILE_ROUTE_PLUGINS.splice(PROFILE_ROUTE_PLUGINS.indexOf(plugin), 1);
      testDb.close();
    }
  }

  test('a profile-scoped route without config.profilePermission makes startup throw', async () => {
    await assert.rejects(
      buildWith(async (scope) => {
        scope.get('/forgot-permission', async () => ({ leaked: true }));
      }),
      /GET \/p\/:practice\/profiles\/:profileId\/forgot-permission: a profile-scoped route must name config\.profilePermission/,
    );
  });

  test('so does an unknown permission name', async () => {
    await assert.rejects(
      buildWith(async (scope) => {
        scope.post('/typo', { config: { profilePermission: 'admin' as 'view' } }, async () => ({}));
      }),
      /must name config\.profilePermission/,
    );
  });
});
