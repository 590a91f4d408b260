import type { PinIssued, PinSignIn, SessionCreated } from '../../src/contract/index.js';
import { transaction } from '../db/transaction.js';
import { ApiError } from '../errors.js';
import type { OfficeActor } from '../office/actor.js';
import type { Account } from '../repos/clients.js';
import { claimPinAttempt, consumePin, issuePin, lockPin, PIN_MAX_ATTEMPTS } from '../repos/pins.js';
import type { Practice } from '../repos/practices.js';
import { clearPinFailures } from '../repos/throttles.js';
import { audit } from '../request/audit.js';
import type { RequestMeta } from '../request/meta.js';
import type { AuthDeps } from './deps.js';
import { generatePin, type PinHasher } from './pin-hash.js';
import { PIN_TTL_MS } from './policy.js';
import { addressKey } from './secrets.js';
import { signInWithSecret, type SecretStore } from './secret-check.js';

export { invalidCredentials } from './secret-check.js';

function hasherOf(deps: AuthDeps): PinHasher {
  if (!deps.pins) throw new ApiError(503, 'unavailable', 'PIN sign-in is not configured on this server (PIN_PEPPER).');
  return deps.pins;
}

/** Office-issued PINs, for signInWithSecret. */
const PINS: SecretStore = {
  resourceType: 'sign_in_pin',
  method: 'pin',
  maxAttempts: PIN_MAX_ATTEMPTS,
  claim: claimPinAttempt,
  consume: consumePin,
  lock: lockPin,
};

/** `POST /auth/pin` (R17–R24): see signInWithSecret for the order of checks. */
export async function signInWithPin(deps: AuthDeps, practice: Practice, body: PinSignIn, meta: RequestMeta): Promise<SessionCreated> {
  const pins = hasherOf(deps);
  return signInWithSecret({ ...deps, pins }, practice, { email: body.email, secret: body.pin }, meta, PINS);
}

/**
 * `POST /admin/pins` (R17–R19): a new uniformly random PIN, hashed with the pepper and a
 * fresh salt; the account's earlier PIN is voided in the same transaction. The address's
 * growing wait is cleared too: the office has just spoken to the client. The PIN itself is
 * returned once and stored nowhere.
 */
export async function issuePinFor(deps: AuthDeps, practice: Practice, account: Account, meta: RequestMeta, office?: OfficeActor): Promise<PinIssued> {
  const hasher = hasherOf(deps);
  const pin = generatePin();
  const { salt, hash, kdf } = await hasher.create(pin);
  const { db, clock } = deps;
  const issued = transaction(db, () => {
    const now = clock.now();
    const row = issuePin(db, now, { practiceId: practice.id, accountId: account.id, salt, hash, kdf, ttlMs: PIN_TTL_MS });
    clearPinFailures(db, addressKey(practice.id, account.email));
    audit(deps, { practice, meta, office }, {
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
