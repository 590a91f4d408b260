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
import { startSession, type SessionSubject } from './session-start.js';

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

/**
 * Whom a six-digit secret signs in, and what differs between them: clients (office PINs,
 * emailed codes) and staff members (emailed codes), each with their own budgets and sessions.
 */
export interface SecretSubjects<S extends { id: number }, Created> {
  findByEmail(db: Db, practiceId: number, address: string): S | undefined;
  /** The address's growing wait (R21), keyed by 64 hex characters. */
  streakKey(practiceId: number, address: string): string;
  /** The client's failed-check budget (R22). */
  failureBudget(practiceId: number, client: string): string;
  who(id: number): SessionSubject;
  startSession(deps: AuthDeps, practice: Practice, meta: RequestMeta, subject: S, method: SignInMethod): Created;
}

/** Clients: their accounts, the PIN budgets, a client session. */
const CLIENT_SECRETS: SecretSubjects<Account, SessionCreated> = {
  findByEmail: findAccountByEmail,
  streakKey: addressKey,
  failureBudget: budgetKey.pinFailures,
  who: (accountId) => ({ accountId }),
  startSession,
};

interface Admitted<S> {
  account: S | undefined;
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
  return signInWithSecretFor(CLIENT_SECRETS, deps, practice, input, meta, store);
}

/** signInWithSecret for clients or staff. */
export async function signInWithSecretFor<S extends { id: number }, Created>(
  subjects: SecretSubjects<S, Created>,
  deps: AuthDeps & { pins: PinHasher },
  practice: Practice,
  input: { email: string; secret: string },
  meta: RequestMeta,
  store: SecretStore,
): Promise<Created> {
  const { db, clock, pins: hasher } = deps;
  const address = normalizeEmail(input.email);
  const secret = normalizePin(input.secret);
  const streakKey = subjects.streakKey(practice.id, address);

  const now = clock.now();
  const admitted = transaction(db, (): Admitted<S> | { retryAfterMs: number } => {
    const perClient = takeSlot(db, subjects.failureBudget(practice.id, meta.client), now, PIN_FAILURES_PER_CLIENT);
    const streak = findPinFailureStreak(db, streakKey);
    const waitMs = streak ? streak.nextAllowedAt - now : 0;
    if (!perClient.ok || waitMs > 0) {
      if (perClient.ok) releaseSlot(db, perClient.eventId); // refused unchecked: not a failed check
      audit(deps, { practice, meta }, { action: 'excess_rate_limit_exceeded', outcome: 'failure', resourceType: store.resourceType });
      return { retryAfterMs: Math.max(perClient.ok ? 0 : perClient.retryAfterMs, waitMs) };
    }
    addPinFailure(db, streakKey, practice.id, now);
    const account = subjects.findByEmail(db, practice.id, address);
    const attempt = account && secret ? store.claim(db, now, practice.id, account.id) : undefined;
    return { account, attempt, failureSlot: perClient.eventId };
  });
  if ('retryAfterMs' in admitted) throw rateLimited(admitted.retryAfterMs);

  const { account, attempt } = admitted;
  const matches = attempt && secret ? await hasher.verify(secret, attempt.salt, attempt.hash, attempt.kdf) : await hasher.burn();

  const created = transaction(db, (): Created | undefined => {
    const at = clock.now();
    if (matches && attempt && account && store.consume(db, at, attempt.id)) {
      clearPinFailures(db, streakKey); // NIST 800-63B §5.2.2: forget the failures after a success
      releaseSlot(db, admitted.failureSlot);
      return subjects.startSession(deps, practice, meta, account, store.method);
    }
    if (attempt && attempt.attempt >= store.maxAttempts) store.lock(db, at, attempt.id);
    audit(deps, { practice, meta }, {
      action: 'authn_login_fail',
      outcome: 'failure',
      ...(account ? subjects.who(account.id) : {}),
      resourceType: store.resourceType,
      resourceId: attempt?.id,
    });
    return undefined;
  });
  if (created === undefined) throw invalidCredentials();
  return created;
}
