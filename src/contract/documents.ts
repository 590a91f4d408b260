import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Language, PracticeParams } from './info.js';
import { ProfileParams } from './profiles.js';

// <document-signer>: the intake and consent packet a practice assigns to a profile (issue 6).
// Client routes live under `/p/:practice/profiles/:profileId` (reads need `view`, signing,
// forms and the card need `sign`); the office's side under `/p/:practice/admin`.
//
//   GET  documents/packet?language=es            → Packet
//   GET  documents/:documentId?language=es       → DocumentVersion (the newest version)
//   GET  esign-consent?language=es               → EsignConsent
//   POST esign-consent                           ← EsignConsentAcceptance → EsignConsentRecord (201)
//   POST signatures                              ← SignatureRequest → SignatureRecord (201)
//   GET  signatures                              → CompletedDocumentList (the Documents tab)
//   GET  signatures/:signatureId                 → SignedCopy (JSON)
//   GET  signatures/:signatureId/pdf             → application/pdf (attachment)
//   GET  forms/:formId                           → FormState (definition, draft, submitted answers)
//   PUT  forms/:formId/draft                     ← FormDraftRequest → FormDraftSaved
//   POST forms/:formId/submission                ← FormSubmissionRequest → FormSubmitted | 400 with field codes
//   GET  payment-card                            → PaymentCardState
//   PUT  payment-card                            ← PaymentCardToken → PaymentCard
//
// Admin (admin token): GET/POST admin/document-templates, POST admin/document-templates/:documentId/versions,
// GET/PUT admin/profiles/:profileId/packet.

/**
 * Document error codes, beyond the general ones in errors.ts:
 * - `document_changed` 409: the version or `textSha256` signed is not the newest text of the
 *   document in that language (a new version was published, or the text shown differs).
 *   Fetch the document again and show it; the client must read and agree again.
 * - `esign_consent_required` 409: the signer has not accepted the current consent to sign
 *   electronically (ESIGN); show it, `POST esign-consent`, then sign.
 * - `already_signed` 409: this profile already signed this version of the document.
 * - `not_in_packet` 404 is not used: a document, form or card step not in the profile's packet
 *   answers the general `not_found`.
 * Form submissions answer the general 400 `validation` with `fields` keyed `answers.<fieldId>`
 * and a FIELD_ERROR_CODES code (`required`, `invalid`, `too_long`, `too_short`, `out_of_range`).
 */
export const DOCUMENT_ERROR_CODES = ['document_changed', 'esign_consent_required', 'already_signed'] as const;
export type DocumentErrorCode = (typeof DOCUMENT_ERROR_CODES)[number];

const refTo = <T extends TSchema>(schema: T, description?: string) =>
  Type.Unsafe<Static<T>>(Type.Ref(schema.$id!, description === undefined ? {} : { description }));

const Id = (description: string) => Type.Integer({ minimum: 1, description });
const Instant = Type.String({ format: 'date-time', description: 'An instant in UTC, ISO 8601 with `Z`.' });
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256, lower-case hex.' });
const SanitizedHtml = Type.String({
  description:
    'Clinician-authored HTML, sanitized by the server with DOMPurify when saved (no script, event handlers, ' +
    '`javascript:` URLs, SVG, MathML, forms, iframes or styles). The browser sanitizes it again before display (R66, R67).',
});
const PerLanguageHtml = Type.Record(Type.String({ pattern: '^[a-z]{2,3}$' }), Type.String({ maxLength: 20000 }), {
  description: 'HTML per language, e.g. { "en": "<p>…</p>", "es": "<p>…</p>" }.',
});

export const LanguageQuery = Type.Object(
  { language: Type.Optional(Language) },
  { additionalProperties: false, description: 'The language wanted; default `en`. A text missing in it falls back to `en`.' },
);
export type LanguageQuery = Static<typeof LanguageQuery>;

// ---------------------------------------------------------------------------------------
// Forms described as data: the browser renders every form from these field descriptions.
// ---------------------------------------------------------------------------------------

