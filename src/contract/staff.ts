import { Type, type Static } from '@sinclair/typebox';
import { EmailAddress } from './auth.js';
import { Language, PracticeParams } from './info.js';
import { refTo } from './ref.js';

// The practice's side: staff sign-in to the console, staff management and API keys (owners).

const Id = (description: string) => Type.Integer({ minimum: 1, description });
const PathId = (description: string) => Type.String({ pattern: '^[1-9][0-9]{0,15}$', description });
const Instant = (description: string) => Type.String({ format: 'date-time', description });
const NullableInstant = (description: string) => Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description });

export const StaffRole = Type.Union([Type.Literal('owner'), Type.Literal('clinician'), Type.Literal('office')], {
  description:
    '`owner`: everything, including staff, API keys, webhooks and settings. `office`: reads and acts for every client. ' +
    '`clinician`: reads and acts for their own clients only.',
});
export type StaffRole = Static<typeof StaffRole>;

export const ApiKeyScope = Type.Union([Type.Literal('read'), Type.Literal('write'), Type.Literal('webhooks')], {
  description: 'What a key may do: `read` office data, `write` (act on requests, forms, files), manage `webhooks`. Never staff or keys.',
});
export type ApiKeyScope = Static<typeof ApiKeyScope>;

export const StaffLinkRequest = Type.Object(
  { email: EmailAddress, language: Type.Optional(Language) },
  { $id: 'StaffLinkRequest', additionalProperties: false },
);
export type StaffLinkRequest = Static<typeof StaffLinkRequest>;

export const StaffLinkRequested = Type.Object(
  {
    status: Type.Union([Type.Literal('sent'), Type.Literal('held')], {
      description:
        '`sent`: the request counted, and an email leaves if the address belongs to an active staff member. `held`: this address was ' +
        'sent a link moments ago (at most one a minute, five an hour), so no email leaves now, for any address alike (R9, R10).',
    }),
    resendAfterSeconds: Type.Integer({ minimum: 0, description: "When another link may be asked for this address, from the address's budget." }),
    emailCode: Type.Boolean({
      description: 'Whether the email also carries a six-digit code for POST /admin/auth/email-code (R16): a server-wide setting, the same for every address.',
    }),
  },
  { $id: 'StaffLinkRequested', additionalProperties: false, description: 'The same answer whether or not the address is a staff member (R9).' },
);
export type StaffLinkRequested = Static<typeof StaffLinkRequested>;

export const StaffCodeSignIn = Type.Object(
  {
    email: EmailAddress,
    code: Type.String({ minLength: 1, maxLength: 32, description: 'The six digits from the newest console sign-in email; spaces are ignored.' }),
  },
  { $id: 'StaffCodeSignIn', additionalProperties: false },
);
export type StaffCodeSignIn = Static<typeof StaffCodeSignIn>;

/** The signed-in staff member, as the console shows them. */
export const StaffSelf = Type.Object(
  {
    id: Id('The staff member.'),
    name: Type.String(),
    email: Type.String(),
    role: StaffRole,
    clinicianId: Type.Union([Id('The clinician this member is.'), Type.Null()]),
    language: Language,
  },
  { $id: 'StaffSelf', additionalProperties: false },
);
export type StaffSelf = Static<typeof StaffSelf>;

export const StaffSessionInfo = Type.Object(
  {
    idleTimeoutSeconds: Type.Integer({ minimum: 1 }),
    idleExpiresAt: Instant('When the session ends without activity (R31).'),
    expiresAt: Instant('Absolute end of the session (R32).'),
  },
  { $id: 'StaffSessionInfo', additionalProperties: false },
);
export type StaffSessionInfo = Static<typeof StaffSessionInfo>;

export const StaffSessionCreated = Type.Object(
  {
    token: Type.String({ description: 'Opaque bearer token for the office routes; send as `Authorization: Bearer …`. Keep it in memory.' }),
    staff: refTo(StaffSelf),
    session: refTo(StaffSessionInfo),
  },
  { $id: 'StaffSessionCreated', additionalProperties: false },
);
export type StaffSessionCreated = Static<typeof StaffSessionCreated>;

export const OfficeMe = Type.Object(
  {
    kind: Type.Union([Type.Literal('staff'), Type.Literal('api_key'), Type.Literal('dev_token')]),
    staff: Type.Union([refTo(StaffSelf), Type.Null()], { description: 'The staff member; null for an API key or the development token.' }),
    permissions: Type.Array(Type.String(), { description: '`office:read`, `office:write`, `office:webhooks`, `office:owner`: what this credential may do.' }),
  },
  { $id: 'OfficeMe', additionalProperties: false },
);
export type OfficeMe = Static<typeof OfficeMe>;

