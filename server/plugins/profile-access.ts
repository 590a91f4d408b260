import type { FastifyPluginAsync, FastifyRequest, RouteOptions } from 'fastify';
import type { ProfilePermission } from '../../src/contract/operation.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { notFound } from '../errors.js';
import { findAccessibleProfile, type Permissions } from '../repos/clients.js';
import { audit } from '../request/audit.js';
import { authOf, practiceOf } from '../request/context.js';
import { requestMeta } from '../request/meta.js';

export type { ProfilePermission };

const PERMISSION_FLAG: Record<ProfilePermission, keyof Permissions> = {
  book: 'canBook',
  sign: 'canSign',
  upload: 'canUpload',
  view: 'canView',
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The permission a route under `/profiles/:profileId` needs. Required: the scope refuses
     * to register a route without one, so a route added later cannot skip the check (R41).
     */
    profilePermission?: ProfilePermission;
  }
}

/** Path ids are positive integers; anything else cannot name a profile and is a 404 too. */
const PROFILE_ID = /^[1-9][0-9]{0,15}$/;

// Every refusal is a 404: a profile one may not act for and one that does not exist look the same.

/**
 * The object-level authorization guard (R41, R42). Runs before body validation, so nothing
 * about a profile the caller may not act for is processed. Reads the live (account → profile)
 * link from the database on every request: a revoked guardian or partner link stops access on
 * the very next request. A missing link or permission answers 404 and appends `authz_fail`.
 */
export function createProfileGuard(deps: { db: Db; clock: Clock }) {
  return async function requireProfileAccess(request: FastifyRequest): Promise<void> {
    const auth = authOf(request);
    const practice = practiceOf(request);
    const permission = request.routeOptions.config.profilePermission;
    const raw = (request.params as { profileId?: unknown }).profileId;
    const profileId = typeof raw === 'string' && PROFILE_ID.test(raw) ? Number(raw) : undefined;
    const profile = profileId === undefined ? undefined : findAccessibleProfile(deps.db, practice.id, auth.accountId, profileId);
    if (profile && permission && profile.permissions[PERMISSION_FLAG[permission]]) {
      request.actingProfile = profile;
      return;
    }
    audit(deps, { practice, meta: requestMeta(request) }, {
      action: 'authz_fail',
      outcome: 'failure',
      accountId: auth.accountId,
      resourceType: 'profile',
      resourceId: profileId ?? null,
    });
    throw notFound();
  };
}

export interface ProfileScopeOptions {
  db: Db;
  clock: Clock;
}

/**
 * The scope every profile-scoped route plugin is registered in, under
 * `/p/:practice/profiles/:profileId`: session first, then the profile guard, for every route.
 * Registering a route without `config.profilePermission` throws at startup.
 */
export function profileScope(routes: Array<FastifyPluginAsync<ProfileScopeOptions>>): FastifyPluginAsync<ProfileScopeOptions> {
  return async (scope, deps) => {
    scope.decorateRequest('actingProfile', null);
    scope.addHook('onRoute', (route: RouteOptions) => {
      const permission = route.config?.profilePermission;
      if (!permission || !(permission in PERMISSION_FLAG)) {
        const methods = ([] as string[]).concat(route.method).join(',');
        throw new Error(`${methods} ${route.url}: a profile-scoped route must name config.profilePermission (R41).`);
      }
    });
    scope.addHook('onRequest', scope.requireSession);
    scope.addHook('preValidation', createProfileGuard(deps));
    // Only the dependencies: the scope's own options carry its `prefix`, which passed on
    // would be applied a second time (`/profiles/:profileId/profiles/:profileId/…`).
    for (const plugin of routes) await scope.register(plugin, { db: deps.db, clock: deps.clock });
  };
}