export const FORM_IDS = ['contact', 'demographics', 'insurance'] as const;
export type FormId = (typeof FORM_IDS)[number];
export const FormIdSchema = Type.Union(
  FORM_IDS.map((id) => Type.Literal(id)),
  { description: 'A form of the packet.' },
);

export const FIELD_KINDS = ['text', 'email', 'tel', 'date', 'select', 'radio', 'checkbox'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/**
 * Named patterns a text field may have to match; the browser maps the code to a localized
 * hint, and may test `patternSource` itself (the server always does).
 * - `postal_code`: a US ZIP code, 12345 or 12345-6789.
 * - `phone`: a phone number: digits, spaces, + ( ) - . , 7–20 characters.
 * - `state`: a two-letter US state or territory code.
 * - `member_id`: letters, digits and - (insurance member and group ids).
 */
export const PATTERN_CODES = ['postal_code', 'phone', 'state', 'member_id'] as const;
export type PatternCode = (typeof PATTERN_CODES)[number];

export const FieldOption = Type.Object(
  {
    value: Type.String({ minLength: 1, maxLength: 64, description: 'What the answer holds.' }),
    labelId: Type.String({ description: 'The message id the browser localizes, e.g. `demographics.gender.woman`.' }),
  },
  { additionalProperties: false },
);
export type FieldOption = Static<typeof FieldOption>;

export const FormField = Type.Object(
  {
    id: Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,63}$', description: 'The answer key, unique in the form, e.g. `postalCode`.' }),
    kind: Type.Union(
      FIELD_KINDS.map((k) => Type.Literal(k)),
      {
        description:
          'text/email/tel/date (YYYY-MM-DD): a string. select/radio: one option `value`. checkbox with `options`: an array of ' +
          'option values (any number); checkbox without options: a boolean.',
      },
    ),
    labelId: Type.String({ description: 'The label’s message id, e.g. `contact.postalCode`.' }),
    section: Type.Optional(Type.String({ description: 'A group id (a fieldset legend message id), e.g. `contact.emergency`.' })),
    required: Type.Boolean(),
    autocomplete: Type.Optional(Type.String({ description: 'The HTML `autocomplete` token, e.g. `postal-code`, `bday`, `tel`.' })),
    options: Type.Optional(Type.Array(FieldOption, { description: 'select, radio, and multi-choice checkbox: in display order.' })),
    maxLength: Type.Optional(Type.Integer({ minimum: 1, description: 'Text kinds: the longest answer, in characters.' })),
    pattern: Type.Optional(Type.Union(PATTERN_CODES.map((c) => Type.Literal(c)), { description: 'A named pattern (PATTERN_CODES).' })),
    patternSource: Type.Optional(Type.String({ description: 'The same pattern as an ECMAScript regular expression source, matched against the whole trimmed value.' })),
    min: Type.Optional(Type.String({ format: 'date', description: 'date: the earliest allowed.' })),
    max: Type.Optional(Type.String({ format: 'date', description: 'date: the latest allowed (e.g. today for a date of birth).' })),
  },
  { additionalProperties: false },
);
export type FormField = Static<typeof FormField>;

export const FormDefinition = Type.Object(
  {
    id: FormIdSchema,
    version: Type.Integer({ minimum: 1, description: 'Changes when the fields change.' }),
    titleId: Type.String({ description: 'The form title’s message id, e.g. `form.contact`.' }),
    fields: Type.Array(FormField, { description: 'In display order; `section` groups consecutive fields.' }),
  },
  { $id: 'FormDefinition', additionalProperties: false },
);
export type FormDefinition = Static<typeof FormDefinition>;

/**
 * A string (text kinds, select, radio), a boolean (a single checkbox) or an array of option
 * values (a multi-choice checkbox). One `type` list rather than a union, so the server's
 * validator never coerces one kind into another (`true` stays a boolean).
 */
export const AnswerValue = Type.Unsafe<string | boolean | string[]>({
  type: ['string', 'boolean', 'array'],
  maxLength: 2000,
  items: { type: 'string', maxLength: 64 },
  maxItems: 32,
});
export type AnswerValue = Static<typeof AnswerValue>;

