import { Type, type Static } from '@sinclair/typebox';
import { Language } from './info.js';

export { AUTH_ERROR_CODES, type AuthErrorCode } from './constants.js';


export const EmailAddress = Type.String({ format: 'email', minLength: 3, maxLength: 254, description: 'The address the practice has on file.' });
/** Sign-in tokens are 32 random bytes, base64url: 43 characters. Anything longer is refused unread (R3). */
const LinkToken = Type.String({ minLength: 16, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' });

export const LinkRequest = Type.Object(
  {
    email: EmailAddress,
    returnTo: Type.Optional(
      Type.String({
        maxLength: 2048,
        description:
          'The page holding <portal-signin>. The emailed link points there when its origin is on the practice allow-list; otherwise to the practice portal page.',
      }),
    ),
    language: Type.Optional(Language),
  },
  { $id: 'LinkRequest', additionalProperties: false },
);
export type LinkRequest = Static<typeof LinkRequest>;

export const LinkRequested = Type.Object(
  {
    status: Type.Union([Type.Literal('sent'), Type.Literal('held')], {
      description:
        '`sent`: the request counted, and an email leaves if the address belongs to a client. `held`: this address was sent a link ' +
        'moments ago (at most one a minute, five an hour), so no email leaves now, for any address alike (R9, R10).',
    }),
    validForSeconds: Type.Integer({ minimum: 1 }),
    resendAfterSeconds: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: "When another link may be asked for this address, from the address's budget (the same for unknown addresses).",
      }),
    ),
    emailCode: Type.Optional(
      Type.Boolean({
        description:
          'Whether the email also carries a six-digit code for POST /auth/email-code (R16). A server-wide setting, the same for every address; when absent, treat it as false.',
      }),
    ),
  },
  { $id: 'LinkRequested', additionalProperties: false, description: 'The same answer whether or not the email is known (R9).' },
);
export type LinkRequested = Static<typeof LinkRequested>;

export const LinkTokenBody = Type.Object({ token: LinkToken }, { $id: 'LinkTokenBody', additionalProperties: false });
export type LinkTokenBody = Static<typeof LinkTokenBody>;

export const LinkPreview = Type.Object(
  { maskedEmail: Type.String({ description: 'e.g. j•••@example.com' }) },
  { $id: 'LinkPreview', additionalProperties: false, description: 'Who the link would sign in. Reading it consumes nothing.' },
);
export type LinkPreview = Static<typeof LinkPreview>;

export const PinSignIn = Type.Object(
  { email: EmailAddress, pin: Type.String({ minLength: 1, maxLength: 32, description: 'Six digits; spaces are ignored.' }) },
  { $id: 'PinSignIn', additionalProperties: false },
);
export type PinSignIn = Static<typeof PinSignIn>;

export const EmailCodeSignIn = Type.Object(
  {
    email: EmailAddress,
    code: Type.String({ minLength: 1, maxLength: 32, description: 'The six digits from the newest sign-in email; spaces are ignored.' }),
  },
  { $id: 'EmailCodeSignIn', additionalProperties: false },
);
export type EmailCodeSignIn = Static<typeof EmailCodeSignIn>;

export const SessionInfo = Type.Object(
  {
    maskedEmail: Type.String(),
    language: Language,
    idleTimeoutSeconds: Type.Integer({ minimum: 1 }),
    idleExpiresAt: Type.String({ format: 'date-time' }),
    expiresAt: Type.String({ format: 'date-time', description: 'Absolute end of the session (R32).' }),
  },
  { $id: 'SessionInfo', additionalProperties: false },
);
export type SessionInfo = Static<typeof SessionInfo>;

export const SessionCreated = Type.Object(
  {
    token: Type.Optional(
      Type.String({
        description:
          'Opaque bearer token; send as `Authorization: Bearer …`. Absent in cookie mode (R26 mode A): the sign-in asked with ' +
          '`X-Portal-Session: cookie` and the server set the HttpOnly `__Host-sid` cookie instead.',
      }),
    ),
    session: SessionInfo,
  },
  { $id: 'SessionCreated', additionalProperties: false },
);
export type SessionCreated = Static<typeof SessionCreated>;
