import type { FastifyRequest } from 'fastify';
import { LANGUAGES, type Language, type SessionCreated, type SessionInfo } from '../../src/contract/index.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { ApiError } from '../errors.js';
import { bearerToken } from '../plugins/admin-auth.js';
import { clientKey } from '../plugins/rate-limit.js';
import { appendAudit, type AuditAction, type AuditOutcome } from '../repos/audit.js';
import type { Account } from '../repos/clients.js';
import type { Practice } from '../repos/practices.js';
import { createSession, endSession, findSession, liveSessionsBeyond, type Session, type SignInMethod } from '../repos/sessions.js';
import type { PinHasher } from './pin-hash.js';
import { isTokenShaped, maskEmail, newToken, tokenHash } from './secrets.js';

/** What the sign-in code needs from the app. */
export interface AuthDeps {
  db: Db;
  clock: Clock;
  /**
   * Undefined when the app has no PIN pepper (production misconfigured): PIN and email-code
   * routes answer 503, and sign-in emails carry no code (R16).
   */
  pins: PinHasher | undefined;
}

/** Where a request came from, for budgets and the audit trail (R36: tenant, IP, Origin). */
export interface RequestMeta {
  ip: string;
  /** The budget key for this client: an IPv4 address or an IPv6 /64. */
  client: string;
  origin: string | null;
  /** The SHA-256 of a well-formed bearer token the request carried, if any (R8). */
  presentedTokenHash: string | undefined;
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  const token = bearerToken(request);
  return {
    ip: request.ip,
    client: clientKey(request.ip),
    origin: request.headers.origin ?? null,
    presentedTokenHash: token && isTokenShaped(token) ? tokenHash(token) : undefined,
  };
}

/** One audit event for a sign-in step: ids and codes only, never an address, token or PIN. */
export function auditAuth(
  deps: Pick<AuthDeps, 'db' | 'clock'>,
  practice: Practice,
  meta: RequestMeta,
  event: { action: AuditAction; outcome: AuditOutcome; accountId?: number | null; resourceType: string; resourceId?: number | null },
): void {
  appendAudit(deps.db, deps.clock, {
    practiceId: practice.id,
    actorAccountId: event.accountId ?? null,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId ?? null,
    outcome: event.outcome,
    ip: meta.ip,
    origin: meta.origin,
  });
}

/** 429 with Retry-After in whole seconds (at least 1) and the standard body. */
export function rateLimited(retryAfterMs: number): ApiError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ApiError(429, 'rate_limited', undefined, undefined, { 'retry-after': String(seconds) });
}

/** A language the portal speaks: the account's own, else the one asked for, else English. */
export function portalLanguage(...candidates: (string | undefined)[]): Language {
  for (const candidate of candidates) {
    if (candidate && (LANGUAGES as readonly string[]).includes(candidate)) return candidate as Language;
  }
  return 'en';
}

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
      auditAuth(deps, practice, meta, {
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
      auditAuth(deps, practice, meta, {
        action: 'session_ended',
        outcome: 'success',
        accountId,
        resourceType: 'session',
        resourceId: old.id,
      });
    }
  }
  auditAuth(deps, practice, meta, {
    action: 'authn_login_success',
    outcome: 'success',
    accountId,
    resourceType: 'session',
    resourceId: session.id,
  });
  return { token, session: sessionInfo(session, account) };
}
