import type { FastifyPluginAsync } from 'fastify';
import * as op from '../../src/contract/operations/staff.js';
import type { AuthDeps } from '../auth/deps.js';
import { previewLink, redeemLink, requestLink } from '../auth/link-sign-in.js';
import { transaction } from '../db/transaction.js';
import { ApiError, unauthorized } from '../errors.js';
import { staffSessions } from '../repos/sessions.js';
import { findStaffById } from '../repos/staff.js';
import { audit } from '../request/audit.js';
import { officeOf, practiceOf } from '../request/context.js';
import { requestMeta } from '../request/meta.js';
import { staffSelf } from '../staff/present.js';
import { staffSignInWithCode } from '../staff/email-code.js';
import { STAFF } from '../staff/sign-in.js';
import { defineRoute } from './define-route.js';

/**
 * Staff sign-in to the console and the office caller's own session, under
 * `/p/:practice/admin`: the link routes are public (the office guard lets them through), the
 * session routes need an office credential.
 */
export const staffSignInRoutes: FastifyPluginAsync<AuthDeps> = async (app, deps) => {
  defineRoute(app, op.staffSignInRequestLink, async (request, reply) => {
    const practice = practiceOf(request);
    const { result, held, resendAfterMs } = await requestLink(STAFF, deps, practice, request.body, requestMeta(request));
    if (result === 'no_portal_page') request.log.warn({ practice: practice.slug }, 'staff sign-in link not sent: the practice has no usable console page');
    return reply.code(202).send({ status: held ? 'held' : 'sent', resendAfterSeconds: Math.ceil(resendAfterMs / 1000), emailCode: deps.pins !== undefined });
  });

  defineRoute(app, op.staffSignInPreviewLink, async (request) =>
    previewLink(STAFF, deps, practiceOf(request), request.body.token, requestMeta(request)),
  );

  defineRoute(app, op.staffSignInRedeemLink, async (request, reply) =>
    reply.code(201).send(redeemLink(STAFF, deps, practiceOf(request), request.body.token, requestMeta(request))),
  );

  defineRoute(app, op.staffSignInWithCode, async (request, reply) =>
    reply.code(201).send(await staffSignInWithCode(deps, practiceOf(request), request.body, requestMeta(request))),
  );

  defineRoute(app, op.staffSignOut, async (request, reply) => {
    const practice = practiceOf(request);
    const office = officeOf(request);
    if (office.staffSessionId === null) throw new ApiError(400, 'validation', 'Only a staff session can sign out; an API key is revoked instead.');
    const sessionId = office.staffSessionId;
    transaction(deps.db, () => {
      if (staffSessions.endSession(deps.db, deps.clock.now(), sessionId, 'signed_out')) {
        audit(deps, { practice, meta: requestMeta(request), office }, { action: 'session_ended', resourceType: 'staff_session', resourceId: sessionId });
      }
    });
    return reply.code(204).send(null);
  });

  defineRoute(app, op.getOfficeMe, async (request) => {
    const practice = practiceOf(request);
    const office = officeOf(request);
    const staff = office.staffId === null ? undefined : findStaffById(deps.db, practice.id, office.staffId);
    if (office.kind === 'staff' && !staff) throw unauthorized();
    return { kind: office.kind, staff: staff ? staffSelf(staff) : null, permissions: [...office.permissions].sort() };
  });
};
