import type { PinIssued, PinSignIn, SessionCreated } from '../../src/contract/index.js';
import { transaction } from '../db/transaction.js';
import { ApiError } from '../errors.js';
import { findAccountByEmail, normalizeEmail, type Account } from '../repos/clients.js';
import { claimPinAttempt, consumePin, issuePin, lockPin, PIN_MAX_ATTEMPTS, type PinAttempt } from '../repos/pins.js';
import type { Practice } from '../repos/practices.js';
import { addPinFailure, clearPinFailures, findPinFailureStreak, releaseSlot, takeSlot } from '../repos/throttles.js';
import { auditAuth, rateLimited, sessionInfo, startSession, type AuthDeps, type RequestMeta } from './context.js';
import { generatePin, normalizePin, type PinHasher } from './pin-hash.js';
import { budgetKey, PIN_FAILURES_PER_CLIENT, PIN_TTL_MS } from './policy.js';
import { addressKey } from './secrets.js';

/** The one refusal for every way a PIN sign-in can fail (R24): same status, same bytes. */
export const invalidCredentials = () => new ApiError(401, 'invalid_credentials');

function hasherOf(deps: AuthDeps): PinHasher {
  if (!deps.pins) throw new ApiError(503, 'unavailable', 'PIN sign-in is not configured on this server (PIN_PEPPER).');
  return deps.pins;
}

interface Admitted {
  account: Account | undefined;
  attempt: PinAttempt | undefined;
  failureSlot: number;
}

/**
 * `POST /auth/pin` (R17–R24). In order:
 *  1. one write transaction decides, before any comparison, whether this guess may be made:
 *     the client's failed-check budget (R22) and the address's growing wait (R21) are both
 *     charged *in advance* as if it will fail, and the live PIN's attempt counter is
 *     incremented by the same conditional UPDATE that checks it (R20), so concurrent guesses
 *     find the budgets already spent and at most 5 comparisons ever happen per PIN;
 *  2. the scrypt comparison runs off the event loop; with nothing to compare (unknown email,
 *     no live PIN, locked, expired, malformed) the same hash is computed anyway (R24);
 *  3. a match uses the PIN up, gives both budget charges back and starts a session; a miss
 *     keeps them and voids the PIN after its fifth attempt. Every refusal is the same 401.
 */
export async function signInWithPin(deps: AuthDeps, practice: Practice, body: PinSignIn, meta: RequestMeta): Promise<SessionCreated> {
  const hasher = hasherOf(deps);
  const { db, clock } = deps;
  const address = normalizeEmail(body.email);
  const pin = normalizePin(body.pin);
  const streakKey = addressKey(practice.id, address);

  const now = clock.now();
  const admitted = transaction(db, (): Admitted | { retryAfterMs: number } => {
    const perClient = takeSlot(db, budgetKey.pinFailures(practice.id, meta.client), now, PIN_FAILURES_PER_CLIENT);
    const streak = findPinFailureStreak(db, streakKey);
    const waitMs = streak ? streak.nextAllowedAt - now : 0;
    if (!perClient.ok || waitMs > 0) {
      if (perClient.ok) releaseSlot(db, perClient.eventId); // refused unchecked: not a failed check
      auditAuth(deps, practice, meta, { action: 'excess_rate_limit_exceeded', outcome: 'failure', resourceType: 'sign_in_pin' });
      return { retryAfterMs: Math.max(perClient.ok ? 0 : perClient.retryAfterMs, waitMs) };
    }
    addPinFailure(db, streakKey, practice.id, now);
    const account = findAccountByEmail(db, practice.id, address);
    const attempt = account && pin ? claimPinAttempt(db, now, practice.id, account.id) : undefined;
    return { account, attempt, failureSlot: perClient.eventId };
  });
  if ('retryAfterMs' in admitted) throw rateLimited(admitted.retryAfterMs);

  const { account, attempt } = admitted;
  const matches = attempt && pin ? await hasher.verify(pin, attempt.salt, attempt.hash, attempt.kdf) : await hasher.burn();

  const created = transaction(db, (): SessionCreated | undefined => {
    const at = clock.now();
    if (matches && attempt && account && consumePin(db, at, attempt.id)) {
      clearPinFailures(db, streakKey); // NIST 800-63B §5.2.2: forget the failures after a success
      releaseSlot(db, admitted.failureSlot);
      const { token, session } = startSession(deps, practice, meta, account.id, 'pin');
      auditAuth(deps, practice, meta, {
        action: 'authn_login_success',
        outcome: 'success',
        accountId: account.id,
        resourceType: 'session',
        resourceId: session.id,
      });
      return { token, session: sessionInfo(session, account) };
    }
    if (attempt && attempt.attempt >= PIN_MAX_ATTEMPTS) lockPin(db, at, attempt.id);
    auditAuth(deps, practice, meta, {
      action: 'authn_login_fail',
      outcome: 'failure',
      accountId: account?.id,
      resourceType: 'sign_in_pin',
      resourceId: attempt?.id,
    });
    return undefined;
  });
  if (!created) throw invalidCredentials();
  return created;
}

/**
 * `POST /admin/pins` (R17–R19): a new uniformly random PIN, hashed with the pepper and a
 * fresh salt; the account's earlier PIN is voided in the same transaction. The address's
 * growing wait is cleared too: the office has just spoken to the client. The PIN itself is
 * returned once and stored nowhere.
 */
export async function issuePinFor(deps: AuthDeps, practice: Practice, account: Account, meta: RequestMeta): Promise<PinIssued> {
  const hasher = hasherOf(deps);
  const pin = generatePin();
  const { salt, hash, kdf } = await hasher.create(pin);
  const { db, clock } = deps;
  const issued = transaction(db, () => {
    const now = clock.now();
    const row = issuePin(db, now, { practiceId: practice.id, accountId: account.id, salt, hash, kdf, ttlMs: PIN_TTL_MS });
    clearPinFailures(db, addressKey(practice.id, account.email));
    auditAuth(deps, practice, meta, {
      action: 'authn_token_created',
      outcome: 'success',
      accountId: account.id,
      resourceType: 'sign_in_pin',
      resourceId: row.id,
    });
    return row;
  });
  return { pin, expiresAt: new Date(issued.expiresAt).toISOString() };
}
