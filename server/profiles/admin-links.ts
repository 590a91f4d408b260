import type { ProfileLink, ProfileLinkRequest, ProfileUnlinkRequest } from '../../src/contract/index.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { transaction } from '../db/transaction.js';
import { ApiError, notFound } from '../errors.js';
import { forgetActingProfile } from '../repos/acting-profile.js';
import type { OfficeActor } from '../office/actor.js';
import type { AuditAction } from '../repos/audit.js';
import { findAccountByEmail, type Account } from '../repos/clients.js';
import type { Practice } from '../repos/practices.js';
import { audit } from '../request/audit.js';
import type { RequestMeta } from '../request/meta.js';
import { createLink, findLiveLinkId, findProfileById, hasOtherSelfLink, revokeLink } from '../repos/profile-links.js';
import { relationshipFits } from './link-rules.js';
import { fromContractPermissions, toContractPermissions } from './permissions.js';

export interface AdminLinkDeps {
  db: Db;
  clock: Clock;
}

const noAccount = () => notFound('No client of this practice has that address.');

function accountOrNotFound(db: Db, practice: Practice, email: string): Account {
  const account = findAccountByEmail(db, practice.id, email);
  if (!account) throw noAccount();
  return account;
}

/**
 * An office change to profile_access, for the audit trail (R36): the actor is the practice
 * (admin token, no account), the acting profile is the one linked or unlinked, the resource
 * the link row. Ids only; the address the office typed is never recorded.
 */
function auditLinkChange(
  deps: AdminLinkDeps,
  source: { practice: Practice; meta: RequestMeta; office?: OfficeActor },
  action: AuditAction,
  linkId: number,
  profileId: number,
) {
  audit(deps, source, { action, profileId, resourceType: 'profile_access', resourceId: linkId });
}

/**
 * `POST /admin/profile-links`: lets an account act for a profile. Refused when the account or
 * profile is not this practice's (404), when the relationship does not fit the profile's kind
 * (400, `fields.relationship`), when the link already exists, or when someone else already
 * holds the profile as their own (409: a self profile is one person's record).
 */
export function linkProfile(deps: AdminLinkDeps, practice: Practice, body: ProfileLinkRequest, meta: RequestMeta, office?: OfficeActor): ProfileLink {
  const { db, clock } = deps;
  return transaction(db, () => {
    const account = accountOrNotFound(db, practice, body.email);
    const profile = findProfileById(db, practice.id, body.profileId);
    if (!profile) throw notFound('No such profile at this practice.');
    if (!relationshipFits(profile.kind, body.relationship)) {
      throw new ApiError(400, 'validation', `A ${body.relationship} link cannot point at a ${profile.kind} profile.`, {
        relationship: 'invalid',
      });
    }
    if (findLiveLinkId(db, practice.id, account.id, profile.id) !== undefined) {
      throw new ApiError(409, 'conflict', 'The account already has a live link to this profile.');
    }
    if (body.relationship === 'self' && hasOtherSelfLink(db, practice.id, account.id, profile.id)) {
      throw new ApiError(409, 'conflict', 'Another account already has this profile as its own.');
    }
    const permissions = fromContractPermissions(body.permissions);
    const linkId = createLink(db, clock, {
      practiceId: practice.id,
      accountId: account.id,
      profileId: profile.id,
      relationship: body.relationship,
      permissions,
    });
    auditLinkChange(deps, { practice, meta, office }, 'sensitive_create', linkId, profile.id);
    return { accountId: account.id, profileId: profile.id, relationship: body.relationship, permissions: toContractPermissions(permissions) };
  });
}

/**
 * `POST /admin/profile-links/revoke` (R42): ends the live link. The account's sessions lose
 * the profile on their next request (authorization reads the link every time) and forget it
 * as their selection. 404 when there is no live link to revoke.
 */
export function unlinkProfile(deps: AdminLinkDeps, practice: Practice, body: ProfileUnlinkRequest, meta: RequestMeta, office?: OfficeActor): void {
  const { db, clock } = deps;
  transaction(db, () => {
    const account = accountOrNotFound(db, practice, body.email);
    const linkId = revokeLink(db, clock, practice.id, account.id, body.profileId);
    if (linkId === undefined) throw notFound('The account has no live link to that profile.');
    forgetActingProfile(db, practice.id, account.id, body.profileId);
    auditLinkChange(deps, { practice, meta, office }, 'sensitive_delete', linkId, body.profileId);
  });
}
