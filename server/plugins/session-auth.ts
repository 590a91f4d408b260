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
import { assertCookieCsrf, sessionCookieToken } from '../request/session-cookie.js';

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

export interface SessionGuardDeps {
  db: Db;
  clock: Clock;
  /** Sites that may use cookie sessions (AppConfig.sessionCookieSites); empty: cookies are ignored. */
  cookieSites?: readonly string[];
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
 *
 * R26 mode A: where cookie sessions are configured, a request without a bearer token may
 * carry the session in the `__Host-sid` cookie instead; an unsafe method must then pass the
 * R29 checks (Origin on the allow-list and `X-Portal-Session: cookie`), or gets 403. A
 * bearer token, when present, always wins, so bearer mode is unchanged.
 */
export function createSessionGuard(deps: SessionGuardDeps): (request: FastifyRequest) => Promise<void> {
  const { db, clock } = deps;
  const cookies = (deps.cookieSites?.length ?? 0) > 0;
  return async function requireSession(request: FastifyRequest): Promise<void> {
    const practice = practiceOf(request);
    let token = bearerToken(request);
    if (token === undefined && cookies) {
      token = sessionCookieToken(request);
      // R29: a session the browser attached by itself must prove the call is the widget's.
      if (token !== undefined) assertCookieCsrf(request);
    }
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
export function installSessionAuth(app: PortalApp, deps: SessionGuardDeps): void {
  app.decorateRequest('auth', null);
  app.decorate('requireSession', createSessionGuard(deps));
}
