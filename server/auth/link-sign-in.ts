import type { Language, LinkPreview, LinkRequest, SessionCreated } from '../../src/contract/index.js';
import type { Db } from '../db/open.js';
import { transaction } from '../db/transaction.js';
import { ApiError, rateLimited, type ServerErrorCode } from '../errors.js';
import { portalLanguage } from '../language.js';
import { queueMail } from '../mail/queue.js';
import { renderSignInEmail, type RenderedEmail, type SignInEmailKind } from '../mail/sign-in-email.js';
import type { OfficeActor } from '../office/actor.js';
import { findAccountByEmail, findAccountById, normalizeEmail, type Account } from '../repos/clients.js';
import type { Practice } from '../repos/practices.js';
import { consumeLink, countLiveLinks, findLink, issueLink, linkState, type LinkStore } from '../repos/sign-in-links.js';
import { recordEvent, takeSlot, waitForSlot } from '../repos/throttles.js';
import { audit } from '../request/audit.js';
import type { RequestMeta } from '../request/meta.js';
import type { AuthDeps } from './deps.js';
import { newEmailCode } from './email-code.js';
import { signInLink, signInPage } from './link-url.js';
import { budgetKey, LINK_CHECKS_PER_CLIENT, LINK_EMAILS_PER_ADDRESS, LINK_REQUESTS_PER_CLIENT } from './policy.js';
import { addressKey, maskEmail, newToken, tokenHash } from './secrets.js';
import { startSession, type SessionSubject } from './session-start.js';

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

/** Someone a sign-in link may be for: a client account or a staff member. */
export interface LinkSubject {
  id: number;
  email: string;
  preferredLanguage: string;
}

/**
 * Who sign-in links are for, and everything that differs between them: clients sign in to the
 * portal, staff members to the console, with the same rules (R5–R12) in their own tables,
 * budgets and emails, so a client's link or session is never taken for a staff member's.
 */
export interface LinkAudience<S extends LinkSubject, Created> {
  links: LinkStore;
  /** The one who may sign in with this address; undefined for nobody *and* for anyone who may not (the same answer, R9). */
  findByEmail(db: Db, practiceId: number, address: string): S | undefined;
  findById(db: Db, practiceId: number, id: number): S | undefined;
  /** The page the link opens (R12), from the practice's configuration only; undefined when none is usable. */
  page(db: Db, practice: Practice, returnTo?: string): URL | undefined;
  /** The page with the token in its fragment (R7). */
  linkTo(page: URL, token: string): string;
  render(input: { kind: SignInEmailKind; practice: Practice; language: Language; url: string; code?: string; requestedAt: number }): RenderedEmail;
  budgets: {
    requests(practiceId: number, client: string): string;
    emails(addressKey: string): string;
    checks(practiceId: number, client: string): string;
  };
  /** Whether emails carry the fallback code (R16); the code is then hashed for every request alike. */
  emailCode: boolean;
  /** The audit trail's name for the subject and for its links. */
  who(id: number): SessionSubject;
  resourceType: string;
  startSession(deps: AuthDeps, practice: Practice, meta: RequestMeta, subject: S): Created;
}

/** Clients: the portal page, `#ml=`, the client budgets, and a client session. */
export const CLIENTS: LinkAudience<Account, SessionCreated> = {
  links: { issueLink, consumeLink, findLink, countLiveLinks },
  findByEmail: findAccountByEmail,
  findById: findAccountById,
  page: (_db, practice, returnTo) => signInPage(practice, returnTo),
  linkTo: signInLink,
  render: (input) => renderSignInEmail({ ...input, ttlSeconds: input.practice.linkTtlSeconds }),
  budgets: { requests: budgetKey.linkRequests, emails: budgetKey.linkEmails, checks: budgetKey.linkChecks },
  emailCode: true,
  who: (accountId) => ({ accountId }),
  resourceType: 'sign_in_link',
  startSession: (deps, practice, meta, account) => startSession(deps, practice, meta, account, 'link'),
};

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
  return requestLink(CLIENTS, deps, practice, body, meta);
}

