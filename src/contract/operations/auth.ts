import { Type } from '@sinclair/typebox';
import { InvitationRequest, InvitationSent, PinIssued, PinRequest } from '../admin.js';
import { EmailCodeSignIn, LinkPreview, LinkRequest, LinkRequested, LinkTokenBody, PinSignIn, SessionCreated, SessionInfo } from '../auth.js';
import { PracticeParams } from '../info.js';
import { operation } from '../operation.js';
import { refTo } from '../ref.js';

// Sign-in by emailed link, emailed code or office-issued PIN, the bearer session, and the
// office's side of sign-in (PINs, welcome emails).

const TOO_MANY = '`rate_limited`: over a sign-in budget for this client or address; wait `Retry-After` seconds.';
const LINK_REFUSALS = {
  404: "`link_invalid`: no such link at this practice (a mistyped token, or another practice's). `not_found`: no such practice.",
  409: '`link_used`: the link was already used. `link_superseded`: a newer link was sent since; only the newest works.',
  410: '`link_expired`: the link is older than its lifetime (24 hours by default).',
};
const SIGNED_IN = refTo(SessionCreated, 'Signed in.');
const NO_ACCOUNT = '`not_found`: no client of this practice has that address (or no such practice).';

export const requestSignInLink = operation({
  operationId: 'requestSignInLink',
  method: 'POST',
  path: '/p/:practice/auth/link',
  permission: 'public',
  clientMethod: 'requestSignInLink',
  summary: 'Email a sign-in link',
  description:
    'Always 202 with the same body, whether or not the address belongs to a client of the practice (R9). ' +
    'For a known address, the newest link supersedes every earlier one (R6) and works once for 24 hours; ' +
    'the link opens `returnTo` when its origin is on the practice allow-list, otherwise the practice portal page, ' +
    'and carries its token in the URL fragment (`#ml=…`). An address gets at most one email a minute and five an hour: ' +
    'a request past that is answered `held` (no email leaves, for any address alike) with `resendAfterSeconds`; ' +
    'a client at most 50 requests an hour (then 429).',
  tags: ['auth'],
  params: PracticeParams,
  body: refTo(LinkRequest),
  responses: { 202: refTo(LinkRequested, 'Queued, if the address is known. Nothing tells whether it was.'), 429: TOO_MANY },
});

export const previewSignInLink = operation({
  operationId: 'previewSignInLink',
  method: 'POST',
  path: '/p/:practice/auth/link/preview',
  permission: 'public',
  clientMethod: 'previewSignInLink',
  summary: 'Whose sign-in link this is, without using it',
  description:
    'The masked address the link would sign in, so the page can ask "Continue as j•••@example.com?" first (R7, R8). ' +
    'Uses nothing up. Counts towards the 30 link checks per client per 5 minutes (R11).',
  tags: ['auth', 'phi'],
  params: PracticeParams,
  body: refTo(LinkTokenBody),
  responses: { 200: refTo(LinkPreview, 'The link is valid now.'), ...LINK_REFUSALS, 429: TOO_MANY },
});

export const redeemSignInLink = operation({
  operationId: 'redeemSignInLink',
  method: 'POST',
  path: '/p/:practice/auth/link/redeem',
  permission: 'public',
  clientMethod: 'redeemSignInLink',
  summary: 'Sign in with an emailed link',
  description:
    'Uses the link up (once, atomically: of concurrent calls exactly one succeeds, R5) and starts a session. ' +
    'A session the request carries is ended first (R8). Counts towards the 30 link checks per client per 5 minutes (R11).',
  tags: ['auth', 'phi'],
  params: PracticeParams,
  body: refTo(LinkTokenBody),
  responses: { 201: SIGNED_IN, ...LINK_REFUSALS, 429: TOO_MANY },
});

