import type { ProfileKind, Relationship } from '../repos/clients.js';

/**
 * The one relationship each kind of profile accepts. A partner acts for the couple profile
 * and never for the other partner's own profile; a guardian acts for a minor; a self link
 * is the client's own profile. Anything else would let one adult read another's record.
 */
const RELATIONSHIP_FOR_KIND: Readonly<Record<ProfileKind, Relationship>> = {
  self: 'self',
  minor: 'guardian',
  couple: 'partner',
};

export function relationshipFits(kind: ProfileKind, relationship: Relationship): boolean {
  return RELATIONSHIP_FOR_KIND[kind] === relationship;
}