export const FormAnswers = Type.Record(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,63}$' }), AnswerValue, {
  maxProperties: 64,
  description: 'Answers by field id. A field left out or an empty string is unanswered.',
});
export type FormAnswers = Static<typeof FormAnswers>;

export const FormDraftRequest = Type.Object(
  { answers: FormAnswers },
  {
    $id: 'FormDraftRequest',
    additionalProperties: false,
    description:
      'Everything typed so far (the whole draft, replacing the last one). Incomplete answers are fine; only unknown field ids ' +
      'and over-long values are refused (400). Save as the client types (debounced), so another device resumes.',
  },
);
export type FormDraftRequest = Static<typeof FormDraftRequest>;

export const FormDraftSaved = Type.Object(
  { formId: FormIdSchema, savedAt: Instant },
  { $id: 'FormDraftSaved', additionalProperties: false },
);
export type FormDraftSaved = Static<typeof FormDraftSaved>;

export const FormSubmissionRequest = Type.Object(
  { answers: FormAnswers },
  {
    $id: 'FormSubmissionRequest',
    additionalProperties: false,
    description: 'The reviewed answers. Validated field by field; 400 `validation` with `fields` = { "answers.<fieldId>": code }.',
  },
);
export type FormSubmissionRequest = Static<typeof FormSubmissionRequest>;

export const FormSubmitted = Type.Object(
  { formId: FormIdSchema, submittedAt: Instant },
  { $id: 'FormSubmitted', additionalProperties: false, description: 'Stored; the draft is cleared. Submitting again replaces the answers.' },
);
export type FormSubmitted = Static<typeof FormSubmitted>;

export const FormState = Type.Object(
  {
    definition: refTo(FormDefinition),
    draft: Type.Union([Type.Object({ answers: FormAnswers, savedAt: Instant }, { additionalProperties: false }), Type.Null()], {
      description: 'The unsubmitted draft, to resume; null if none.',
    }),
    submitted: Type.Union([Type.Object({ answers: FormAnswers, submittedAt: Instant }, { additionalProperties: false }), Type.Null()], {
      description: 'The last submitted answers; null if never submitted.',
    }),
  },
  { $id: 'FormState', additionalProperties: false },
);
export type FormState = Static<typeof FormState>;

export const FormParams = Type.Object(
  { ...ProfileParams.properties, formId: FormIdSchema },
  { additionalProperties: false },
);
export type FormParams = Static<typeof FormParams>;

// ---------------------------------------------------------------------------------------
// Documents, ESIGN consent and signatures
// ---------------------------------------------------------------------------------------

export const DocumentVersion = Type.Object(
  {
    documentId: Id('The document (template) id.'),
    version: Type.Integer({ minimum: 1 }),
    title: Type.String(),
    html: SanitizedHtml,
    language: Language,
    textSha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of `html` as UTF-8 (hex): send it back when signing.' }),
  },
  { $id: 'DocumentVersion', additionalProperties: false, description: 'One version of a document in one language, exactly as it is to be shown and signed.' },
);
export type DocumentVersion = Static<typeof DocumentVersion>;

export const DocumentParams = Type.Object(
  { ...ProfileParams.properties, documentId: Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'A document of the profile’s packet.' }) },
  { additionalProperties: false },
);
export type DocumentParams = Static<typeof DocumentParams>;

/**
 * How the signer stands to the profile when not signing for themselves. Required when the
 * profile is a minor (or the link is a guardian's); refused for a self profile.
 */
export const SIGNER_RELATIONSHIPS = ['parent', 'legal_guardian', 'personal_representative'] as const;
export type SignerRelationship = (typeof SIGNER_RELATIONSHIPS)[number];
export const SignerRelationshipSchema = Type.Union(
  SIGNER_RELATIONSHIPS.map((r) => Type.Literal(r)),
  { description: 'parent, legal_guardian or personal_representative.' },
);

