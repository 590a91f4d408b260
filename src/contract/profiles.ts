import { Type, type Static } from '@sinclair/typebox';
import { EmailAddress } from './auth.js';

/** Whom care is for: the client themselves, a minor in their care, or a couple they are part of. */
export const ProfileKind = Type.Union([Type.Literal('self'), Type.Literal('minor'), Type.Literal('couple')]);
export type ProfileKind = Static<typeof ProfileKind>;

/** How the signed-in account is linked to the profile. Partners act for the couple, never for each other. */
export const Relationship = Type.Union([Type.Literal('self'), Type.Literal('guardian'), Type.Literal('partner')]);
export type Relationship = Static<typeof Relationship>;

const permissionFields = {
  book: Type.Boolean({ description: 'Request, cancel and reschedule appointments.' }),
  sign: Type.Boolean({ description: 'Sign documents and fill in forms.' }),
  upload: Type.Boolean({ description: 'Upload files for the clinician.' }),
  view: Type.Boolean({ description: 'View documents, files and appointments.' }),
};

// Schemas only ever nested in others carry no $id: @fastify/swagger would list them as
// components that nothing references (redocly's no-unused-components).
export const ProfilePermissions = Type.Object(permissionFields, { additionalProperties: false });
export type ProfilePermissions = Static<typeof ProfilePermissions>;

/** Positive integer ids, as strings in paths. */
const ProfileId = Type.Integer({ minimum: 1, description: 'A profile id, as `GET me/profiles` lists it.' });

export const Profile = Type.Object(
  {
    id: ProfileId,
    kind: ProfileKind,
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    relationship: Relationship,
    permissions: ProfilePermissions,
  },
  { additionalProperties: false, description: 'A profile as this sign-in may act for it.' },
);
export type Profile = Static<typeof Profile>;

export const ProfileList = Type.Object(
  {
    profiles: Type.Array(Profile, { description: 'Self first, then by name.' }),
    selectedProfileId: Type.Union([ProfileId, Type.Null()], {
      description: 'The profile this session last chose to act for, while it may still act for it; otherwise null.',
    }),
  },
  { $id: 'ProfileList', additionalProperties: false },
);
export type ProfileList = Static<typeof ProfileList>;

export const ProfileSelection = Type.Object({ profileId: ProfileId }, { $id: 'ProfileSelection', additionalProperties: false });
export type ProfileSelection = Static<typeof ProfileSelection>;

/** The path parameters of every route under `/p/:practice/profiles/:profileId`. */
export const ProfileParams = Type.Object(
  {
    practice: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'The practice slug in the endpoint URL.' }),
    profileId: Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'The acting profile; the server checks on every request that this sign-in may act for it (R41).' }),
  },
  { additionalProperties: false },
);
export type ProfileParams = Static<typeof ProfileParams>;

/**
 * Admin: link an account (by email) to a profile. The relationship must fit the profile's
 * kind: `self` → a self profile, `guardian` → a minor, `partner` → a couple (partners act for
 * the couple, never for each other's own profile); otherwise 400 with `fields.relationship`.
 */
export const ProfileLinkRequest = Type.Object(
  {
    email: EmailAddress,
    profileId: ProfileId,
    relationship: Relationship,
    permissions: Type.Optional(
      Type.Partial(Type.Object(permissionFields, { additionalProperties: false }), {
        description: 'Permissions to turn off (or on); each one left out is granted.',
      }),
    ),
  },
  { $id: 'ProfileLinkRequest', additionalProperties: false },
);
export type ProfileLinkRequest = Static<typeof ProfileLinkRequest>;

export const ProfileUnlinkRequest = Type.Object(
  { email: EmailAddress, profileId: ProfileId },
  { $id: 'ProfileUnlinkRequest', additionalProperties: false },
);
export type ProfileUnlinkRequest = Static<typeof ProfileUnlinkRequest>;
