import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Households, PracticeParams, ProfileLink, ProfileLinkRequest, ProfileUnlinkRequest } from '../../src/contract/index.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { addSchemasOnce } from '../plugins/local-schemas.js';
import { practiceOf } from '../request/context.js';
import { requestMeta } from '../request/meta.js';
import { linkProfile, unlinkProfile } from '../profiles/admin-links.js';
import { listHouseholds } from '../repos/households.js';
import { audit } from '../request/audit.js';
import { PRACTICE_ROUTE_ERRORS, errorResponse, errorResponses, ref } from '../schemas.js';

/**
 * Who may act for whom, the office's side, under `/p/:practice/admin` (admin token): list
 * households, link an account to a profile, revoke a link. Changes take effect on the
 * client's next request (R42); each call writes one audit event with ids only (R36).
 */
export const adminProfileLinkRoutes: FastifyPluginAsyncTypebox<{ db: Db; clock: Clock }> = async (app, deps) => {
  // Only the schemas the routes name: nested ones ($id or not) are inlined in the document.
  addSchemasOnce(app, [ProfileLinkRequest, ProfileUnlinkRequest, ProfileLink, Households]);

  app.get(
    '/households',
    {
      schema: {
        operationId: 'listHouseholds',
        summary: 'Every client account and whom it may act for',
        description:
          'Accounts by name with their live links (own profile first), and every profile of the practice so a console ' +
          'can offer link targets. Names and addresses of clients: the read is audited as `sensitive_read`.',
        tags: ['admin', 'phi'],
        security: [{ adminBearer: [] }],
        params: PracticeParams,
        response: {
          200: ref(Households, { description: 'The households.' }),
          ...errorResponses(401, ...PRACTICE_ROUTE_ERRORS),
        },
      },
    },
    async (request) => {
      const practice = practiceOf(request);
      const households = listHouseholds(deps.db, practice.id);
      audit(deps, { practice, meta: requestMeta(request) }, { action: 'sensitive_read', resourceType: 'households' });
      return households;
    },
  );

  app.post<{ Body: ProfileLinkRequest }>(
    '/profile-links',
    {
      schema: {
        operationId: 'linkProfile',
        summary: 'Let a client act for a profile',
        description:
          'Links the account with that address to the profile: `guardian` to a minor, `partner` to a couple, `self` to a ' +
          'self profile (partners act for the couple, never for each other’s own profile). Permissions left out are granted. ' +
          'Takes effect on the client’s next request.',
        tags: ['admin', 'phi'],
        security: [{ adminBearer: [] }],
        params: PracticeParams,
        body: ref(ProfileLinkRequest),
        response: {
          201: ref(ProfileLink, { description: 'Linked.' }),
          400: errorResponse(
            '`validation`: the body is not valid, or the relationship does not fit the profile’s kind (`fields.relationship` = `invalid`).',
          ),
          ...errorResponses(401),
          404: errorResponse('`not_found`: no client of this practice has that address, or the practice has no such profile.'),
          409: errorResponse(
            '`conflict`: the account already has a live link to the profile, or another account already has this self profile as its own.',
          ),
          ...errorResponses(413, 415, 429, 500, 503),
        },
      },
    },
    async (request, reply) => {
      const link = linkProfile(deps, practiceOf(request), request.body, requestMeta(request));
      return reply.code(201).send(link);
    },
  );

  app.post<{ Body: ProfileUnlinkRequest }>(
    '/profile-links/revoke',
    {
      schema: {
        operationId: 'revokeProfileLink',
        summary: 'Stop a client acting for a profile',
        description:
          'Revokes the live link (the row stays as a record). Sessions of that client lose the profile on their very next ' +
          'request, and a session that had chosen it reads `selectedProfileId: null` (R42).',
        tags: ['admin', 'phi'],
        security: [{ adminBearer: [] }],
        params: PracticeParams,
        body: ref(ProfileUnlinkRequest),
        response: {
          204: Type.Null({ description: 'Revoked.' }),
          ...errorResponses(400, 401),
          404: errorResponse('`not_found`: no client of this practice has that address, or it has no live link to that profile.'),
          ...errorResponses(413, 415, 429, 500, 503),
        },
      },
    },
    async (request, reply) => {
      unlinkProfile(deps, practiceOf(request), request.body, requestMeta(request));
      return reply.code(204).send(null);
    },
  );
};
