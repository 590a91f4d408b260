import { Type, type Static } from '@sinclair/typebox';
import { EmailAddress } from './auth.js';
import { Language } from './info.js';

/**
 * A practice's configuration as the admin side sees it (the clinician console, tests).
 * It holds no secrets: the admin token and SMTP credentials are server configuration.
 */
export const PracticeSettings = Type.Object(
  {
    slug: Type.String({ description: 'The practice slug in the endpoint URL.' }),
    name: Type.String(),
    phone: Type.String({ description: 'E.164.' }),
    phoneDisplay: Type.String(),
    timeZone: Type.String({ description: 'IANA time zone.' }),
    languages: Type.Array(Language),
    allowedOrigins: Type.Array(Type.String(), {
      description: 'Exact origins (scheme://host:port) whose pages may call this endpoint from a browser.',
    }),
    portalUrl: Type.Union([Type.String(), Type.Null()], {
      description: "The practice's page holding <portal-signin>; emailed sign-in links point there.",
    }),
    senderName: Type.String(),
    senderAddress: Type.String(),
    cancellationWindowHours: Type.Integer({ minimum: 0 }),
    uploadMaxBytes: Type.Integer({ minimum: 1 }),
    uploadQuotaBytes: Type.Integer({ minimum: 1 }),
    idleTimeoutSeconds: Type.Integer({ minimum: 1, description: 'Server-side idle session expiry (R31).' }),
    absoluteTimeoutSeconds: Type.Integer({ minimum: 1, description: 'Server-side absolute session expiry (R32).' }),
    linkTtlSeconds: Type.Integer({ minimum: 1, description: 'Lifetime of an emailed sign-in link.' }),
  },
  { $id: 'PracticeSettings', additionalProperties: false },
);
export type PracticeSettings = Static<typeof PracticeSettings>;

/** `POST /admin/pins`: which client gets a new PIN. */
export const PinRequest = Type.Object(
  { email: EmailAddress },
  { $id: 'PinRequest', additionalProperties: false },
);
export type PinRequest = Static<typeof PinRequest>;

/**
 * A new six-digit PIN for the office to read to the client by phone. It is shown this once
 * (the server keeps only a hash), works once, and voids any earlier PIN of the account.
 */
export const PinIssued = Type.Object(
  {
    pin: Type.String({ pattern: '^[0-9]{6}$', description: 'Six digits, zero-padded.' }),
    expiresAt: Type.String({ format: 'date-time', description: 'When the PIN stops working (72 hours after issue).' }),
  },
  { $id: 'PinIssued', additionalProperties: false },
);
export type PinIssued = Static<typeof PinIssued>;

/** `POST /admin/invitations`: which client gets the welcome email with a sign-in link. */
export const InvitationRequest = Type.Object(
  { email: EmailAddress },
  { $id: 'InvitationRequest', additionalProperties: false },
);
export type InvitationRequest = Static<typeof InvitationRequest>;

export const InvitationSent = Type.Object(
  {
    status: Type.Literal('sent'),
    validForSeconds: Type.Integer({ minimum: 1, description: "How long the emailed link works (the practice's link lifetime)." }),
  },
  { $id: 'InvitationSent', additionalProperties: false, description: 'The welcome email is queued; its link supersedes older ones.' },
);
export type InvitationSent = Static<typeof InvitationSent>;
