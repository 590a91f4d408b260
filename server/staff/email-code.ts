import { createHash } from 'node:crypto';
import type { StaffCodeSignIn, StaffSessionCreated } from '../../src/contract/staff.js';
import type { AuthDeps } from '../auth/deps.js';
import { signInWithSecretFor, type SecretStore, type SecretSubjects } from '../auth/secret-check.js';
import { ApiError } from '../errors.js';
import { CODE_MAX_ATTEMPTS, staffCodes } from '../repos/email-codes.js';
import type { Practice } from '../repos/practices.js';
import { findActiveStaffByEmail, type StaffMember } from '../repos/staff.js';
import type { RequestMeta } from '../request/meta.js';
import { startStaffSession } from './session-start.js';

/** Codes in console sign-in emails (R16): on the staff link's row, as the clients' are on theirs. */
const STAFF_CODES: SecretStore = {
  resourceType: 'staff_sign_in_code',
  method: 'link',
  maxAttempts: CODE_MAX_ATTEMPTS,
  claim: staffCodes.claimCodeAttempt,
  consume: staffCodes.consumeByCode,
  lock: staffCodes.lockCode,
};

/** "This address at this practice, as staff": the clients' addressKey with its own namespace, so the two waits never mix. */
export const staffAddressKey = (practiceId: number, address: string) =>
  createHash('sha256').update(`staff\n${practiceId}\n${address}`, 'utf8').digest('hex');

/** Staff members for signInWithSecretFor: active members only; the clients' limits (R20–R22), counted apart. */
const STAFF_SECRETS: SecretSubjects<StaffMember, StaffSessionCreated> = {
  findByEmail: findActiveStaffByEmail,
  streakKey: staffAddressKey,
  failureBudget: (practiceId, client) => `staff-code-failures:${practiceId}:${client}`,
  who: (staffId) => ({ staffId }),
  startSession: (deps, practice, meta, staff) => startStaffSession(deps, practice, meta, staff),
};

/**
 * `POST /admin/auth/email-code` (R16, R20–R24): the code from the newest console sign-in
 * email, with the address it went to. Works once, while the link does; using it uses the link up.
 */
export async function staffSignInWithCode(deps: AuthDeps, practice: Practice, body: StaffCodeSignIn, meta: RequestMeta): Promise<StaffSessionCreated> {
  if (!deps.pins) throw new ApiError(503, 'unavailable', 'Sign-in codes are not configured on this server (PIN_PEPPER).');
  return signInWithSecretFor(STAFF_SECRETS, { ...deps, pins: deps.pins }, practice, { email: body.email, secret: body.code }, meta, STAFF_CODES);
}
