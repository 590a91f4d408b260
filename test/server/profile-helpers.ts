// Helpers for the profile tests: fixture routes in the profile scope (one per permission), and
// requests to the me/profiles and admin profile-link routes as the widget and console send them.
import type { FastifyPluginAsync } from 'fastify';
import { ProfileParams } from '../../src/contract/index.js';
import type { ProfilePermission, ProfileScopeOptions } from '../../server/plugins/profile-access.js';
import { actingProfileOf } from '../../server/request/context.js';
import { PROFILE_ROUTE_PLUGINS } from '../../server/routes/profile-routes.js';
import { errorResponses } from '../../server/schemas.js';
import { call } from './auth-helpers.js';
import { ADMIN_TOKEN, LAKESIDE_ORIGIN, type TestDb } from './helpers.js';

export const PERMISSIONS: readonly ProfilePermission[] = ['book', 'sign', 'upload', 'view'];

/** The path of the fixture route needing `permission`, below `/p/:practice/profiles/:profileId`. */
export const fixturePath = (permission: ProfilePermission) => `/fixture-${permission}`;

/**
 * A profile-scoped route per permission, so the authorization tests never walk an empty set
 * of routes (today the real profile routes are still being written). Test-only: tagged
 * `test`, and pushed into PROFILE_ROUTE_PLUGINS of this test process only.
 */
const fixtureRoutes: FastifyPluginAsync<ProfileScopeOptions> = async (scope) => {
  for (const permission of PERMISSIONS) {
    scope.get(
      fixturePath(permission),
      {
        config: { profilePermission: permission },
        schema: {
          operationId: `fixture_${permission}`,
          summary: `Test fixture needing ${permission}`,
          tags: ['test'],
          security: [{ bearer: [] }],
          params: ProfileParams,
          response: { 200: { type: 'object', properties: { profileId: { type: 'integer' } } }, ...errorResponses(401, 404) },
        },
      },
      async (request) => ({ profileId: actingProfileOf(request).id }),
    );
  }
};

/** Adds the fixture routes to the profile scope of every app this process builds from now on. */
export function installProfileFixtures(): void {
  if (!PROFILE_ROUTE_PLUGINS.includes(fixtureRoutes)) PROFILE_ROUTE_PLUGINS.push(fixtureRoutes);
}

type Target = Parameters<typeof call>[0];

export const fixture = (t: Target, bearer: string, profileId: number | string, permission: ProfilePermission, practice = 'lakeside') =>
  call(t, 'GET', `/profiles/${profileId}${fixturePath(permission)}`, undefined, { bearer, practice });

export const myProfiles = (t: Target, bearer: string, practice = 'lakeside') => call(t, 'GET', '/me/profiles', undefined, { bearer, practice });

export const selectProfile = (t: Target, bearer: string, profileId: unknown, practice = 'lakeside') =>
  t.app.inject({
    method: 'PUT',
    url: `/p/${practice}/me/profiles/selected`,
    headers: { origin: LAKESIDE_ORIGIN, authorization: `Bearer ${bearer}` },
    remoteAddress: '203.0.113.10',
    payload: { profileId },
  });

export const households = (t: Target, practice = 'lakeside') =>
  call(t, 'GET', '/admin/households', undefined, { practice, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });

/** A profile id by its display name within one practice (the seed's ids are not part of its contract). */
export function profileId(db: TestDb['db'], displayName: string, practice = 'lakeside'): number {
  const id = db
    .prepare('SELECT p.id FROM profiles p JOIN practices r ON r.id = p.practice_id WHERE r.slug = ? AND p.display_name = ?')
    .pluck()
    .get(practice, displayName) as number | undefined;
  if (id === undefined) throw new Error(`no profile ${displayName} at ${practice}`);
  return id;
}

export function accountId(db: TestDb['db'], email: string, practice = 'lakeside'): number {
  return db
    .prepare('SELECT a.id FROM accounts a JOIN practices r ON r.id = a.practice_id WHERE r.slug = ? AND a.email = ?')
    .pluck()
    .get(practice, email) as number;
}
