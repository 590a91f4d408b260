import {
  CompletedDocumentList,
  DocumentParams,
  DocumentVersion,
  EsignConsent,
  EsignConsentAcceptance,
  EsignConsentRecord,
  FormDraftRequest,
  FormDraftSaved,
  FormParams,
  FormState,
  FormSubmissionRequest,
  FormSubmitted,
  LanguageQuery,
  Packet,
  PaymentCard,
  PaymentCardState,
  PaymentCardToken,
  SignatureParams,
  SignatureRecord,
  SignatureRequest,
  SignedCopy,
} from '../documents.js';
import { operation } from '../operation.js';
import { ProfileParams } from '../profiles.js';
import { refTo } from '../ref.js';

// `<document-signer>`'s operations under a profile: the packet, documents, the ESIGN consent,
// signatures (R44) and the signed copy as JSON and PDF, forms with drafts and field-level
// validation, and the card token. Reads need `view`; signing, forms and the card need `sign`.
// The office's side is in document-admin.ts.

const NOT_FOUND = '`not_found`: this sign-in may not act for the profile (or lacks the permission), or the item is not in the profile’s packet.';
const TAGS = ['documents', 'phi'] as const;

export const getPacket = operation({
  operationId: 'getPacket',
  method: 'GET',
  path: '/p/:practice/profiles/:profileId/documents/packet',
  permission: 'view',
  clientMethod: 'getPacket',
  summary: 'The profile’s intake and consent packet',
  description:
    'The welcome message and the ordered steps (documents to sign, forms, the payment card), each with its status, and whether ' +
    'the signer accepted the ESIGN consent. No packet: no items and a null welcome.',
  tags: TAGS,
  params: ProfileParams,
  querystring: LanguageQuery,
  responses: { 200: refTo(Packet), 404: NOT_FOUND },
});

export const getDocument = operation({
  operationId: 'getDocument',
  method: 'GET',
  path: '/p/:practice/profiles/:profileId/documents/:documentId',
  permission: 'view',
  clientMethod: 'getDocument',
  summary: 'The newest version of a document, to read and sign',
  description: 'Its sanitized HTML in the language asked for (else English) and the SHA-256 of exactly that HTML, which a signature sends back.',
  tags: ['documents'],
  params: DocumentParams,
  querystring: LanguageQuery,
  responses: { 200: refTo(DocumentVersion), 404: NOT_FOUND },
});

export const getEsignConsent = operation({
  operationId: 'getEsignConsent',
  method: 'GET',
  path: '/p/:practice/profiles/:profileId/esign-consent',
  permission: 'view',
  clientMethod: 'getEsignConsent',
  summary: 'The consent to sign electronically, and whether it was accepted',
  tags: ['documents'],
  params: ProfileParams,
  querystring: LanguageQuery,
  responses: { 200: refTo(EsignConsent), 404: NOT_FOUND },
});

export const acceptEsignConsent = operation({
  operationId: 'acceptEsignConsent',
  method: 'POST',
  path: '/p/:practice/profiles/:profileId/esign-consent',
  permission: 'sign',
  clientMethod: 'acceptEsignConsent',
  summary: 'Accept the consent to sign electronically',
  description: 'Recorded once per account and text version, with time, IP and user agent. Accepting again answers the first record.',
  tags: ['documents'],
  params: ProfileParams,
  body: refTo(EsignConsentAcceptance),
  responses: {
    201: refTo(EsignConsentRecord),
    404: NOT_FOUND,
    409: '`document_changed`: `textVersion` is not the current consent text.',
  },
});

export const signDocument = operation({
  operationId: 'signDocument',
  method: 'POST',
  path: '/p/:practice/profiles/:profileId/signatures',
  permission: 'sign',
  clientMethod: 'signDocument',
  summary: 'Sign the newest version of a document',
  description:
    'Records an immutable signature (R44): document and version, the SHA-256 of the exact text shown, language, the typed name, ' +
    'the profile acted for and the relationship, time (UTC), IP and user agent.',
  tags: TAGS,
  params: ProfileParams,
  body: refTo(SignatureRequest),
  responses: {
    201: refTo(SignatureRecord),
    404: NOT_FOUND,
    409:
      '`document_changed`: not the newest version, or `textSha256` is not its text in that language. ' +
      '`esign_consent_required`: accept the ESIGN consent first. `already_signed`: this version is signed already.',
  },
});

