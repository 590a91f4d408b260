import { Type, type Static } from '@sinclair/typebox';
import { SIGNER_NAME_MAX_LENGTH, SIGNER_RELATIONSHIPS } from '../constants.js';
import { Language } from '../info.js';
import { ProfileParams } from '../profiles.js';
import { refTo } from '../ref.js';
import { Id, Instant, SanitizedHtml, Sha256 } from './common.js';

// A document's versions as the signer reads them, and the immutable signatures (R44).

export { SIGNER_NAME_MAX_LENGTH, SIGNER_RELATIONSHIPS, type SignerRelationship } from '../constants.js';

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

export const SignerRelationshipSchema = Type.Union(
  SIGNER_RELATIONSHIPS.map((r) => Type.Literal(r)),
  { description: 'parent, legal_guardian or personal_representative.' },
);

export const SignatureRequest = Type.Object(
  {
    documentId: Id('The document signed.'),
    version: Type.Integer({ minimum: 1, description: 'The version shown.' }),
    textSha256: Sha256,
    fullName: Type.String({ minLength: 1, maxLength: SIGNER_NAME_MAX_LENGTH, description: 'The signer’s full name as typed (their signature).' }),
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
