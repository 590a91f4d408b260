import { Type, type Static } from '@sinclair/typebox';
import { Language } from '../info.js';
import { Id, Instant, SanitizedHtml } from './common.js';

// The consent to do business and sign electronically (ESIGN), accepted once per signer.

export const EsignConsent = Type.Object(
  {
    textVersion: Type.Integer({ minimum: 1, description: 'The consent text’s version; accept exactly this one.' }),
    language: Language,
    html: SanitizedHtml,
    accepted: Type.Boolean({ description: 'Whether this signed-in account accepted this text version.' }),
    acceptedAt: Type.Union([Instant, Type.Null()]),
  },
  {
    $id: 'EsignConsent',
    additionalProperties: false,
    description: 'Consent to do business and sign electronically (ESIGN): scope, the right to a paper copy on request, and how to withdraw. Per signer (account).',
  },
);
export type EsignConsent = Static<typeof EsignConsent>;

export const EsignConsentAcceptance = Type.Object(
  {
    textVersion: Type.Integer({ minimum: 1, description: 'The version shown; 409 `document_changed` if not the current one.' }),
    accept: Type.Literal(true),
    language: Language,
  },
  { $id: 'EsignConsentAcceptance', additionalProperties: false },
);
export type EsignConsentAcceptance = Static<typeof EsignConsentAcceptance>;

export const EsignConsentRecord = Type.Object(
  {
    textVersion: Type.Integer({ minimum: 1 }),
    language: Language,
    accountId: Id('The account that accepted.'),
    profileId: Id('The profile acted for when accepting.'),
    acceptedAt: Instant,
  },
  { $id: 'EsignConsentRecord', additionalProperties: false, description: 'Recorded with IP and user agent; immutable.' },
);
export type EsignConsentRecord = Static<typeof EsignConsentRecord>;
