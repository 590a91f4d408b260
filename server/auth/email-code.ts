import type { EmailCodeSignIn, SessionCreated } from '../../src/contract/index.js';
import { ApiError } from '../errors.js';
import { claimCodeAttempt, CODE_MAX_ATTEMPTS, consumeByCode, lockCode } from '../repos/email-codes.js';
import type { Practice } from '../repos/practices.js';
import type { RequestMeta } from '../request/meta.js';
import type { AuthDeps } from './deps.js';
import { generatePin } from './pin-hash.js';
import { signInWithSecret, type SecretStore } from './secret-check.js';

/** Codes from sign-in emails (R16), for signInWithSecret: a code sign-in is a link sign-in. */
const CODES: SecretStore = {
  resourceType: 'sign_in_code',
  method: 'link',
  maxAttempts: CODE_MAX_ATTEMPTS,
  claim: claimCodeAttempt,
  consume: consumeByCode,
  lock: lockCode,
};

export interface EmailCode {
  /** The six digits, for the email only: never stored, logged or returned. */
  code: string;
  stored: { salt: Buffer; hash: Buffer; kdf: string };
}

/**
 * A new uniformly random code (R17) and its peppered scrypt hash (R19), made for *every* link
 * request, known address or not, so both cost the same (R9). Undefined without a pepper: the
 * email then carries the link alone.
 */
export async function newEmailCode(deps: AuthDeps): Promise<EmailCode | undefined> {
  if (!deps.pins) return undefined;
  const code = generatePin();
  return { code, stored: await deps.pins.create(code) };
}

/**
 * `POST /auth/email-code` (R16, R20–R24): the code from the newest sign-in email, with the
 * address it went to. Works once, while the link does; using it uses the link up.
 */
export async function signInWithEmailCode(
  deps: AuthDeps,
  practice: Practice,
  body: EmailCodeSignIn,
  meta: RequestMeta,
): Promise<SessionCreated> {
  if (!deps.pins) throw new ApiError(503, 'unavailable', 'Sign-in codes are not configured on this server (PIN_PEPPER).');
  return signInWithSecret({ ...deps, pins: deps.pins }, practice, { email: body.email, secret: body.code }, meta, CODES);
}