export const SignatureRequest = Type.Object(
  {
    documentId: Id('The document signed.'),
    version: Type.Integer({ minimum: 1, description: 'The version shown.' }),
    textSha256: Sha256,
    fullName: Type.String({ minLength: 1, maxLength: 200, description: 'The signer’s full name as typed (their signature).' }),
    relationship: Type.Optional(SignerRelationshipSchema),
    agreed: Type.Literal(true, { description: 'The agreement checkbox was ticked.' }),
    language: Language,
  },
  {
    $id: 'SignatureRequest',
    additionalProperties: false,
    description:
      '`textSha256` is SHA-256 of the exact `html` string the DocumentVersion answered (UTF-8), which the browser ' +
      'computes with crypto.subtle; the server checks it against the stored text (409 `document_changed` if not the newest). ' +
      '`relationship` is required (400 `fields.relationship: required`) when acting for a minor.',
  },
);
export type SignatureRequest = Static<typeof SignatureRequest>;

export const SignatureRecord = Type.Object(
  {
    id: Id('The signature id.'),
    documentId: Id('The document.'),
    version: Type.Integer({ minimum: 1 }),
    title: Type.String(),
    textSha256: Sha256,
    language: Language,
    signerAccountId: Id('The signed-in account that signed.'),
    signerName: Type.String({ description: 'The full name typed.' }),
    profileId: Id('The profile acted for.'),
    relationship: Type.Union([SignerRelationshipSchema, Type.Null()], { description: 'Null when signing for oneself.' }),
    signedAt: Instant,
    ip: Type.String({ description: 'The client address the server saw.' }),
    userAgent: Type.String({ description: 'The User-Agent header (at most 512 characters).' }),
    esignConsentVersion: Type.Integer({ minimum: 1, description: 'The ESIGN consent text version in force.' }),
  },
  { $id: 'SignatureRecord', additionalProperties: false, description: 'An immutable signature (R44): never changed or deleted.' },
);
export type SignatureRecord = Static<typeof SignatureRecord>;

export const SignatureParams = Type.Object(
  { ...ProfileParams.properties, signatureId: Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'A signature of this profile.' }) },
  { additionalProperties: false },
);
export type SignatureParams = Static<typeof SignatureParams>;

export const SignedCopy = Type.Object(
  {
    signature: refTo(SignatureRecord),
    html: SanitizedHtml,
  },
  { $id: 'SignedCopy', additionalProperties: false, description: 'The exact text signed and its signature block. `…/pdf` downloads the same as PDF.' },
);
export type SignedCopy = Static<typeof SignedCopy>;

export const CompletedDocument = Type.Object(
  {
    signatureId: Id('Open it with GET signatures/{signatureId} or …/pdf.'),
    documentId: Id('The document.'),
    version: Type.Integer({ minimum: 1 }),
    title: Type.String(),
    language: Language,
    signerName: Type.String(),
    relationship: Type.Union([SignerRelationshipSchema, Type.Null()]),
    signedAt: Instant,
  },
  { additionalProperties: false },
);
export type CompletedDocument = Static<typeof CompletedDocument>;

export const CompletedDocumentList = Type.Object(
  { documents: Type.Array(CompletedDocument, { description: 'Every signature of the profile, newest first (older versions too).' }) },
  { $id: 'CompletedDocumentList', additionalProperties: false },
);
export type CompletedDocumentList = Static<typeof CompletedDocumentList>;

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

// ---------------------------------------------------------------------------------------
// Payment card: tokenized in an iframe on a separate payment origin (R57–R61, R69).
// ---------------------------------------------------------------------------------------

export const CARD_BRANDS = ['visa', 'mastercard', 'amex', 'discover', 'other'] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];