export const StaffMember = Type.Object(
  {
    id: Id('The staff member.'),
    name: Type.String(),
    email: Type.String(),
    role: StaffRole,
    clinicianId: Type.Union([Id('The clinician this member is.'), Type.Null()]),
    language: Language,
    notify: Type.Boolean({ description: 'Whether this member gets the notification emails.' }),
    active: Type.Boolean({ description: 'A deactivated member cannot sign in; their sessions ended.' }),
    createdAt: Instant('When the member was added.'),
  },
  { $id: 'StaffMember', additionalProperties: false },
);
export type StaffMember = Static<typeof StaffMember>;

export const StaffList = Type.Object({ staff: Type.Array(refTo(StaffMember)) }, { $id: 'StaffList', additionalProperties: false });
export type StaffList = Static<typeof StaffList>;

const StaffName = Type.String({ minLength: 1, maxLength: 200 });

export const NewStaffMember = Type.Object(
  {
    email: EmailAddress,
    name: StaffName,
    role: StaffRole,
    clinicianId: Type.Optional(Id('Required for role `clinician`: the clinician of this practice the member is.')),
    language: Language,
  },
  { $id: 'NewStaffMember', additionalProperties: false },
);
export type NewStaffMember = Static<typeof NewStaffMember>;

export const StaffMemberCreated = Type.Object(
  {
    staff: refTo(StaffMember),
    invitation: Type.Union([Type.Literal('sent'), Type.Literal('no_console_url')], {
      description: '`sent`: a sign-in link was emailed to the member. `no_console_url`: the practice has no console page to link to yet.',
    }),
  },
  { $id: 'StaffMemberCreated', additionalProperties: false },
);
export type StaffMemberCreated = Static<typeof StaffMemberCreated>;

export const StaffMemberUpdate = Type.Object(
  {
    name: Type.Optional(StaffName),
    role: Type.Optional(StaffRole),
    clinicianId: Type.Optional(Type.Union([Id('The clinician this member is.'), Type.Null()])),
    language: Type.Optional(Language),
    notify: Type.Optional(Type.Boolean()),
    active: Type.Optional(Type.Boolean()),
  },
  { $id: 'StaffMemberUpdate', additionalProperties: false, minProperties: 1 },
);
export type StaffMemberUpdate = Static<typeof StaffMemberUpdate>;

export const StaffParams = Type.Object(
  { ...PracticeParams.properties, staffId: PathId('A staff member of this practice.') },
  { additionalProperties: false },
);
export type StaffParams = Static<typeof StaffParams>;

export const ApiKeySummary = Type.Object(
  {
    id: Id('The key.'),
    name: Type.String(),
    prefix: Type.String({ description: 'The first characters of the key, to tell keys apart; not enough to use it.' }),
    scopes: Type.Array(ApiKeyScope),
    createdAt: Instant('When the key was made.'),
    lastUsedAt: NullableInstant('When the key was last used (to the minute).'),
    revokedAt: NullableInstant('When the key was revoked; a revoked key is refused.'),
  },
  { $id: 'ApiKeySummary', additionalProperties: false },
);
export type ApiKeySummary = Static<typeof ApiKeySummary>;

export const ApiKeyList = Type.Object({ keys: Type.Array(refTo(ApiKeySummary)) }, { $id: 'ApiKeyList', additionalProperties: false });
export type ApiKeyList = Static<typeof ApiKeyList>;

export const NewApiKey = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'What the key is for, e.g. "EHR sync".' }),
    scopes: Type.Array(ApiKeyScope, { minItems: 1, maxItems: 3, uniqueItems: true }),
  },
  { $id: 'NewApiKey', additionalProperties: false },
);
export type NewApiKey = Static<typeof NewApiKey>;

export const ApiKeyCreated = Type.Object(
  {
    key: refTo(ApiKeySummary),
    secret: Type.String({ description: 'The key itself (`cpk_…`), shown this once: the server keeps only its SHA-256.' }),
  },
  { $id: 'ApiKeyCreated', additionalProperties: false },
);
export type ApiKeyCreated = Static<typeof ApiKeyCreated>;

export const ApiKeyParams = Type.Object(
  { ...PracticeParams.properties, keyId: PathId('An API key of this practice.') },
  { additionalProperties: false },
);
export type ApiKeyParams = Static<typeof ApiKeyParams>;
