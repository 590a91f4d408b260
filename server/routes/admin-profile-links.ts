import type { FastifyPluginAsync } from 'fastify';
import * as op from '../../src/contract/operations/profiles.js';
import { officeCallOf, type OfficeDeps } from '../office/call.js';
import { assertProfileVisible } from '../office/visibility.js';
import { visibleHouseholds } from '../office/households.js';
import { linkProfile, unlinkProfile } from '../profiles/admin-links.js';
import { audit } from '../request/audit.js';
import { defineRoute } from './define-route.js';

/**
 * Who may act for whom, the office's side, under `/p/:practice/admin` (staff session or API
 * key): list households, link an account to a profile, revoke a link. A clinician sees and
 * changes only their own clients' links. Changes take effect on the client's next request
 * (R42); each call writes one audit event with ids only (R36).
 */
export const adminProfileLinkRoutes: FastifyPluginAsync<OfficeDeps> = async (app, deps) => {
  defineRoute(app, op.listHouseholds, async (request) => {
    const call = officeCallOf(request);
    const households = visibleHouseholds(deps, call);
    audit(deps, call, { action: 'sensitive_read', resourceType: 'households' });
    return households;
  });

  defineRoute(app, op.linkProfile, async (request, reply) => {
    const call = officeCallOf(request);
    assertProfileVisible(deps, call, request.body.profileId);
    return reply.code(201).send(linkProfile(deps, call.practice, request.body, call.meta, call.office));
  });

  defineRoute(app, op.revokeProfileLink, async (request, reply) => {
    const call = officeCallOf(request);
    assertProfileVisible(deps, call, request.body.profileId);
    unlinkProfile(deps, call.practice, request.body, call.meta, call.office);
    return reply.code(204).send(null);
  });
};
