import type { FastifyRequest } from 'fastify';
import type { PortalApp } from '../app-types.js';
import { auditAuth, requestMeta } from '../auth/context.js';
import { isTokenShaped, tokenHash } from '../auth/secrets.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { transaction } from '../db/transaction.js';
import { ApiError } from '../errors.js';
import { endSession, expiryReason, findSession, touchSession, type Session } from '../repos/sessions.js';
import { bearerToken } from './admin-auth.js';
import { practiceOf } from './practice-resolver.js';

/** Who is signed in on this request: set by requireSession, read by the routes behind it. */
export interface SessionContext {
  accountId: number;
  sessionId: number;
  session: Session;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in account and session; null unless the route runs `requireSession`. */
    auth: SessionContext | null;
  }
  interface FastifyInstance {
    /**
     * The session check, as an onRequest or preHandler hook for any route under
     * `/p/:practice` that needs a signed-in client: `{ onRequest: app.requireSession }`, or
     * `scope.addHook('onRequest', app.requireSession)` for a whole scope of profile routes.
     */
    requireSession: (request: FastifyRequest) => Promise<void>;
  }
}

const CHALLENGE = 'Bearer realm="portal"';

export const unauthorized = () => new ApiError(401, 'unauthorized', undefined, undefined, { 'www-authenticate': CHALLENGE });
export const sessionExpired = () =>
  new ApiError(401, 'session_expired', undefined, undefined, {
    'www-authenticate': `${CHALLENGE}, error="invalid_token", error_description="session expired"`,
  });

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
        auditAuth(deps, practice, meta, {
          action: 'session_expired',
          outcome: 'success',
          accountId: known.accountId,
          resourceType: 'session',
          resourceId: known.id,
        });
      } else {
        auditAuth(deps, practice, meta, {
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

/** The signed-in context in a handler behind requireSession. */
export function authOf(request: FastifyRequest): SessionContext {
  if (!request.auth) throw unauthorized();
  return request.auth;
}
