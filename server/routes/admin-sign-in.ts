import type { FastifyPluginAsync } from 'fastify';
import { issuePin, sendInvitation as sendInvitationOp } from '../../src/contract/operations/auth.js';
import type { AuthDeps } from '../auth/deps.js';
import { sendInvitation } from '../auth/link-sign-in.js';
import { issuePinFor } from '../auth/pin-sign-in.js';
import { notFound } from '../errors.js';
import { findAccountByEmail, type Account } from '../repos/clients.js';
import type { Practice } from '../repos/practices.js';
import { practiceOf } from '../request/context.js';
import { requestMeta } from '../request/meta.js';
import { defineRoute } from './define-route.js';

function accountOrNotFound(deps: AuthDeps, practice: Practice, email: string): Account {
  const account = findAccountByEmail(deps.db, practice.id, email);
  if (!account) throw notFound('No client of this practice has that address.');
  return account;
}

/** The office's side of sign-in, under `/p/:practice/admin` (admin token). */
export const adminSignInRoutes: FastifyPluginAsync<AuthDeps> = async (app, deps) => {
  defineRoute(app, issuePin, async (request, reply) => {
    const practice = practiceOf(request);
    const account = accountOrNotFound(deps, practice, request.body.email);
    return reply.code(201).send(await issuePinFor(deps, practice, account, requestMeta(request)));
  });

  defineRoute(app, sendInvitationOp, async (request, reply) => {
    const practice = practiceOf(request);
    const account = accountOrNotFound(deps, practice, request.body.email);
    sendInvitation(deps, practice, account, requestMeta(request));
    return reply.code(202).send({ status: 'sent', validForSeconds: practice.linkTtlSeconds });
  });
};
