import type { LinkPreview, LinkRequest, SessionCreated } from '../../src/contract/index.js';
import { transaction } from '../db/transaction.js';
import { ApiError, rateLimited, type ServerErrorCode } from '../errors.js';
import { portalLanguage } from '../language.js';
import { queueMail } from '../mail/queue.js';
import type { OfficeActor } from '../office/actor.js';
import { renderSignInEmail } from '../mail/sign-in-email.js';
import { findAccountByEmail, findAccountById, normalizeEmail, type Account } from '../repos/clients.js';
import type { Practice } from '../repos/practices.js';
import { consumeLink, findLink, issueLink, linkState } from '../repos/sign-in-links.js';
import { recordEvent, takeSlot, waitForSlot } from '../repos/throttles.js';
import { audit } from '../request/audit.js';
import type { RequestMeta } from '../request/meta.js';
import type { AuthDeps } from './deps.js';
import { newEmailCode } from './email-code.js';
import { signInLink, signInPage } from './link-url.js';
import { budgetKey, LINK_CHECKS_PER_CLIENT, LINK_EMAILS_PER_ADDRESS, LINK_REQUESTS_PER_CLIENT } from './policy.js';
import { addressKey, maskEmail, newToken, tokenHash } from './secrets.js';
import { startSession } from './session-start.js';

/** Rendered when the practice has no usable portal page, so that path costs the same too. */
const PLACEHOLDER_PAGE = new URL('https://portal.invalid/');

/** The refusal for each state of a link that cannot be used. */
const LINK_ERRORS: Record<'used' | 'superseded' | 'expired' | 'invalid', { status: number; code: ServerErrorCode }> = {
  used: { status: 409, code: 'link_used' },
  superseded: { status: 409, code: 'link_superseded' },
  expired: { status: 410, code: 'link_expired' },
  invalid: { status: 404, code: 'link_invalid' },
};

const linkError = (state: keyof typeof LINK_ERRORS) => new ApiError(LINK_ERRORS[state].status, LINK_ERRORS[state].code);

export interface LinkRequestOutcome {
  /** What happened, for logs and tests; never visible to the caller (R9). */
  result: 'sent' | 'unknown_address' | 'address_throttled' | 'no_portal_page';
  /**
   * What the caller may know, decided by the address's email budget alone, which known and
   * unknown addresses spend alike: whether this request was held back by it, and how long
   * until another one would not be.
   */
  held: boolean;
  resendAfterMs: number;
}

/**
 * `POST /auth/link` (R6, R9, R10, R12). The caller always gets the same 202 unless this
 * client is over its request budget (429, decided first). Known and unknown addresses then do
 * the same work: a code is hashed, a token made and hashed, the email rendered, the address
 * budget taken and one audit event written in one write transaction; only a known address then
 * supersedes old links, stores the new one and queues the email in that transaction.
 * The email's fallback code (R16) is stored as a hash on the link's row.
 */
export async function requestSignInLink(
  deps: AuthDeps,
  practice: Practice,
  body: LinkRequest,
  meta: RequestMeta,
): Promise<LinkRequestOutcome> {
  const { db, clock } = deps;
  // The client's budget first, so a flood of requests is refused before any scrypt work.
  const perClient = transaction(db, () => {
    const slot = takeSlot(db, budgetKey.linkRequests(practice.id, meta.client), clock.now(), LINK_REQUESTS_PER_CLIENT);
    if (!slot.ok) audit(deps, { practice, meta }, { action: 'excess_rate_limit_exceeded', outcome: 'failure', resourceType: 'sign_in_link' });
    return slot;
  });
  if (!perClient.ok) throw rateLimited(perClient.retryAfterMs);
  // The fallback code (R16) is made and hashed for unknown addresses too, so they cost the same.
  const code = await newEmailCode(deps);
  const now = clock.now();
  const address = normalizeEmail(body.email);
  const account = findAccountByEmail(db, practice.id, address);
  const token = newToken();
  const hash = tokenHash(token);
  const page = signInPage(practice, body.returnTo);
  const language = portalLanguage(account?.preferredLanguage, body.language);
  const message = renderSignInEmail({
    kind: 'sign_in',
    practice,
    language,
    url: signInLink(page ?? PLACEHOLDER_PAGE, token),
    code: code?.code,
    requestedAt: now,
    ttlSeconds: practice.linkTtlSeconds,
  });

  return transaction(db, (): LinkRequestOutcome => {
    const addressBudget = budgetKey.linkEmails(addressKey(practice.id, address));
    const perAddress = takeSlot(db, addressBudget, now, LINK_EMAILS_PER_ADDRESS);
    const visible = {
      held: !perAddress.ok,
      resendAfterMs: perAddress.ok ? waitForSlot(db, addressBudget, now, LINK_EMAILS_PER_ADDRESS) : perAddress.retryAfterMs,
    };
    const outcome = (result: LinkRequestOutcome['result']): LinkRequestOutcome => ({ result, ...visible });
    if (!account) {
      audit(deps, { practice, meta }, { action: 'authn_token_created', outcome: 'failure', resourceType: 'sign_in_link' });
      return outcome('unknown_address');
    }
    if (!perAddress.ok) {
      audit(deps, { practice, meta }, {
        action: 'excess_rate_limit_exceeded',
        outcome: 'failure',
        accountId: account.id,
        resourceType: 'sign_in_email',
      });
      return outcome('address_throttled');
    }
    if (!page) {
      audit(deps, { practice, meta }, { action: 'authn_token_created', outcome: 'failure', accountId: account.id, resourceType: 'sign_in_link' });
      return outcome('no_portal_page');
    }
    const link = issueLink(db, now, {
      practiceId: practice.id,
      accountId: account.id,
      tokenHash: hash,
      kind: 'sign_in',
      ttlMs: practice.linkTtlSeconds * 1000,
      code: code?.stored,
    });
    queueMail(db, clock, { practiceId: practice.id, to: account.email, language, ...message });
    audit(deps, { practice, meta }, {
      action: 'authn_token_created',
      outcome: 'success',
      accountId: account.id,
      resourceType: 'sign_in_link',
      resourceId: link.id,
    });
    return outcome('sent');
  });
}