export const PaymentCardToken = Type.Object(
  {
    token: Type.String({ pattern: '^tok_[A-Za-z0-9_]{8,64}$', description: 'The processor’s opaque token. Never a card number.' }),
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

/**
 * The messages between the portal page and the payment iframe (`window.postMessage`). Each
 * side sends with the other's exact origin as `targetOrigin` and ignores messages whose
 * `event.origin` is not exactly the expected one (and, in the parent, whose `event.source` is
 * not the iframe's `contentWindow`).
 * iframe → parent: `{ type: 'portal-card-ready' }` once loaded; `{ type: 'portal-card-token', token, brand, last4, expMonth, expYear }`
 * after a successful tokenization; `{ type: 'portal-card-error', code }` (code: `invalid_number` (Luhn or length),
 * `invalid_expiry`, `invalid_cvc`, `unavailable`); `{ type: 'portal-card-height', height }` (px) when its content resizes.
 * parent → iframe: `{ type: 'portal-card-submit' }` to tokenize what was typed (the iframe also has its own button).
 */
export const CARD_MESSAGE_TYPES = ['portal-card-ready', 'portal-card-token', 'portal-card-error', 'portal-card-height', 'portal-card-submit'] as const;
export type CardMessageType = (typeof CARD_MESSAGE_TYPES)[number];
export type CardTokenMessage = { type: 'portal-card-token' } & PaymentCardToken;
export type CardErrorMessage = { type: 'portal-card-error'; code: 'invalid_number' | 'invalid_expiry' | 'invalid_cvc' | 'unavailable' };
export type CardReadyMessage = { type: 'portal-card-ready' };
export type CardHeightMessage = { type: 'portal-card-height'; height: number };
export type CardSubmitMessage = { type: 'portal-card-submit' };
export type CardMessage = CardTokenMessage | CardErrorMessage | CardReadyMessage | CardHeightMessage | CardSubmitMessage;

// ---------------------------------------------------------------------------------------
// The packet
// ---------------------------------------------------------------------------------------

export const ItemStatus = Type.Union([Type.Literal('pending'), Type.Literal('in_progress'), Type.Literal('completed')], {
  description:
    'pending: not started (or, for a document, a newer version awaits signature); in_progress: a form with a saved draft; completed: signed, submitted or saved.',
});
export type ItemStatus = Static<typeof ItemStatus>;

export const PacketDocumentItem = Type.Object(
  {
    kind: Type.Literal('document'),
    documentId: Id('Fetch its text with GET documents/{documentId}.'),
    version: Type.Integer({ minimum: 1, description: 'The newest version (the one to sign).' }),
    title: Type.String(),
    status: ItemStatus,
    signedVersion: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
      description: 'The newest version this profile signed; lower than `version` means a new version asks again.',
    }),
    signatureId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'The signature of `version`, when completed.' }),
  },
  { additionalProperties: false },
);
export type PacketDocumentItem = Static<typeof PacketDocumentItem>;

export const PacketFormItem = Type.Object(
  { kind: Type.Literal('form'), formId: FormIdSchema, status: ItemStatus },
  { additionalProperties: false },
);
export type PacketFormItem = Static<typeof PacketFormItem>;

export const PacketCardItem = Type.Object(
  { kind: Type.Literal('payment_card'), status: ItemStatus },
  { additionalProperties: false },
);
export type PacketCardItem = Static<typeof PacketCardItem>;

export const PacketItem = Type.Union([PacketDocumentItem, PacketFormItem, PacketCardItem], { description: 'One step, by `kind`.' });
export type PacketItem = Static<typeof PacketItem>;

export const Packet = Type.Object(
  {
    profileId: Id('The profile acted for.'),
    language: Language,
    welcomeHtml: Type.Union([SanitizedHtml, Type.Null()], { description: 'The clinician’s welcome message; null if none.' }),
    esignConsent: Type.Object(
      {
        textVersion: Type.Integer({ minimum: 1 }),
        accepted: Type.Boolean({ description: 'False: show GET esign-consent before the first signature.' }),
      },
      { additionalProperties: false },
    ),
    items: Type.Array(PacketItem, { description: 'In the order the practice set; empty: nothing to sign.' }),
    completed: Type.Boolean({ description: 'Every item completed.' }),
  },
  { $id: 'Packet', additionalProperties: false },
);
export type Packet = Static<typeof Packet>;

