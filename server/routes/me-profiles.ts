import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PracticeParams, ProfileList, ProfileSelection } from '../../src/contract/index.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { transaction } from '../db/transaction.js';
import { notFound } from '../errors.js';
import { addSchemasOnce } from '../plugins/local-schemas.js';
import { audit } from '../request/audit.js';
import { authOf, practiceOf } from '../request/context.js';
import { requestMeta } from '../request/meta.js';
import { profileListFor } from '../profiles/profile-list.js';
import { storeActingProfile } from '../repos/acting-profile.js';
import { findAccessibleProfile } from '../repos/clients.js';
import { PRACTICE_ROUTE_ERRORS, errorResponse, errorResponses, ref } from '../schemas.js';

const SESSION_REFUSAL = {
  401: errorResponse(
    '`session_expired`: the session passed its idle or absolute limit and has ended. `unauthorized`: no token, or a token that is unknown here or signed out.',
  ),
};

/**
 * The signed-in client's profiles, under `/p/:practice/me/profiles`: whom this sign-in may
 * act for (the `<profile-picker>`), and which of them this session chose. Both answer with
 * names of people in care, so each call writes one audit event (R36), with ids only.
 */
export const meProfileRoutes: FastifyPluginAsyncTypebox<{ db: Db; clock: Clock }> = async (app, deps) => {
  // Only the schemas the routes name: nested ones ($id or not) are inlined in the document.
  addSchemasOnce(app, [ProfileList, ProfileSelection]);

  app.get(
    '/me/profiles',
    {
      onRequest: app.requireSession,
      schema: {
        operationId: 'listMyProfiles',
        summary: 'The profiles this sign-in may act for',
        description:
          'Live links only, own profile first, then by name: the client, minors in their care, couples they are part of, ' +
          'each with what this sign-in may do for it. `selectedProfileId` is the profile this session last chose, while ' +
          'it may still act for it; otherwise null (e.g. after the office revoked the link, R42).',
        tags: ['profiles', 'phi'],
        security: [{ bearer: [] }],
        params: PracticeParams,
        response: {
          200: ref(ProfileList, { description: 'The profiles, and the session’s choice.' }),
          ...SESSION_REFUSAL,
          ...errorResponses(...PRACTICE_ROUTE_ERRORS),
        },
      },
    },
    async (request) => {
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
    },
  );

  app.put<{ Body: ProfileSelection }>(
    '/me/profiles/selected',
    {
      onRequest: app.requireSession,
      schema: {
        operationId: 'selectMyProfile',
        summary: 'Choose whom this session acts for',
        description:
          'Remembers the choice for this session only (other sign-ins of the same person keep theirs) and answers with the ' +
          'updated list. The choice grants nothing by itself: every profile-scoped request is checked on its own (R41). ' +
          'A profile this sign-in may not act for (unlinked, revoked, another practice’s, or none) is 404 `not_found`, ' +
          'and is recorded as `authz_fail`.',
        tags: ['profiles', 'phi'],
        security: [{ bearer: [] }],
        params: PracticeParams,
        body: ref(ProfileSelection),
        response: {
          200: ref(ProfileList, { description: 'The profiles, with `selectedProfileId` set to the choice.' }),
          ...errorResponses(400),
          ...SESSION_REFUSAL,
          404: errorResponse(
            '`not_found`: this sign-in may not act for that profile (unlinked, revoked, another practice’s, or no such profile), or no such practice.',
          ),
          ...errorResponses(413, 415, 429, 500, 503),
        },
      },
    },
    async (request) => {
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
    },
  );
};