export const signInWithPin = operation({
  operationId: 'signInWithPin',
  method: 'POST',
  path: '/p/:practice/auth/pin',
  permission: 'public',
  clientMethod: 'signInWithPin',
  summary: 'Sign in with email and the PIN the office gave',
  description:
    'Spaces in the PIN are ignored. One answer, 401 `invalid_credentials`, for an unknown address and a wrong, ' +
    'malformed, expired, used or locked PIN (R24). A PIN is void after 5 checks (R20). After a failure the address ' +
    'waits 30 s, doubling up to an hour, before the next check (R21); a client gets 20 failed checks an hour (R22). ' +
    'Both answer 429 with `Retry-After`.',
  tags: ['auth', 'phi'],
  params: PracticeParams,
  body: refTo(PinSignIn),
  responses: {
    201: SIGNED_IN,
    401: '`invalid_credentials`: the email and PIN were not accepted (the one answer for every reason).',
    429: TOO_MANY,
    503: '`unavailable`: briefly unavailable, or PIN sign-in is not configured on this server.',
  },
});

export const signInWithEmailCode = operation({
  operationId: 'signInWithEmailCode',
  method: 'POST',
  path: '/p/:practice/auth/email-code',
  permission: 'public',
  clientMethod: 'signInWithEmailCode',
  summary: 'Sign in with email and the code from the sign-in email',
  description:
    'The fallback for a link a mail scanner broke (R16): the six-digit code printed in the newest sign-in email. ' +
    'It works once, while its link does (24 hours, newest email only); using it uses the link up, and using the link ' +
    'voids it. Spaces are ignored. One answer, 401 `invalid_credentials`, for every refusal (R24). A code is void after ' +
    '5 checks (R20); failed checks share the PIN budgets: the address waits 30 s, doubling up to an hour (R21), and a ' +
    'client gets 20 failed checks an hour (R22); both answer 429 with `Retry-After`.',
  tags: ['auth', 'phi'],
  params: PracticeParams,
  body: refTo(EmailCodeSignIn),
  responses: {
    201: SIGNED_IN,
    401: '`invalid_credentials`: the email and code were not accepted (the one answer for every reason).',
    429: TOO_MANY,
    503: '`unavailable`: briefly unavailable, or sign-in codes are not configured on this server.',
  },
});

export const getSession = operation({
  operationId: 'getSession',
  method: 'GET',
  path: '/p/:practice/auth/session',
  permission: 'session',
  clientMethod: 'getSession',
  summary: 'The current session',
  description: 'Who is signed in (masked) and when the session ends. Counts as activity: the idle timer restarts (R31).',
  tags: ['auth', 'phi'],
  params: PracticeParams,
  responses: { 200: refTo(SessionInfo, 'The session, its idle deadline just moved.') },
});

export const signOut = operation({
  operationId: 'signOut',
  method: 'DELETE',
  path: '/p/:practice/auth/session',
  permission: 'session',
  clientMethod: 'signOut',
  summary: 'Sign out',
  description: 'Ends the session on the server; the token is refused from now on (R34).',
  tags: ['auth'],
  params: PracticeParams,
  responses: { 204: Type.Null({ description: 'Signed out.' }) },
});

export const issuePin = operation({
  operationId: 'issuePin',
  method: 'POST',
  path: '/p/:practice/admin/pins',
  permission: 'office:write',
  clientMethod: null,
  summary: 'Issue a sign-in PIN for a client',
  description:
    'A new random six-digit PIN for the office to read to the client by phone. It works once, for 72 hours, ' +
    'and voids the earlier PIN of the account (R17, R18). The server keeps only a peppered scrypt hash (R19).',
  tags: ['admin'],
  params: PracticeParams,
  body: refTo(PinRequest),
  responses: { 201: refTo(PinIssued, 'The PIN, shown this once.'), 404: NO_ACCOUNT },
});

export const sendInvitation = operation({
  operationId: 'sendInvitation',
  method: 'POST',
  path: '/p/:practice/admin/invitations',
  permission: 'office:write',
  clientMethod: null,
  summary: 'Send a client the welcome email',
  description:
    "The welcome email, in the client's language, with a sign-in link to the practice portal page. The link is " +
    'like any other: it works once for 24 hours and supersedes earlier links (R6).',
  tags: ['admin'],
  params: PracticeParams,
  body: refTo(InvitationRequest),
  responses: {
    202: refTo(InvitationSent, 'Queued.'),
    404: NO_ACCOUNT,
    409: '`conflict`: the practice has no https portal page to link to (`portalUrl`).',
  },
});
