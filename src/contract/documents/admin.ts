import { Type, type Static } from '@sinclair/typebox';
import { Language, PracticeParams } from '../info.js';
import { refTo } from '../ref.js';
import { Id, Instant, PerLanguageHtml, SanitizedHtml, Sha256 } from './common.js';
import { FormIdSchema } from './forms.js';

// The office's side (clinician console; admin token): versioned templates and packets.

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