/**
 * The office's welcome email (`POST /admin/invitations`): a sign-in link to the practice's
 * portal page like any other, so it supersedes older links (R6). It counts towards the
 * address's email budget but is not refused by it: the office asked on purpose.
 */
export function sendInvitation(deps: AuthDeps, practice: Practice, account: Account, meta: RequestMeta, office?: OfficeActor): void {
  const { db, clock } = deps;
  const page = signInPage(practice);
  if (!page) throw new ApiError(409, 'conflict', 'The practice has no https portal page (portal_url) for sign-in links.');
  const now = clock.now();
  const token = newToken();
  const language = portalLanguage(account.preferredLanguage);
  const message = renderSignInEmail({
    kind: 'invitation',
    practice,
    language,
    url: signInLink(page, token),
    requestedAt: now,
    ttlSeconds: practice.linkTtlSeconds,
  });
  transaction(db, () => {
    const link = issueLink(db, now, {
      practiceId: practice.id,
      accountId: account.id,
      tokenHash: tokenHash(token),
      kind: 'invitation',
      ttlMs: practice.linkTtlSeconds * 1000,
    });
    recordEvent(db, budgetKey.linkEmails(addressKey(practice.id, account.email)), now);
    queueMail(db, clock, { practiceId: practice.id, to: account.email, language, ...message });
    audit(deps, { practice, meta, office }, {
      action: 'authn_token_created',
      outcome: 'success',
      accountId: account.id,
      resourceType: 'invitation',
      resourceId: link.id,
    });
  });
}

/** Takes one slot of the client's budget for checking links (R11), or throws 429. Inside a transaction. */
function takeCheckSlot(deps: AuthDeps, practice: Practice, meta: RequestMeta, now: number): void {
  const slot = takeSlot(deps.db, budgetKey.linkChecks(practice.id, meta.client), now, LINK_CHECKS_PER_CLIENT);
  if (slot.ok) return;
  audit(deps, { practice, meta }, { action: 'excess_rate_limit_exceeded', outcome: 'failure', resourceType: 'sign_in_link' });
  throw rateLimited(slot.retryAfterMs);
}

/**
 * `POST /auth/link/preview` (R7, R8): whose link this is, masked, without using it up, so the
 * widget can ask "Continue as j•••@example.com?" before anything happens.
 */
export function previewSignInLink(deps: AuthDeps, practice: Practice, token: string, meta: RequestMeta): LinkPreview {
  const { db, clock } = deps;
  const now = clock.now();
  const hash = tokenHash(token);
  return runCommittingRefusals(db, () => {
    takeCheckSlot(deps, practice, meta, now);
    const link = findLink(db, practice.id, hash);
    const state = link ? linkState(link, now) : 'invalid';
    const account = link && state === 'valid' ? findAccountById(db, practice.id, link.accountId) : undefined;
    audit(deps, { practice, meta }, {
      action: 'sensitive_read',
      outcome: account ? 'success' : 'failure',
      accountId: link?.accountId,
      resourceType: 'sign_in_link',
      resourceId: link?.id,
    });
    if (!account) return linkError(state === 'valid' ? 'invalid' : state);
    return { maskedEmail: maskEmail(account.email) };
  });
}

/**
 * `POST /auth/link/redeem` (R5, R8): one conditional UPDATE uses the link; exactly one changed
 * row means this request won and gets the session. Otherwise the link is read again only to
 * say why: used (`authn_token_reuse` in the trail), superseded, expired, or unknown here.
 */
export function redeemSignInLink(deps: AuthDeps, practice: Practice, token: string, meta: RequestMeta): SessionCreated {
  const { db, clock } = deps;
  const now = clock.now();
  const hash = tokenHash(token);
  return runCommittingRefusals(db, () => {
    takeCheckSlot(deps, practice, meta, now);
    const consumed = consumeLink(db, now, practice.id, hash);
    const account = consumed && findAccountById(db, practice.id, consumed.accountId);
    if (consumed && account) {
      return startSession(deps, practice, meta, account, 'link');
    }
    const link = findLink(db, practice.id, hash);
    const state = link ? linkState(link, now) : 'invalid';
    const refused = state === 'valid' ? 'invalid' : state;
    audit(deps, { practice, meta }, {
      action: refused === 'used' ? 'authn_token_reuse' : 'authn_login_fail',
      outcome: 'failure',
      accountId: link?.accountId,
      resourceType: 'sign_in_link',
      resourceId: link?.id,
    });
    return linkError(refused);
  });
}

/**
 * Runs `fn` in one write transaction that commits even when the answer is a refusal: `fn`
 * *returns* its ApiError (so the budget slot and the audit event it wrote are kept), and it
 * is thrown after the commit. An ApiError *thrown* inside (a 429) also keeps the writes
 * before it; anything else rolls back.
 */
function runCommittingRefusals<T>(db: AuthDeps['db'], fn: () => T | ApiError): T {
  let thrown: ApiError | undefined;
  const result = transaction(db, () => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof ApiError) {
        thrown = err;
        return err;
      }
      throw err;
    }
  });
  if (thrown) throw thrown;
  if (result instanceof ApiError) throw result;
  return result;
}
