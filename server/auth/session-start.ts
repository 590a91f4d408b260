import type { SessionCreated, SessionInfo } from '../../src/contract/index.js';
import { portalLanguage } from '../language.js';
import type { Account } from '../repos/clients.js';
import type { Practice } from '../repos/practices.js';
import { createSession, endSession, findSession, liveSessionsBeyond, touchSession, type Session, type SessionStore, type SignInMethod } from '../repos/sessions.js';
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

const CLIENT_SESSIONS: SessionStore = { createSession, touchSession, findSession, endSession, liveSessionsBeyond };

/** Who a session is for, in the audit trail: a client account or a staff member. */
export type SessionSubject = { accountId: number } | { staffId: number };

/**
 * Opens a session after a successful sign-in, inside the caller's transaction, in `store`
 * (clients' or staff members' sessions): a session the request already carried is ended first
 * (R8: a fresh id at every sign-in, and no login CSRF riding on an old one), then a new 256-bit
 * token is made; only its hash is stored (R14). Past `maxLive` sessions the oldest end (R40).
 * The success is audited last, after any session it ended.
 */
export function openSession(
  deps: Pick<AuthDeps, 'db' | 'clock'>,
  practice: Practice,
  meta: RequestMeta,
  input: { store: SessionStore; subjectId: number; who: SessionSubject; method: SignInMethod; maxLive: number; resourceType: string },
): { token: string; session: Session } {
  const { db, clock } = deps;
  const { store, subjectId, who, resourceType } = input;
  const now = clock.now();
  if (meta.presentedTokenHash) {
    const previous = store.findSession(db, practice.id, meta.presentedTokenHash);
    if (previous && store.endSession(db, now, previous.id, 'replaced')) {
      const previousWho = 'staffId' in who ? { staffId: previous.accountId } : { accountId: previous.accountId };
      audit(deps, { practice, meta }, { action: 'session_ended', outcome: 'success', ...previousWho, resourceType, resourceId: previous.id });
    }
  }
  const token = newToken();
  const session = store.createSession(db, now, {
    practiceId: practice.id,
    accountId: subjectId,
    tokenHash: tokenHash(token),
    method: input.method,
    idleTimeoutSeconds: practice.idleTimeoutSeconds,
    absoluteTimeoutSeconds: practice.absoluteTimeoutSeconds,
  });
  // R40: a new sign-in never fails for being one too many (a client on a new phone must get
  // in); the oldest of the subject's sessions is ended instead, and says so when next used.
  for (const old of store.liveSessionsBeyond(db, now, practice.id, subjectId, input.maxLive)) {
    if (store.endSession(db, now, old.id, 'replaced')) {
      audit(deps, { practice, meta }, { action: 'session_ended', outcome: 'success', ...who, resourceType, resourceId: old.id });
    }
  }
  audit(deps, { practice, meta }, { action: 'authn_login_success', outcome: 'success', ...who, resourceType, resourceId: session.id });
  return { token, session };
}

/** Starts a client's session after a successful sign-in (see openSession). */
export function startSession(
  deps: Pick<AuthDeps, 'db' | 'clock'>,
  practice: Practice,
  meta: RequestMeta,
  account: Account,
  method: SignInMethod,
): SessionCreated {
  const { token, session } = openSession(deps, practice, meta, {
    store: CLIENT_SESSIONS,
    subjectId: account.id,
    who: { accountId: account.id },
    method,
    maxLive: MAX_LIVE_SESSIONS_PER_ACCOUNT,
    resourceType: 'session',
  });
  return { token, session: sessionInfo(session, account) };
}
