import { Type, type Static } from '@sinclair/typebox';
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
