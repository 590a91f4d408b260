import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { InvitationRequest, InvitationSent, PinIssued, PinRequest, PracticeParams } from '../../src/contract/index.js';
import type { AuthDeps } from '../auth/deps.js';
import { sendInvitation } from '../auth/link-sign-in.js';
import { issuePinFor } from '../auth/pin-sign-in.js';
import { notFound } from '../errors.js';
import { findAccountByEmail, type Account } from '../repos/clients.js';
import type { Practice } from '../repos/practices.js';
import { practiceOf } from '../request/context.js';
import { requestMeta } from '../request/meta.js';
import { PRACTICE_ROUTE_ERRORS, errorResponse, errorResponses, ref } from '../schemas.js';

const NO_ACCOUNT = errorResponse('`not_found`: no client of this practice has that address (or no such practice).');

function accountOrNotFound(deps: AuthDeps, practice: Practice, email: string): Account {
  const account = findAccountByEmail(deps.db, practice.id, email);
  if (!account) throw notFound('No client of this practice has that address.');
  return account;
}

/** The office's side of sign-in, under `/p/:practice/admin` (admin token). */
export const adminSignInRoutes: FastifyPluginAsyncTypebox<AuthDeps> = async (app, deps) => {
  app.post<{ Body: PinRequest }>(
    '/pins',
    {
      schema: {
        operationId: 'issuePin',
        summary: 'Issue a sign-in PIN for a client',
        description:
          'A new random six-digit PIN for the office to read to the client by phone. It works once, for 72 hours, ' +
          'and voids the earlier PIN of the account (R17, R18). The server keeps only a peppered scrypt hash (R19).',
        tags: ['admin'],
        security: [{ adminBearer: [] }],
        params: PracticeParams,
        body: ref(PinRequest),
        response: {
          201: ref(PinIssued, { description: 'The PIN, shown this once.' }),
          ...errorResponses(400, 401),
          404: NO_ACCOUNT,
          ...errorResponses(413, 415, 429, 500, 503),
        },
      },
    },
    async (request, reply) => {
      const practice = practiceOf(request);
      const account = accountOrNotFound(deps, practice, request.body.email);
      return reply.code(201).send(await issuePinFor(deps, practice, account, requestMeta(request)));
    },
  );

  app.post<{ Body: InvitationRequest }>(
    '/invitations',
    {
      schema: {
        operationId: 'sendInvitation',
        summary: 'Send a client the welcome email',
        description:
          "The welcome email, in the client's language, with a sign-in link to the practice portal page. The link is " +
          'like any other: it works once for 24 hours and supersedes earlier links (R6).',
        tags: ['admin'],
        security: [{ adminBearer: [] }],
        params: PracticeParams,
        body: ref(InvitationRequest),
        response: {
          202: ref(InvitationSent, { description: 'Queued.' }),
          ...errorResponses(400, 401),
          404: NO_ACCOUNT,
          409: errorResponse('`conflict`: the practice has no https portal page to link to (`portalUrl`).'),
          ...errorResponses(...PRACTICE_ROUTE_ERRORS.filter((s) => s !== 404), 413, 415),
        },
      },
    },
    async (request, reply) => {
      const practice = practiceOf(request);
      const account = accountOrNotFound(deps, practice, request.body.email);
      sendInvitation(deps, practice, account, requestMeta(request));
      return reply.code(202).send({ status: 'sent', validForSeconds: practice.linkTtlSeconds });
    },
  );
};
