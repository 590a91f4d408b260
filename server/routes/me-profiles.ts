import type { FastifyPluginAsync } from 'fastify';
import { listMyProfiles, selectMyProfile } from '../../src/contract/operations/profiles.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { transaction } from '../db/transaction.js';
import { notFound } from '../errors.js';
import { profileListFor } from '../profiles/profile-list.js';
import { storeActingProfile } from '../repos/acting-profile.js';
import { findAccessibleProfile } from '../repos/clients.js';
import { audit } from '../request/audit.js';
import { authOf, practiceOf } from '../request/context.js';
import { requestMeta } from '../request/meta.js';
import { defineRoute } from './define-route.js';

/**
 * The signed-in client's profiles, under `/p/:practice/me/profiles`: whom this sign-in may
 * act for (the `<profile-picker>`), and which of them this session chose. Both answer with
 * names of people in care, so each call writes one audit event (R36), with ids only.
 */
export const meProfileRoutes: FastifyPluginAsync<{ db: Db; clock: Clock }> = async (app, deps) => {
  defineRoute(app, listMyProfiles, async (request) => {
    const practice = practiceOf(request);
    const { accountId, sessionId } = authOf(request);
    return transaction(deps.db, () => {
      const list = profileListFor(deps.db, practice.id, accountId, sessionId);
      // The list is reconstructible from profile_access (links carry created_at and
      // revoked_at), so the account id is enough to say what was disclosed.
      audit(deps, { practice, meta: requestMeta(request), accountId }, {
        action: 'sensitive_read',
        profileId: list.selectedProfileId,
        resourceType: 'profile_list',
        resourceId: accountId,
      });
      return list;
    });
  });

  defineRoute(app, selectMyProfile, async (request) => {
    const practice = practiceOf(request);
    const { accountId, sessionId } = authOf(request);
    const source = { practice, meta: requestMeta(request), accountId };
    const { profileId } = request.body;
    const list = transaction(deps.db, () => {
      if (!findAccessibleProfile(deps.db, practice.id, accountId, profileId)) {
        audit(deps, source, { action: 'authz_fail', outcome: 'failure', resourceType: 'profile', resourceId: profileId });
        return undefined;
      }
      storeActingProfile(deps.db, sessionId, profileId);
      audit(deps, source, { action: 'session_profile_selected', profileId, resourceType: 'session', resourceId: sessionId });
      return profileListFor(deps.db, practice.id, accountId, sessionId);
    });
    // Thrown after the transaction, so the authz_fail event commits.
    if (!list) throw notFound();
    return list;
  });
};
