import { Type } from '@sinclair/typebox';
import { LinkPreview, LinkTokenBody } from '../auth.js';
import { PracticeParams } from '../info.js';
import { operation } from '../operation.js';
import { refTo } from '../ref.js';
import {
  ApiKeyCreated,
  ApiKeyList,
  ApiKeyParams,
  NewApiKey,
  NewStaffMember,
  OfficeMe,
  StaffCodeSignIn,
  StaffLinkRequest,
  StaffLinkRequested,
  StaffList,
  StaffMember,
  StaffMemberCreated,
  StaffMemberUpdate,
  StaffParams,
  StaffSessionCreated,
} from '../staff.js';

// The practice's side: staff sign in to the console with an emailed link (the clients' rules,
// in tables of their own), owners manage staff and API keys.

const TOO_MANY = '`rate_limited`: over a sign-in budget for this client or address; wait `Retry-After` seconds.';
const LINK_REFUSALS = {
  404: "`link_invalid`: no such link at this practice (a mistyped token, or another practice's). `not_found`: no such practice.",
  409: '`link_used`: the link was already used. `link_superseded`: a newer link was sent since; only the newest works.',
  410: '`link_expired`: the link is older than its lifetime (24 hours by default).',
};

export const staffSignInRequestLink = operation({
  operationId: 'staffSignInRequestLink',
  method: 'POST',
  path: '/p/:practice/admin/auth/link',
  permission: 'public',
  clientMethod: null,
  summary: 'Email a staff member a console sign-in link',
  description:
    'Always 202 with the same body, whether or not the address belongs to an active staff member of the practice (R9). ' +
    "For a staff member, the newest link supersedes every earlier one (R6), works once for the practice's link lifetime, " +
    "and opens the practice's console page with its token in the URL fragment (`#staff-token=…`). An address gets at most " +
    'one email a minute and five an hour (then `held`); a client at most 50 requests an hour (then 429).',
  tags: ['auth', 'admin'],
  params: PracticeParams,
  body: refTo(StaffLinkRequest),
  responses: { 202: refTo(StaffLinkRequested, 'Queued, if the address is a staff member. Nothing tells whether it was.'), 429: TOO_MANY },
});

export const staffSignInPreviewLink = operation({
  operationId: 'staffSignInPreviewLink',
  method: 'POST',
  path: '/p/:practice/admin/auth/link/preview',
  permission: 'public',
  clientMethod: null,
  summary: 'Whose console sign-in link this is, without using it',
  description: 'The masked address the link would sign in (R7, R8). Uses nothing up. Counts towards 30 link checks per client per 5 minutes (R11).',
  tags: ['auth', 'admin'],
  params: PracticeParams,
  body: refTo(LinkTokenBody),
  responses: { 200: refTo(LinkPreview, 'The link is valid now.'), ...LINK_REFUSALS, 429: TOO_MANY },
});

export const staffSignInRedeemLink = operation({
  operationId: 'staffSignInRedeemLink',
  method: 'POST',
  path: '/p/:practice/admin/auth/link/redeem',
  permission: 'public',
  clientMethod: null,
  summary: 'Sign in to the console with an emailed link',
  description:
    "Uses the link up (once, atomically, R5) and starts a console session with the practice's idle and absolute timeouts. " +
    'A staff session the request carries is ended first (R8); a member holds at most 5 sessions (the oldest ends, R40). ' +
    'Counts towards 30 link checks per client per 5 minutes (R11).',
  tags: ['auth', 'admin'],
  params: PracticeParams,
  body: refTo(LinkTokenBody),
  responses: { 201: refTo(StaffSessionCreated, 'Signed in.'), ...LINK_REFUSALS, 429: TOO_MANY },
});

export const staffSignInWithCode = operation({
  operationId: 'staffSignInWithCode',
  method: 'POST',
  path: '/p/:practice/admin/auth/email-code',
  permission: 'public',
  clientMethod: null,
  summary: 'Sign in to the console with the code from the sign-in email',
  description:
    'The fallback for a link a mail scanner broke (R16): the six-digit code in the newest console sign-in email. It works once, ' +
    'while its link does; using it uses the link up. One answer, 401 `invalid_credentials`, for every refusal (R24). A code is ' +
    'void after 5 checks (R20); after a failure the address waits 30 s, doubling up to an hour (R21), and a client gets 20 failed ' +
    'checks an hour (R22): both 429 with `Retry-After`.',
  tags: ['auth', 'admin'],
  params: PracticeParams,
  body: refTo(StaffCodeSignIn),
  responses: {
    201: refTo(StaffSessionCreated, 'Signed in.'),
    401: '`invalid_credentials`: the email and code were not accepted (the one answer for every reason).',
    429: TOO_MANY,
    503: '`unavailable`: briefly unavailable, or sign-in codes are not configured on this server.',
  },
});

