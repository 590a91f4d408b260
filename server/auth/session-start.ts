import type { SessionCreated, SessionInfo } from '../../src/contract/index.js';
import { portalLanguage } from '../language.js';
import type { Account } from '../repos/clients.js';
import type { Practice } from '../repos/practices.js';
import { createSession, endSession, findSession, liveSessionsBeyond, type Session, type SignInMethod } from '../repos/sessions.js';
import { audit } from '../request/audit.js';
import type { RequestMeta } from '../request/meta.js';
import type { AuthDeps } from './deps.js';
import { maskEmail, newToken, tokenHash } from './secrets.js';

export function sessionInfo(session: Session, account: Pick<Account, 'email' | 'preferredLanguage'>): SessionInfo {
  return {
    maskedEmail: maskEmail(account.email),
    language: portalLanguage(account.preferredLanguage),
    idleTimeoutSeconds: session.idleTimeoutSeconds,
    idleExpiresAt: new Date(session.idleExpiresAt).toISOString(),
    expiresAt: new Date(session.expiresAt).toISOString(),
  };
}

/** At most this many signed-in browsers per account and practice at once (R40; README, "Embedding"). */
export const MAX_LIVE_SESSIONS_PER_ACCOUNT = 5;

/**
 * Starts a session after a successful sign-in, inside the caller's transaction: a session
 * the request already carried is ended first (R8: a fresh id at every sign-in, and no login
 * CSRF riding on an old one), then a new 256-bit token is made; only its hash is stored (R14).
 * The success is audited last, after any session it ended.
 */
export function startSession(
  deps: Pick<AuthDeps, 'db' | 'clock'>,
  practice: Practice,
  meta: RequestMeta,
  account: Account,
  method: SignInMethod,
): SessionCreated {
  const { db, clock } = deps;
  const accountId = account.id;
  const now = clock.now();
  if (meta.presentedTokenHash) {
    const previous = findSession(db, practice.id, meta.presentedTokenHash);
    if (previous && endSession(db, now, previous.id, 'replaced')) {
      audit(deps, { practice, meta }, {
        action: 'session_ended',
        outcome: 'success',
        accountId: previous.accountId,
        resourceType: 'session',
        resourceId: previous.id,
      });
    }
  }
  const token = newToken();
  const session = createSession(db, now, {
    practiceId: practice.id,
    accountId,
    tokenHash: tokenHash(token),
    method,
    idleTimeoutSeconds: practice.idleTimeoutSeconds,
    absoluteTimeoutSeconds: practice.absoluteTimeoutSeconds,
  });
  // R40: a new sign-in never fails for being one too many (a client on a new phone must get
  // in); the oldest of the account's sessions is ended instead, and says so when next used.
  for (const old of liveSessionsBeyond(db, now, practice.id, accountId, MAX_LIVE_SESSIONS_PER_ACCOUNT)) {
    if (endSession(db, now, old.id, 'replaced')) {
      audit(deps, { practice, meta }, {
        action: 'session_ended',
        outcome: 'success',
        accountId,
        resourceType: 'session',
        resourceId: old.id,
      });
    }
  }
  audit(deps, { practice, meta }, {
    action: 'authn_login_success',
    outcome: 'success',
    accountId,
    resourceType: 'session',
    resourceId: session.id,
  });
  return { token, session: sessionInfo(session, account) };
}
