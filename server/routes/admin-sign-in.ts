import type { FastifyPluginAsync } from 'fastify';
import { issuePin, sendInvitation as sendInvitationOp } from '../../src/contract/operations/auth.js';
import type { AuthDeps } from '../auth/deps.js';
import { sendInvitation } from '../auth/link-sign-in.js';
import { issuePinFor } from '../auth/pin-sign-in.js';
import { notFound } from '../errors.js';
import { officeCallOf } from '../office/call.js';
import { assertAccountVisible } from '../office/visibility.js';
import { findAccountByEmail, type Account } from '../repos/clients.js';
import type { Practice } from '../repos/practices.js';
import { defineRoute } from './define-route.js';

function accountOrNotFound(deps: AuthDeps, practice: Practice, email: string): Account {
  const account = findAccountByEmail(deps.db, practice.id, email);
  if (!account) throw notFound('No client of this practice has that address.');
  return account;
}

/** The office's side of sign-in, under `/p/:practice/admin`: a clinician only for their own clients' accounts. */
export const adminSignInRoutes: FastifyPluginAsync<AuthDeps> = async (app, deps) => {
  defineRoute(app, issuePin, async (request, reply) => {
    const call = officeCallOf(request);
    const account = accountOrNotFound(deps, call.practice, request.body.email);
    assertAccountVisible(deps, call, account.id);
    return reply.code(201).send(await issuePinFor(deps, call.practice, account, call.meta, call.office));
  });

  defineRoute(app, sendInvitationOp, async (request, reply) => {
    const call = officeCallOf(request);
    const account = accountOrNotFound(deps, call.practice, request.body.email);
    assertAccountVisible(deps, call, account.id);
    sendInvitation(deps, call.practice, account, call.meta, call.office);
    return reply.code(202).send({ status: 'sent', validForSeconds: call.practice.linkTtlSeconds });
  });
};