/** requestSignInLink for either audience. */
export async function requestLink<S extends LinkSubject>(
  audience: LinkAudience<S, unknown>,
  deps: AuthDeps,
  practice: Practice,
  body: { email: string; language?: string; returnTo?: string },
  meta: RequestMeta,
): Promise<LinkRequestOutcome> {
  const { db, clock } = deps;
  const linkType = audience.resourceType;
  // The client's budget first, so a flood of requests is refused before any scrypt work.
  const perClient = transaction(db, () => {
    const slot = takeSlot(db, audience.budgets.requests(practice.id, meta.client), clock.now(), LINK_REQUESTS_PER_CLIENT);
    if (!slot.ok) audit(deps, { practice, meta }, { action: 'excess_rate_limit_exceeded', outcome: 'failure', resourceType: linkType });
    return slot;
  });
  if (!perClient.ok) throw rateLimited(perClient.retryAfterMs);
  // The fallback code (R16) is made and hashed for unknown addresses too, so they cost the same.
  const code = audience.emailCode ? await newEmailCode(deps) : undefined;
  const now = clock.now();
  const address = normalizeEmail(body.email);
  const account = audience.findByEmail(db, practice.id, address);
  const token = newToken();
  const hash = tokenHash(token);
  const page = audience.page(db, practice, body.returnTo);
  const language = portalLanguage(account?.preferredLanguage, body.language);
  const message = audience.render({
    kind: 'sign_in',
    practice,
    language,
    url: audience.linkTo(page ?? PLACEHOLDER_PAGE, token),
    code: code?.code,
    requestedAt: now,
  });

  return transaction(db, (): LinkRequestOutcome => {
    const addressBudget = audience.budgets.emails(addressKey(practice.id, address));
    const perAddress = takeSlot(db, addressBudget, now, LINK_EMAILS_PER_ADDRESS);
    const visible = {
      held: !perAddress.ok,
      resendAfterMs: perAddress.ok ? waitForSlot(db, addressBudget, now, LINK_EMAILS_PER_ADDRESS) : perAddress.retryAfterMs,
    };
    const outcome = (result: LinkRequestOutcome['result']): LinkRequestOutcome => ({ result, ...visible });
    if (!account) {
      audit(deps, { practice, meta }, { action: 'authn_token_created', outcome: 'failure', resourceType: linkType });
      return outcome('unknown_address');
    }
    if (!perAddress.ok) {
      audit(deps, { practice, meta }, {
        action: 'excess_rate_limit_exceeded',
        outcome: 'failure',
        ...audience.who(account.id),
        resourceType: 'sign_in_email',
      });
      return outcome('address_throttled');
    }
    if (!page) {
      audit(deps, { practice, meta }, { action: 'authn_token_created', outcome: 'failure', ...audience.who(account.id), resourceType: linkType });
      return outcome('no_portal_page');
    }
    const link = audience.links.issueLink(db, now, {
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
      ...audience.who(account.id),
      resourceType: linkType,
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
  if (!sendInvitationTo(CLIENTS, deps, practice, account, meta, office)) {
    throw new ApiError(409, 'conflict', 'The practice has no https portal page (portal_url) for sign-in links.');
  }
}

/** sendInvitation for either audience; false (and nothing sent) when the practice has no usable page to link to. */
export function sendInvitationTo<S extends LinkSubject>(
  audience: LinkAudience<S, unknown>,
  deps: AuthDeps,
  practice: Practice,
  subject: S,
  meta: RequestMeta,
  /** Who on the practice's side sent it, for the audit trail. */
  office?: OfficeActor,
): boolean {
  const { db, clock } = deps;
  const page = audience.page(db, practice);
  if (!page) return false;
  const now = clock.now();
  const token = newToken();
  const language = portalLanguage(subject.preferredLanguage);
  const message = audience.render({ kind: 'invitation', practice, language, url: audience.linkTo(page, token), requestedAt: now });
  return transaction(db, () => {
    const link = audience.links.issueLink(db, now, {
      practiceId: practice.id,
      accountId: subject.id,
      tokenHash: tokenHash(token),
      kind: 'invitation',
      ttlMs: practice.linkTtlSeconds * 1000,
    });
    recordEvent(db, audience.budgets.emails(addressKey(practice.id, subject.email)), now);
    queueMail(db, clock, { practiceId: practice.id, to: subject.email, language, ...message });
    const invited = audience.who(subject.id);
    audit(deps, { practice, meta, office }, {
      action: 'authn_token_created',
      outcome: 'success',
      // A staff member invited by someone of the office: the trail names who sent it (the
      // invitation's link id leads to the member); a client is named as the account.
      ...(office && 'staffId' in invited ? {} : invited),
      resourceType: 'invitation',
      resourceId: link.id,
    });
    return true;
  });
}

/** Takes one slot of the client's budget for checking links (R11), or throws 429. Inside a transaction. */
function takeCheckSlot(audience: LinkAudience<LinkSubject, unknown>, deps: AuthDeps, practice: Practice, meta: RequestMeta, now: number): void {
  const slot = takeSlot(deps.db, audience.budgets.checks(practice.id, meta.client), now, LINK_CHECKS_PER_CLIENT);
  if (slot.ok) return;
  audit(deps, { practice, meta }, { action: 'excess_rate_limit_exceeded', outcome: 'failure', resourceType: audience.resourceType });
  throw rateLimited(slot.retryAfterMs);
}

/**
 * `POST /auth/link/preview` (R7, R8): whose link this is, masked, without using it up, so the
 * widget can ask "Continue as j•••@example.com?" before anything happens.
 */
export function previewSignInLink(deps: AuthDeps, practice: Practice, token: string, meta: RequestMeta): LinkPreview {
  return previewLink(CLIENTS, deps, practice, token, meta);
}

/** previewSignInLink for either audience. */
export function previewLink<S extends LinkSubject>(
  audience: LinkAudience<S, unknown>,
  deps: AuthDeps,
  practice: Practice,
  token: string,
  meta: RequestMeta,
): LinkPreview {
  const { db, clock } = deps;
  const now = clock.now();
  const hash = tokenHash(token);
  return runCommittingRefusals(db, () => {
    takeCheckSlot(audience, deps, practice, meta, now);
    const link = audience.links.findLink(db, practice.id, hash);
    const state = link ? linkState(link, now) : 'invalid';
    const account = link && state === 'valid' ? audience.findById(db, practice.id, link.accountId) : undefined;
    audit(deps, { practice, meta }, {
      action: 'sensitive_read',
      outcome: account ? 'success' : 'failure',
      ...(link ? audience.who(link.accountId) : {}),
      resourceType: audience.resourceType,
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
  return redeemLink(CLIENTS, deps, practice, token, meta);
}

/** redeemSignInLink for either audience. */
export function redeemLink<S extends LinkSubject, Created>(
  audience: LinkAudience<S, Created>,
  deps: AuthDeps,
  practice: Practice,
  token: string,
  meta: RequestMeta,
): Created {
  const { db, clock } = deps;
  const now = clock.now();
  const hash = tokenHash(token);
  return runCommittingRefusals(db, () => {
    takeCheckSlot(audience, deps, practice, meta, now);
    const consumed = audience.links.consumeLink(db, now, practice.id, hash);
    const account = consumed && audience.findById(db, practice.id, consumed.accountId);
    if (consumed && account) {
      return audience.startSession(deps, practice, meta, account);
    }
    const link = audience.links.findLink(db, practice.id, hash);
    const state = link ? linkState(link, now) : 'invalid';
    const refused = state === 'valid' ? 'invalid' : state;
    audit(deps, { practice, meta }, {
      action: refused === 'used' ? 'authn_token_reuse' : 'authn_login_fail',
      outcome: 'failure',
      ...(link ? audience.who(link.accountId) : {}),
      resourceType: audience.resourceType,
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
