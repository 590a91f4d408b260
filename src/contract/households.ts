import { Type, type Static } from '@sinclair/typebox';
import { ProfileKind, ProfilePermissions, Relationship } from './profiles.js';

// The admin side of profiles: who may act for whom. The clinician console lists households
// and links or unlinks guardians and partners; clients never see these shapes.

const Id = (description: string) => Type.Integer({ minimum: 1, description });

/** `POST /admin/profile-links` → 201: the live link just made. */
export const ProfileLink = Type.Object(
  {
    accountId: Id('The account that may now act for the profile.'),
    profileId: Id('The profile.'),
    relationship: Relationship,
    permissions: ProfilePermissions,
  },
  { $id: 'ProfileLink', additionalProperties: false },
);
export type ProfileLink = Static<typeof ProfileLink>;

/** One live link of an account, as the console shows it. */
export const HouseholdLink = Type.Object(
  {
    profileId: Id('The profile the account may act for.'),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    kind: ProfileKind,
    relationship: Relationship,
    permissions: ProfilePermissions,
  },
  { additionalProperties: false },
);
export type HouseholdLink = Static<typeof HouseholdLink>;

export const HouseholdAccount = Type.Object(
  {
    id: Id('The account id.'),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.String({ description: 'The sign-in address (admin side only).' }),
    links: Type.Array(HouseholdLink, { description: 'Live links only: self first, then by profile name.' }),
  },
  { additionalProperties: false },
);
export type HouseholdAccount = Static<typeof HouseholdAccount>;

/** A profile of the practice, so the console can offer it as a link target. */
export const HouseholdProfile = Type.Object(
  {
    id: Id('The profile id.'),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    kind: ProfileKind,
  },
  { additionalProperties: false },
);
export type HouseholdProfile = Static<typeof HouseholdProfile>;

/** `GET /admin/households`: every account of the practice with its live links, and every profile. */
export const Households = Type.Object(
  {
    accounts: Type.Array(HouseholdAccount, { description: 'By name, then id.' }),
    profiles: Type.Array(HouseholdProfile, { description: 'By name, then id.' }),
  },
  { $id: 'Households', additionalProperties: false },
);
export type Households = Static<typeof Households>;
