import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { SessionCreated } from '../../src/contract/index.js';
import * as op from '../../src/contract/operations/auth.js';
import type { AuthDeps } from '../auth/deps.js';
import { signInWithEmailCode } from '../auth/email-code.js';
import { previewSignInLink, redeemSignInLink, requestSignInLink } from '../auth/link-sign-in.js';
import { signInWithPin } from '../auth/pin-sign-in.js';
import { sessionInfo } from '../auth/session-start.js';
import { transaction } from '../db/transaction.js';
import { unauthorized } from '../errors.js';
import { findAccountById } from '../repos/clients.js';
import { endSession } from '../repos/sessions.js';
import { audit } from '../request/audit.js';
import { authOf, practiceOf } from '../request/context.js';
import { requestMeta } from '../request/meta.js';
import { clearSessionCookie, sessionCookieToken, sessionCookieValue, wantsSessionCookie } from '../request/session-cookie.js';
import { defineRoute } from './define-route.js';

/**
 * Sign-in and the session, under `/p/:practice/auth`. The link, code and PIN routes are
 * public; the session routes need the session they hand out (a bearer token, or the
 * `__Host-sid` cookie in cookie mode).
 */
export const authRoutes: FastifyPluginAsync<AuthDeps> = async (app, deps) => {
  defineRoute(app, op.requestSignInLink, async (request, reply) => {
    const practice = practiceOf(request);
    const { result, held, resendAfterMs } = await requestSignInLink(deps, practice, request.body, requestMeta(request));
    if (result === 'no_portal_page') request.log.warn({ practice: practice.slug }, 'sign-in link not sent: the practice has no usable portal page');
    return reply.code(202).send({
      status: held ? 'held' : 'sent',
      validForSeconds: practice.linkTtlSeconds,
      resendAfterSeconds: Math.ceil(resendAfterMs / 1000),
      emailCode: deps.pins !== undefined,
    });
  });

  defineRoute(app, op.previewSignInLink, async (request) =>
    previewSignInLink(deps, practiceOf(request), request.body.token, requestMeta(request)),
  );

  /**
   * 201 with the new session. In cookie mode (R26 mode A, see wantsSessionCookie) the token
   * goes only into the HttpOnly `__Host-sid` cookie and the body leaves it out, so no
   * script on the page ever holds it.
   */
  function sendSession(request: FastifyRequest, reply: FastifyReply, created: SessionCreated) {
    if (created.token === undefined || !wantsSessionCookie(request, deps.cookieSites ?? [])) return reply.code(201).send(created);
    reply.header('set-cookie', sessionCookieValue(created.token));
    return reply.code(201).send({ session: created.session });
  }

  defineRoute(app, op.redeemSignInLink, async (request, reply) =>
    sendSession(request, reply, redeemSignInLink(deps, practiceOf(request), request.body.token, requestMeta(request))),
  );

  defineRoute(app, op.signInWithPin, async (request, reply) =>
    sendSession(request, reply, await signInWithPin(deps, practiceOf(request), request.body, requestMeta(request))),
  );

  defineRoute(app, op.signInWithEmailCode, async (request, reply) =>
    sendSession(request, reply, await signInWithEmailCode(deps, practiceOf(request), request.body, requestMeta(request))),
  );

  defineRoute(app, op.getSession, async (request) => {
    const practice = practiceOf(request);
    const { session, accountId } = authOf(request);
    const account = findAccountById(deps.db, practice.id, accountId);
    if (!account) throw unauthorized();
    audit(deps, { practice, meta: requestMeta(request) }, {
      action: 'sensitive_read',
      outcome: 'success',
      accountId,
      resourceType: 'session',
      resourceId: session.id,
    });
    return sessionInfo(session, account);
  });

  defineRoute(app, op.signOut, async (request, reply) => {
    const practice = practiceOf(request);
    const { sessionId, accountId } = authOf(request);
    transaction(deps.db, () => {
      if (endSession(deps.db, deps.clock.now(), sessionId, 'signed_out')) {
        audit(deps, { practice, meta: requestMeta(request) }, {
          action: 'session_ended',
          outcome: 'success',
          accountId,
          resourceType: 'session',
          resourceId: sessionId,
        });
      }
    });
    if (sessionCookieToken(request) !== undefined) clearSessionCookie(reply);
    return reply.code(204).send(null);
  });
};
