import type { SessionCreated } from '../../src/contract/index.js';
import type { Db } from '../db/open.js';
import { transaction } from '../db/transaction.js';
import { ApiError, rateLimited } from '../errors.js';
import { findAccountByEmail, normalizeEmail, type Account } from '../repos/clients.js';
import type { Practice } from '../repos/practices.js';
import type { SignInMethod } from '../repos/sessions.js';
import { addPinFailure, clearPinFailures, findPinFailureStreak, releaseSlot, takeSlot } from '../repos/throttles.js';
import { audit } from '../request/audit.js';
import type { RequestMeta } from '../request/meta.js';
import type { AuthDeps } from './deps.js';
import { normalizePin, type PinHasher } from './pin-hash.js';
import { budgetKey, PIN_FAILURES_PER_CLIENT } from './policy.js';
import { addressKey } from './secrets.js';
import { startSession } from './session-start.js';

/** The one refusal for every way a PIN or emailed-code sign-in can fail (R24): same status, same bytes. */
export const invalidCredentials = () => new ApiError(401, 'invalid_credentials');

/** One live secret's hash material, handed out by `claim` for one comparison. */
export interface SecretAttempt {
  id: number;
  salt: Buffer;
  hash: Buffer;
  /** The recipe the hash was made with. */
  kdf: string;
  /** This attempt's number, 1 … maxAttempts. */
  attempt: number;
}

/** Where a kind of six-digit secret (an office PIN, an emailed code) lives. */
export interface SecretStore {
  /** For the audit trail: `sign_in_pin`, `sign_in_code`. */
  resourceType: string;
  method: SignInMethod;
  /** The secret is void after this many checks (R20). */
  maxAttempts: number;
  /** Counts one attempt against the account's live secret before it is compared (R20), atomically. */
  claim(db: Db, now: number, practiceId: number, accountId: number): SecretAttempt | undefined;
  /** Uses the secret up once it matched; false when it was used, voided or expired meanwhile. */
  consume(db: Db, now: number, id: number): boolean;
  /** Voids the secret after its last failed attempt. */
  lock(db: Db, now: number, id: number): void;
}

interface Admitted {
  account: Account | undefined;
  attempt: SecretAttempt | undefined;
  failureSlot: number;
}

/**
 * Email + six-digit secret → session (R17–R24). PINs and emailed codes share it, and share
 * the client's failed-check budget (R22) and the address's growing wait (R21). In order:
 *  1. one write transaction decides, before any comparison, whether this guess may be made:
 *     both budgets are charged *in advance* as if it will fail, and the live secret's attempt
 *     counter is incremented by the same conditional UPDATE that checks it (R20), so
 *     concurrent guesses find the budgets already spent and at most 5 comparisons happen;
 *  2. the scrypt comparison runs off the event loop; with nothing to compare (unknown email,
 *     no live secret, locked, expired, malformed) the same hash is computed anyway (R24);
 *  3. a match uses the secret up, gives both budget charges back and starts a session; a
 *     miss keeps them and voids the secret after its last attempt. Every refusal is one 401.
 */
export async function signInWithSecret(
  deps: AuthDeps & { pins: PinHasher },
  practice: Practice,
  input: { email: string; secret: string },
  meta: RequestMeta,
  store: SecretStore,
): Promise<SessionCreated> {
  const { db, clock, pins: hasher } = deps;
  const address = normalizeEmail(input.email);
  const secret = normalizePin(input.secret);
  const streakKey = addressKey(practice.id, address);

  const now = clock.now();
  const admitted = transaction(db, (): Admitted | { retryAfterMs: number } => {
    const perClient = takeSlot(db, budgetKey.pinFailures(practice.id, meta.client), now, PIN_FAILURES_PER_CLIENT);
    const streak = findPinFailureStreak(db, streakKey);
    const waitMs = streak ? streak.nextAllowedAt - now : 0;
    if (!perClient.ok || waitMs > 0) {
      if (perClient.ok) releaseSlot(db, perClient.eventId); // refused unchecked: not a failed check
      audit(deps, { practice, meta }, { action: 'excess_rate_limit_exceeded', outcome: 'failure', resourceType: store.resourceType });
      return { retryAfterMs: Math.max(perClient.ok ? 0 : perClient.retryAfterMs, waitMs) };
    }
    addPinFailure(db, streakKey, practice.id, now);
    const account = findAccountByEmail(db, practice.id, address);
    const attempt = account && secret ? store.claim(db, now, practice.id, account.id) : undefined;
    return { account, attempt, failureSlot: perClient.eventId };
  });
  if ('retryAfterMs' in admitted) throw rateLimited(admitted.retryAfterMs);

  const { account, attempt } = admitted;
  const matches = attempt && secret ? await hasher.verify(secret, attempt.salt, attempt.hash, attempt.kdf) : await hasher.burn();

  const created = transaction(db, (): SessionCreated | undefined => {
    const at = clock.now();
    if (matches && attempt && account && store.consume(db, at, attempt.id)) {
      clearPinFailures(db, streakKey); // NIST 800-63B §5.2.2: forget the failures after a success
      releaseSlot(db, admitted.failureSlot);
      return startSession(deps, practice, meta, account, store.method);
    }
    if (attempt && attempt.attempt >= store.maxAttempts) store.lock(db, at, attempt.id);
    audit(deps, { practice, meta }, {
      action: 'authn_login_fail',
      outcome: 'failure',
      accountId: account?.id,
      resourceType: store.resourceType,
      resourceId: attempt?.id,
    });
    return undefined;
  });
  if (!created) throw invalidCredentials();
  return created;
}
