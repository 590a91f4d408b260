import { Type, type Static } from '@sinclair/typebox';
import { CARD_BRANDS, CARD_TOKEN_PATTERN, type CardErrorCode } from '../constants.js';
import { refTo } from '../ref.js';
import { Instant } from './common.js';

// Payment card: tokenized in an iframe on a separate payment origin (R57–R61, R69).

export {
  CARD_BRANDS,
  CARD_ERROR_CODES,
  CARD_MESSAGE_TYPES,
  CARD_TOKEN_PATTERN,
  type CardBrand,
  type CardErrorCode,
  type CardMessageType,
} from '../constants.js';

export const PaymentCardToken = Type.Object(
  {
    token: Type.String({ pattern: CARD_TOKEN_PATTERN, description: 'The processor’s opaque token. Never a card number.' }),
    brand: Type.Union(CARD_BRANDS.map((b) => Type.Literal(b))),
    last4: Type.String({ pattern: '^[0-9]{4}$' }),
    expMonth: Type.Integer({ minimum: 1, maximum: 12 }),
    expYear: Type.Integer({ minimum: 2000, maximum: 2100 }),
  },
  {
    $id: 'PaymentCardToken',
    additionalProperties: false,
    description: 'Exactly what the payment iframe posted back (CardTokenMessage without `type`). The portal stores only these.',
  },
);
export type PaymentCardToken = Static<typeof PaymentCardToken>;

export const PaymentCard = Type.Object(
  {
    brand: Type.Union(CARD_BRANDS.map((b) => Type.Literal(b))),
    last4: Type.String({ pattern: '^[0-9]{4}$' }),
    expMonth: Type.Integer({ minimum: 1, maximum: 12 }),
    expYear: Type.Integer({ minimum: 2000, maximum: 2100 }),
    savedAt: Instant,
  },
  { $id: 'PaymentCard', additionalProperties: false, description: 'The card on file, as shown to the client (the token is never sent back).' },
);
export type PaymentCard = Static<typeof PaymentCard>;

export const PaymentCardState = Type.Object(
  {
    card: Type.Union([refTo(PaymentCard), Type.Null()]),
    processor: Type.Object(
      {
        origin: Type.String({ description: 'The payment origin, e.g. http://localhost:8790. Accept messages from exactly this origin.' }),
        pageUrl: Type.String({
          description:
            'The card-entry page for the iframe `src`; append `parent=<encodeURIComponent(location.origin)>` and `lang=<en|es>` ' +
            'as query parameters. The page posts only to that exact parent origin, which must be one of the practice’s allowed origins.',
        }),
      },
      { additionalProperties: false },
    ),
  },
  { $id: 'PaymentCardState', additionalProperties: false },
);
export type PaymentCardState = Static<typeof PaymentCardState>;

// The postMessage shapes; CARD_MESSAGE_TYPES (constants.ts) describes the exchange.
export type CardTokenMessage = { type: 'portal-card-token' } & PaymentCardToken;
export type CardErrorMessage = { type: 'portal-card-error'; code: CardErrorCode };
export type CardReadyMessage = { type: 'portal-card-ready' };
export type CardHeightMessage = { type: 'portal-card-height'; height: number };
export type CardSubmitMessage = { type: 'portal-card-submit' };
export type CardMessage = CardTokenMessage | CardErrorMessage | CardReadyMessage | CardHeightMessage | CardSubmitMessage;
