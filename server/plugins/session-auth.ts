import type { FastifyRequest } from 'fastify';
import type { PortalApp } from '../app-types.js';
import { isTokenShaped, tokenHash } from '../auth/secrets.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { transaction } from '../db/transaction.js';
import { sessionExpired, unauthorized } from '../errors.js';
import { endSession, expiryReason, findSession, touchSession } from '../repos/sessions.js';
import { audit } from '../request/audit.js';
import { practiceOf } from '../request/context.js';
import { bearerToken, requestMeta } from '../request/meta.js';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The session check, as an onRequest or preHandler hook for any route under
     * `/p/:practice` that needs a signed-in client: `{ onRequest: app.requireSession }`, or
     * `scope.addHook('onRequest', app.requireSession)` for a whole scope of profile routes.
     */
    requireSession: (request: FastifyRequest) => Promise<void>;
  }
}

/**
 * The bearer-session guard (R14, R28, R31, R32, R34). One conditional UPDATE finds the
 * session of this token *at this practice*, checks it has not ended and has passed neither
 * its idle nor its absolute deadline, and restarts its idle timer (every authenticated
 * request counts as activity). When that changes no row, the session is read once more only
 * to choose the answer: past a deadline → 401 `session_expired`, and the row is ended then
 * and there (`session_expired` in the audit trail); unknown, signed out, replaced or another
 * practice's → 401 `unauthorized` (`authz_fail`). Answers keep `Cache-Control: no-store`
 * (set app-wide).
 */
export function createSessionGuard(deps: { db: Db; clock: Clock }): (request: FastifyRequest) => Promise<void> {
  const { db, clock } = deps;
  return async function requireSession(request: FastifyRequest): Promise<void> {
    const practice = practiceOf(request);
    const token = bearerToken(request);
    const now = clock.now();
    const hash = token && isTokenShaped(token) ? tokenHash(token) : undefined;
    const session = hash ? touchSession(db, now, practice.id, hash) : undefined;
    if (session) {
      request.auth = { accountId: session.accountId, sessionId: session.id, session };
      return;
    }
    const meta = requestMeta(request);
    const known = hash ? findSession(db, practice.id, hash) : undefined;
    const expired = known && expiryReason(known, now);
    transaction(db, () => {
      if (known && expired && endSession(db, now, known.id, expired)) {
        audit(deps, { practice, meta }, {
          action: 'session_expired',
          outcome: 'success',
          accountId: known.accountId,
          resourceType: 'session',
          resourceId: known.id,
        });
      } else {
        audit(deps, { practice, meta }, {
          action: 'authz_fail',
          outcome: 'failure',
          accountId: known?.accountId,
          resourceType: 'session',
          resourceId: known?.id,
        });
      }
    });
    throw expired ? sessionExpired() : unauthorized();
  };
}

/** Decorates the app with `requireSession` and requests with `auth`. Call once, before routes. */
export function installSessionAuth(app: PortalApp, deps: { db: Db; clock: Clock }): void {
  app.decorateRequest('auth', null);
  app.decorate('requireSession', createSessionGuard(deps));
}
