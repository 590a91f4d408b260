import { Type } from '@sinclair/typebox';
import { Households, ProfileLink } from '../households.js';
import { PracticeParams } from '../info.js';
import { operation } from '../operation.js';
import { ProfileLinkRequest, ProfileList, ProfileSelection, ProfileUnlinkRequest } from '../profiles.js';
import { refTo } from '../ref.js';

// Whom a sign-in may act for (the `<profile-picker>`), and the office's side of those links.

export const listMyProfiles = operation({
  operationId: 'listMyProfiles',
  method: 'GET',
  path: '/p/:practice/me/profiles',
  permission: 'session',
  clientMethod: 'listProfiles',
  summary: 'The profiles this sign-in may act for',
  description:
    'Live links only, own profile first, then by name: the client, minors in their care, couples they are part of, ' +
    'each with what this sign-in may do for it. `selectedProfileId` is the profile this session last chose, while ' +
    'it may still act for it; otherwise null (e.g. after the office revoked the link, R42).',
  tags: ['profiles', 'phi'],
  params: PracticeParams,
  responses: { 200: refTo(ProfileList, 'The profiles, and the session’s choice.') },
});

export const selectMyProfile = operation({
  operationId: 'selectMyProfile',
  method: 'PUT',
  path: '/p/:practice/me/profiles/selected',
  permission: 'session',
  clientMethod: 'selectProfile',
  summary: 'Choose whom this session acts for',
  description:
    'Remembers the choice for this session only (other sign-ins of the same person keep theirs) and answers with the ' +
    'updated list. The choice grants nothing by itself: every profile-scoped request is checked on its own (R41). ' +
    'A profile this sign-in may not act for (unlinked, revoked, another practice’s, or none) is 404 `not_found`, ' +
    'and is recorded as `authz_fail`.',
  tags: ['profiles', 'phi'],
  params: PracticeParams,
  body: refTo(ProfileSelection),
  responses: {
    200: refTo(ProfileList, 'The profiles, with `selectedProfileId` set to the choice.'),
    404: '`not_found`: this sign-in may not act for that profile (unlinked, revoked, another practice’s, or no such profile), or no such practice.',
  },
});

export const listHouseholds = operation({
  operationId: 'listHouseholds',
  method: 'GET',
  path: '/p/:practice/admin/households',
  permission: 'office:read',
  clientMethod: null,
  summary: 'Every client account and whom it may act for',
  description:
    'Accounts by name with their live links (own profile first), and every profile of the practice so a console ' +
    'can offer link targets. Names and addresses of clients: the read is audited as `sensitive_read`.',
  tags: ['admin', 'phi'],
  params: PracticeParams,
  responses: { 200: refTo(Households, 'The households.') },
});

export const linkProfile = operation({
  operationId: 'linkProfile',
  method: 'POST',
  path: '/p/:practice/admin/profile-links',
  permission: 'office:write',
  clientMethod: null,
  summary: 'Let a client act for a profile',
  description:
    'Links the account with that address to the profile: `guardian` to a minor, `partner` to a couple, `self` to a ' +
    'self profile (partners act for the couple, never for each other’s own profile). Permissions left out are granted. ' +
    'Takes effect on the client’s next request.',
  tags: ['admin', 'phi'],
  params: PracticeParams,
  body: refTo(ProfileLinkRequest),
  responses: {
    201: refTo(ProfileLink, 'Linked.'),
    400: '`validation`: the body is not valid, or the relationship does not fit the profile’s kind (`fields.relationship` = `invalid`).',
    404: '`not_found`: no client of this practice has that address, or the practice has no such profile.',
    409: '`conflict`: the account already has a live link to the profile, or another account already has this self profile as its own.',
  },
});

export const revokeProfileLink = operation({
  operationId: 'revokeProfileLink',
  method: 'POST',
  path: '/p/:practice/admin/profile-links/revoke',
  permission: 'office:write',
  clientMethod: null,
  summary: 'Stop a client acting for a profile',
  description:
    'Revokes the live link (the row stays as a record). Sessions of that client lose the profile on their very next ' +
    'request, and a session that had chosen it reads `selectedProfileId: null` (R42).',
  tags: ['admin', 'phi'],
  params: PracticeParams,
  body: refTo(ProfileUnlinkRequest),
  responses: {
    204: Type.Null({ description: 'Revoked.' }),
    404: '`not_found`: no client of this practice has that address, or it has no live link to that profile.',
  },
});
