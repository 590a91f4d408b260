import type { FastifyPluginAsync } from 'fastify';
import * as op from '../../src/contract/operations/profiles.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { linkProfile, unlinkProfile } from '../profiles/admin-links.js';
import { listHouseholds } from '../repos/households.js';
import { audit } from '../request/audit.js';
import { practiceOf } from '../request/context.js';
import { requestMeta } from '../request/meta.js';
import { defineRoute } from './define-route.js';

/**
 * Who may act for whom, the office's side, under `/p/:practice/admin` (admin token): list
 * households, link an account to a profile, revoke a link. Changes take effect on the
 * client's next request (R42); each call writes one audit event with ids only (R36).
 */
export const adminProfileLinkRoutes: FastifyPluginAsync<{ db: Db; clock: Clock }> = async (app, deps) => {
  defineRoute(app, op.listHouseholds, async (request) => {
    const practice = practiceOf(request);
    const households = listHouseholds(deps.db, practice.id);
    audit(deps, { practice, meta: requestMeta(request) }, { action: 'sensitive_read', resourceType: 'households' });
    return households;
  });

  defineRoute(app, op.linkProfile, async (request, reply) =>
    reply.code(201).send(linkProfile(deps, practiceOf(request), request.body, requestMeta(request))),
  );

  defineRoute(app, op.revokeProfileLink, async (request, reply) => {
    unlinkProfile(deps, practiceOf(request), request.body, requestMeta(request));
    return reply.code(204).send(null);
  });
};