export const listCompletedDocuments = operation({
  operationId: 'listCompletedDocuments',
  method: 'GET',
  path: '/p/:practice/profiles/:profileId/signatures',
  permission: 'view',
  clientMethod: 'listSignedDocuments',
  summary: 'The profile’s signed documents',
  tags: TAGS,
  params: ProfileParams,
  responses: { 200: refTo(CompletedDocumentList), 404: NOT_FOUND },
});

export const getSignedCopy = operation({
  operationId: 'getSignedCopy',
  method: 'GET',
  path: '/p/:practice/profiles/:profileId/signatures/:signatureId',
  permission: 'view',
  clientMethod: 'getSignedCopy',
  summary: 'A signed copy: the exact text signed and its signature',
  tags: TAGS,
  params: SignatureParams,
  responses: { 200: refTo(SignedCopy), 404: NOT_FOUND },
});

export const downloadSignedCopy = operation({
  operationId: 'downloadSignedCopy',
  method: 'GET',
  path: '/p/:practice/profiles/:profileId/signatures/:signatureId/pdf',
  permission: 'view',
  clientMethod: 'downloadSignedPdf',
  summary: 'A signed copy as PDF',
  description:
    'The text, the signature block, the signer and the time, as `application/pdf` with `Content-Disposition: attachment`, ' +
    '`X-Content-Type-Options: nosniff`, `Content-Security-Policy: sandbox` and `Cache-Control: no-store`.',
  tags: TAGS,
  params: SignatureParams,
  responses: {
    200: {
      description: 'The PDF.',
      headers: { 'Content-Disposition': { type: 'string', description: '`attachment; filename="…"; filename*=UTF-8\'\'…`' } },
      content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
    },
    404: NOT_FOUND,
  },
});

export const getForm = operation({
  operationId: 'getForm',
  method: 'GET',
  path: '/p/:practice/profiles/:profileId/forms/:formId',
  permission: 'view',
  clientMethod: 'getForm',
  summary: 'A form: its field descriptions, the saved draft and the submitted answers',
  tags: TAGS,
  params: FormParams,
  responses: { 200: refTo(FormState), 404: NOT_FOUND },
});

export const saveFormDraft = operation({
  operationId: 'saveFormDraft',
  method: 'PUT',
  path: '/p/:practice/profiles/:profileId/forms/:formId/draft',
  permission: 'sign',
  clientMethod: 'saveFormDraft',
  summary: 'Save the form’s draft as the client types',
  description: 'Replaces the draft. Only unknown fields, wrong types and over-long values are refused (`fields`: `answers.<fieldId>`).',
  tags: TAGS,
  params: FormParams,
  body: refTo(FormDraftRequest),
  responses: { 200: refTo(FormDraftSaved), 404: NOT_FOUND },
});

export const submitForm = operation({
  operationId: 'submitForm',
  method: 'POST',
  path: '/p/:practice/profiles/:profileId/forms/:formId/submission',
  permission: 'sign',
  clientMethod: 'submitForm',
  summary: 'Submit the reviewed answers',
  description:
    'Validated field by field against the form’s descriptions: 400 `validation` with `fields` = { "answers.<fieldId>": ' +
    '`required` | `invalid` | `too_long` | `out_of_range` }. Stored answers replace earlier ones; the draft is cleared.',
  tags: TAGS,
  params: FormParams,
  body: refTo(FormSubmissionRequest),
  responses: { 200: refTo(FormSubmitted), 404: NOT_FOUND },
});

export const getPaymentCard = operation({
  operationId: 'getPaymentCard',
  method: 'GET',
  path: '/p/:practice/profiles/:profileId/payment-card',
  permission: 'view',
  clientMethod: 'getPaymentCard',
  summary: 'The card on file and where the card-entry iframe lives',
  description: 'The payment origin and page for the iframe (R69). 503 `unavailable` when the practice has no processor configured.',
  tags: TAGS,
  params: ProfileParams,
  responses: { 200: refTo(PaymentCardState), 404: NOT_FOUND },
});

export const savePaymentCard = operation({
  operationId: 'savePaymentCard',
  method: 'PUT',
  path: '/p/:practice/profiles/:profileId/payment-card',
  permission: 'sign',
  clientMethod: 'savePaymentCard',
  summary: 'Save the card token the payment iframe handed back',
  description: 'Stores only the token, brand, last 4 and expiry (R57–R61). A card number never reaches this endpoint.',
  tags: TAGS,
  params: ProfileParams,
  body: refTo(PaymentCardToken),
  responses: { 200: refTo(PaymentCard), 404: NOT_FOUND },
});
