import type { Profile, ProfilePermissions } from '../../src/contract/index.js';
import type { AccessibleProfile, Permissions } from '../repos/clients.js';

// The protocol names permissions by what they allow (`book`, `sign`, `upload`, `view`); the
// database by column (`can_book`, …). These two functions are the only place they meet.

export function toContractPermissions(p: Permissions): ProfilePermissions {
  return { book: p.canBook, sign: p.canSign, upload: p.canUpload, view: p.canView };
}

/** Each permission left out of a link request is granted: the office turns rights off, not on. */
export function fromContractPermissions(p: Partial<ProfilePermissions> = {}): Permissions {
  return { canBook: p.book ?? true, canSign: p.sign ?? true, canUpload: p.upload ?? true, canView: p.view ?? true };
}

/** A profile as the signed-in account may act for it, in protocol form (no practice id, no language). */
export function toContractProfile(p: AccessibleProfile): Profile {
  return {
    id: p.id,
    kind: p.kind,
    displayName: p.displayName,
    relationship: p.relationship,
    permissions: toContractPermissions(p.permissions),
  };
}