export const staffSignOut = operation({
  operationId: 'staffSignOut',
  method: 'DELETE',
  path: '/p/:practice/admin/session',
  permission: 'office:read',
  clientMethod: null,
  summary: 'Sign out of the console',
  description: "Ends the caller's staff session on the server; its token is refused from now on (R34). An API key has no session: 400.",
  tags: ['admin'],
  params: PracticeParams,
  responses: { 204: Type.Null({ description: 'Signed out.' }), 400: '`validation`: the credential is not a staff session (an API key).' },
});

export const getOfficeMe = operation({
  operationId: 'getOfficeMe',
  method: 'GET',
  path: '/p/:practice/admin/me',
  permission: 'office:read',
  clientMethod: null,
  summary: 'Who the office credential is',
  description: 'The signed-in staff member (or an API key, or the development token) and what it may do. Counts as activity (R31).',
  tags: ['admin'],
  params: PracticeParams,
  responses: { 200: refTo(OfficeMe, 'The caller.') },
});

export const listStaff = operation({
  operationId: 'listStaff',
  method: 'GET',
  path: '/p/:practice/admin/staff',
  permission: 'office:owner',
  clientMethod: null,
  summary: "The practice's staff",
  description: 'Every staff member, active or not, by name.',
  tags: ['admin'],
  params: PracticeParams,
  responses: { 200: refTo(StaffList, 'The staff.') },
});

export const createStaff = operation({
  operationId: 'createStaff',
  method: 'POST',
  path: '/p/:practice/admin/staff',
  permission: 'office:owner',
  clientMethod: null,
  summary: 'Add a staff member',
  description:
    'Adds the member and emails them a console sign-in link as an invitation (when the practice has a console page). ' +
    'A member of role `clinician` names a clinician of this practice, who has at most one member.',
  tags: ['admin'],
  params: PracticeParams,
  body: refTo(NewStaffMember),
  responses: {
    201: refTo(StaffMemberCreated, 'Added.'),
    400: '`validation`: a `clinician` member without `clinicianId`.',
    404: '`not_found`: no such clinician at this practice.',
    409: '`conflict`: a staff member with that address, or of that clinician, exists.',
  },
});

export const updateStaff = operation({
  operationId: 'updateStaff',
  method: 'PATCH',
  path: '/p/:practice/admin/staff/:staffId',
  permission: 'office:owner',
  clientMethod: null,
  summary: 'Change a staff member',
  description:
    'Name, role, clinician, language, notifications, active. Deactivating ends the member\'s sessions and links at once. ' +
    'The last active owner cannot be demoted or deactivated (409).',
  tags: ['admin'],
  params: StaffParams,
  body: refTo(StaffMemberUpdate),
  responses: {
    200: refTo(StaffMember, 'Changed.'),
    400: '`validation`: a `clinician` member without `clinicianId`.',
    404: '`not_found`: no such staff member or clinician at this practice.',
    409: '`conflict`: the last active owner, or the clinician already has a member.',
  },
});

export const listApiKeys = operation({
  operationId: 'listApiKeys',
  method: 'GET',
  path: '/p/:practice/admin/api-keys',
  permission: 'office:owner',
  clientMethod: null,
  summary: "The practice's API keys",
  description: 'Every key, revoked or not, without its secret.',
  tags: ['admin'],
  params: PracticeParams,
  responses: { 200: refTo(ApiKeyList, 'The keys.') },
});

export const createApiKey = operation({
  operationId: 'createApiKey',
  method: 'POST',
  path: '/p/:practice/admin/api-keys',
  permission: 'office:owner',
  clientMethod: null,
  summary: 'Make an API key',
  description: 'A new key (`cpk_` and 32 random bytes), shown this once; the server keeps only its SHA-256 and first 12 characters.',
  tags: ['admin'],
  params: PracticeParams,
  body: refTo(NewApiKey),
  responses: { 201: refTo(ApiKeyCreated, 'The key, with its secret shown this once.') },
});

export const revokeApiKey = operation({
  operationId: 'revokeApiKey',
  method: 'DELETE',
  path: '/p/:practice/admin/api-keys/:keyId',
  permission: 'office:owner',
  clientMethod: null,
  summary: 'Revoke an API key',
  description: 'The key is refused (401) from the next request on. Revoking a revoked key changes nothing.',
  tags: ['admin'],
  params: ApiKeyParams,
  responses: { 204: Type.Null({ description: 'Revoked.' }), 404: '`not_found`: no such key at this practice.' },
});
