import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  EmailCodeSignIn,
  LinkPreview,
  LinkRequest,
  LinkRequested,
  LinkTokenBody,
  PinSignIn,
  PracticeParams,
  SessionCreated,
  SessionInfo,
} from '../../src/contract/index.js';
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
import { PRACTICE_ROUTE_ERRORS, errorResponse, errorResponses, ref } from '../schemas.js';

const TOO_MANY = errorResponse('`rate_limited`: over a sign-in budget for this client or address; wait `Retry-After` seconds.');
const LINK_REFUSALS = {
  404: errorResponse("`link_invalid`: no such link at this practice (a mistyped token, or another practice's). `not_found`: no such practice."),
  409: errorResponse('`link_used`: the link was already used. `link_superseded`: a newer link was sent since; only the newest works.'),
  410: errorResponse('`link_expired`: the link is older than its lifetime (24 hours by default).'),
};
const SESSION_REFUSAL = {
  401: errorResponse(
    '`session_expired`: the session passed its idle or absolute limit and has ended. `unauthorized`: no token, or a token that is unknown here or signed out.',
  ),
};

/**
 * Sign-in and the session, under `/p/:practice/auth`. The link and PIN routes are public
 * (`security: []`); the session routes need the bearer token they hand out.
 */
export const authRoutes: FastifyPluginAsyncTypebox<AuthDeps> = async (app, deps) => {
  // Bodies are `$ref`s to shared schemas, which the type provider cannot see through: the
  // route generics state their types (the schemas still validate them).
  app.post<{ Body: LinkRequest }>(
    '/auth/link',
    {
      schema: {
        operationId: 'requestSignInLink',
        summary: 'Email a sign-in link',
        description:
          'Always 202 with the same body, whether or not the address belongs to a client of the practice (R9). ' +
          'For a known address, the newest link supersedes every earlier one (R6) and works once for 24 hours; ' +
          'the link opens `returnTo` when its origin is on the practice allow-list, otherwise the practice portal page, ' +
          'and carries its token in the URL fragment (`#ml=…`). An address gets at most one email a minute and five an hour ' +
          '(more are dropped silently); a client at most 50 requests an hour (then 429).',
        tags: ['auth'],
        security: [],
        params: PracticeParams,
        body: ref(LinkRequest),
        response: {
          202: ref(LinkRequested, { description: 'Queued, if the address is known. Nothing tells whether it was.' }),
          ...errorResponses(400, 404, 413, 415),
          429: TOO_MANY,
          ...errorResponses(500, 503),
        },
      },
    },
    async (request, reply) => {
      const practice = practiceOf(request);
      const { result } = await requestSignInLink(deps, practice, request.body, requestMeta(request));
      if (result === 'no_portal_page') request.log.warn({ practice: practice.slug }, 'sign-in link not sent: the practice has no usable portal page');
      return reply.code(202).send({ status: 'sent', validForSeconds: practice.linkTtlSeconds, emailCode: deps.pins !== undefined });
    },
  );

  app.post<{ Body: LinkTokenBody }>(
    '/auth/link/preview',
    {
      schema: {
        operationId: 'previewSignInLink',
        summary: 'Whose sign-in link this is, without using it',
        description:
          'The masked address the link would sign in, so the page can ask "Continue as j•••@example.com?" first (R7, R8). ' +
          'Uses nothing up. Counts towards the 30 link checks per client per 5 minutes (R11).',
        tags: ['auth', 'phi'],
        security: [],
        params: PracticeParams,
        body: ref(LinkTokenBody),
        response: {
          200: ref(LinkPreview, { description: 'The link is valid now.' }),
          ...errorResponses(400),
          ...LINK_REFUSALS,
          429: TOO_MANY,
          ...errorResponses(413, 415, 500, 503),
        },
      },
    },
    async (request) => previewSignInLink(deps, practiceOf(request), request.body.token, requestMeta(request)),
  );

  app.post<{ Body: LinkTokenBody }>(
    '/auth/link/redeem',
    {
      schema: {
        operationId: 'redeemSignInLink',
        summary: 'Sign in with an emailed link',
        description:
          'Uses the link up (once, atomically: of concurrent calls exactly one succeeds, R5) and starts a session. ' +
          'A session the request carries is ended first (R8). Counts towards the 30 link checks per client per 5 minutes (R11).',
        tags: ['auth', 'phi'],
        security: [],
        params: PracticeParams,
        body: ref(LinkTokenBody),
        response: {
          201: ref(SessionCreated, { description: 'Signed in.' }),
          ...errorResponses(400),
          ...LINK_REFUSALS,
          429: TOO_MANY,
          ...errorResponses(413, 415, 500, 503),
        },
      },
    },
    async (request, reply) => {
      const created = redeemSignInLink(deps, practiceOf(request), request.body.token, requestMeta(request));
      return reply.code(201).send(created);
    },
  );

  app.post<{ Body: PinSignIn }>(
    '/auth/pin',
    {
      schema: {
        operationId: 'signInWithPin',
        summary: 'Sign in with email and the PIN the office gave',
        description:
          'Spaces in the PIN are ignored. One answer, 401 `invalid_credentials`, for an unknown address and a wrong, ' +
          'malformed, expired, used or locked PIN (R24). A PIN is void after 5 checks (R20). After a failure the address ' +
          'waits 30 s, doubling up to an hour, before the next check (R21); a client gets 20 failed checks an hour (R22). ' +
          'Both answer 429 with `Retry-After`.',
        tags: ['auth', 'phi'],
        security: [],
        params: PracticeParams,
        body: ref(PinSignIn),
        response: {
          201: ref(SessionCreated, { description: 'Signed in.' }),
          ...errorResponses(400),
          401: errorResponse('`invalid_credentials`: the email and PIN were not accepted (the one answer for every reason).'),
          ...errorResponses(404, 413, 415),
          429: TOO_MANY,
          ...errorResponses(500),
          503: errorResponse('`unavailable`: briefly unavailable, or PIN sign-in is not configured on this server.'),
        },
      },
    },
    async (request, reply) => {
      const created = await signInWithPin(deps, practiceOf(request), request.body, requestMeta(request));
      return reply.code(201).send(created);
    },
  );

  app.post<{ Body: EmailCodeSignIn }>(
    '/auth/email-code',
    {
      schema: {
        operationId: 'signInWithEmailCode',
        summary: 'Sign in with email and the code from the sign-in email',
        description:
          'The fallback for a link a mail scanner broke (R16): the six-digit code printed in the newest sign-in email. ' +
          'It works once, while its link does (24 hours, newest email only); using it uses the link up, and using the link ' +
          'voids it. Spaces are ignored. One answer, 401 `invalid_credentials`, for every refusal (R24). A code is void after ' +
          '5 checks (R20); failed checks share the PIN budgets: the address waits 30 s, doubling up to an hour (R21), and a ' +
          'client gets 20 failed checks an hour (R22); both answer 429 with `Retry-After`.',
        tags: ['auth', 'phi'],
        security: [],
        params: PracticeParams,
        body: ref(EmailCodeSignIn),
        response: {
          201: ref(SessionCreated, { description: 'Signed in.' }),
          ...errorResponses(400),
          401: errorResponse('`invalid_credentials`: the email and code were not accepted (the one answer for every reason).'),
          ...errorResponses(404, 413, 415),
          429: TOO_MANY,
          ...errorResponses(500),
          503: errorResponse('`unavailable`: briefly unavailable, or sign-in codes are not configured on this server.'),
        },
      },
    },
    async (request, reply) => {
      const created = await signInWithEmailCode(deps, practiceOf(request), request.body, requestMeta(request));
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/auth/session',
    {
      onRequest: app.requireSession,
      schema: {
        operationId: 'getSession',
        summary: 'The current session',
        description: 'Who is signed in (masked) and when the session ends. Counts as activity: the idle timer restarts (R31).',
        tags: ['auth', 'phi'],
        security: [{ bearer: [] }],
        params: PracticeParams,
        response: {
          200: ref(SessionInfo, { description: 'The session, its idle deadline just moved.' }),
          ...SESSION_REFUSAL,
          ...errorResponses(...PRACTICE_ROUTE_ERRORS),
        },
      },
    },
    async (request) => {
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
    },
  );

  app.delete(
    '/auth/session',
    {
      onRequest: app.requireSession,
      schema: {
        operationId: 'signOut',
        summary: 'Sign out',
        description: 'Ends the session on the server; the token is refused from now on (R34).',
        tags: ['auth'],
        security: [{ bearer: [] }],
        params: PracticeParams,
        response: {
          204: Type.Null({ description: 'Signed out.' }),
          ...SESSION_REFUSAL,
          ...errorResponses(...PRACTICE_ROUTE_ERRORS),
        },
      },
    },
    async (request, reply) => {
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
      return reply.code(204).send(null);
    },
  );
};
