import { Type, type Static } from '@sinclair/typebox';
import { LANGUAGES } from './constants.js';

export { LANGUAGES };
export const Language = Type.Union(
  LANGUAGES.map((l) => Type.Literal(l)),
  { description: 'A language the portal speaks (BCP 47 primary subtag).' },
);
export type Language = Static<typeof Language>;

/** Public facts about one practice: safe to show before sign-in. */
export const PracticeInfo = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    phone: Type.String({ description: 'Office phone in E.164, for `tel:` links.', pattern: '^\\+[1-9][0-9]{6,14}$' }),
    phoneDisplay: Type.String({ description: 'The phone number as the practice writes it.' }),
    timeZone: Type.String({ description: 'IANA time zone, e.g. America/Chicago.' }),
    languages: Type.Array(Language, { minItems: 1, uniqueItems: true }),
  },
  { $id: 'PracticeInfo', additionalProperties: false },
);
export type PracticeInfo = Static<typeof PracticeInfo>;

export const PracticeParams = Type.Object(
  { practice: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'The practice slug in the endpoint URL.' }) },
  { additionalProperties: false },
);
export type PracticeParams = Static<typeof PracticeParams>;

export const Health = Type.Object(
  { status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]), checks: Type.Record(Type.String(), Type.String()) },
  { $id: 'Health', additionalProperties: false },
);
export type Health = Static<typeof Health>;