// ---------------------------------------------------------------------------------------
// Admin side (clinician console; admin token)
// ---------------------------------------------------------------------------------------

export const DocumentTextInput = Type.Object(
  {
    language: Language,
    title: Type.String({ minLength: 1, maxLength: 300 }),
    html: Type.String({ minLength: 1, maxLength: 100000, description: 'Clinician HTML; sanitized with DOMPurify before it is stored.' }),
  },
  { additionalProperties: false },
);
export type DocumentTextInput = Static<typeof DocumentTextInput>;

export const DocumentTemplateRequest = Type.Object(
  {
    slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }),
    texts: Type.Array(DocumentTextInput, { minItems: 1, maxItems: 8, description: 'Version 1, one text per language.' }),
  },
  { $id: 'DocumentTemplateRequest', additionalProperties: false },
);
export type DocumentTemplateRequest = Static<typeof DocumentTemplateRequest>;

export const DocumentVersionRequest = Type.Object(
  { texts: Type.Array(DocumentTextInput, { minItems: 1, maxItems: 8 }) },
  { $id: 'DocumentVersionRequest', additionalProperties: false, description: 'A new version; every profile that signed an older one is asked again.' },
);
export type DocumentVersionRequest = Static<typeof DocumentVersionRequest>;

export const AdminDocumentText = Type.Object(
  { language: Language, title: Type.String(), html: SanitizedHtml, sha256: Sha256 },
  { additionalProperties: false },
);

export const AdminDocument = Type.Object(
  {
    id: Id('The document id.'),
    slug: Type.String(),
    latestVersion: Type.Integer({ minimum: 1 }),
    texts: Type.Array(AdminDocumentText, { description: 'The newest version’s texts, after sanitizing.' }),
  },
  { $id: 'AdminDocument', additionalProperties: false },
);
export type AdminDocument = Static<typeof AdminDocument>;

export const AdminDocumentList = Type.Object(
  { documents: Type.Array(refTo(AdminDocument)) },
  { $id: 'AdminDocumentList', additionalProperties: false },
);
export type AdminDocumentList = Static<typeof AdminDocumentList>;

export const AdminDocumentParams = Type.Object(
  { ...PracticeParams.properties, documentId: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }) },
  { additionalProperties: false },
);
export type AdminDocumentParams = Static<typeof AdminDocumentParams>;

export const AdminProfileParams = Type.Object(
  { ...PracticeParams.properties, profileId: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }) },
  { additionalProperties: false },
);
export type AdminProfileParams = Static<typeof AdminProfileParams>;

export const PacketItemInput = Type.Object(
  {
    kind: Type.Union([Type.Literal('document'), Type.Literal('form'), Type.Literal('payment_card')]),
    documentId: Type.Optional(Id('kind `document`: a document of the practice.')),
    formId: Type.Optional(FormIdSchema),
  },
  {
    additionalProperties: false,
    description: 'One step of the packet: `document` with `documentId`, `form` with `formId`, or `payment_card` (one flat shape, so validation never strips a branch’s field).',
  },
);
export type PacketItemInput = Static<typeof PacketItemInput>;

export const PacketAssignment = Type.Object(
  {
    welcomeHtml: PerLanguageHtml,
    items: Type.Array(PacketItemInput, { maxItems: 30, description: 'In order; each at most once.' }),
  },
  { $id: 'PacketAssignment', additionalProperties: false, description: 'Replaces the profile’s packet. Welcome HTML is sanitized before it is stored.' },
);
export type PacketAssignment = Static<typeof PacketAssignment>;

export const AdminPacket = Type.Object(
  {
    profileId: Id('The profile.'),
    welcomeHtml: PerLanguageHtml,
    items: Type.Array(PacketItemInput),
    updatedAt: Type.Union([Instant, Type.Null()], { description: 'Null: no packet assigned.' }),
  },
  { $id: 'AdminPacket', additionalProperties: false },
);
export type AdminPacket = Static<typeof AdminPacket>;
