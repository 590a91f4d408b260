import { Type, type Static } from '@sinclair/typebox';
import { Id, Instant } from './documents/common.js';
import { FormDefinition, FormIdSchema, AnswerValue } from './documents/forms.js';
import { PaymentCard } from './documents/payment-card.js';
import { SignatureRecord } from './documents/signatures.js';
import { EmailAddress } from './auth.js';
import { FileItem } from './files.js';
import { Language, PracticeParams } from './info.js';
import { ProfileKind, Relationship } from './profiles.js';
import { refTo } from './ref.js';

// The office API's view of clients (issue 13): what every client sent or did, for the
// practice's staff and systems. A clinician sees only their own clients (404 otherwise).

/** An id in a path (validated as digits, so a malformed one is 400 before any lookup). */
export const PathId = (description: string) => Type.String({ pattern: '^[1-9][0-9]{0,15}$', description });

export const OfficeClientParams = Type.Object(
  { ...PracticeParams.properties, profileId: PathId('A client (profile) of the practice the caller may see.') },
  { additionalProperties: false },
);
export type OfficeClientParams = Static<typeof OfficeClientParams>;

/** An account that may act for the client, as the office sees it. */
export const OfficeClientAccount = Type.Object(
  {
    id: Id('The account.'),
    email: Type.String({ description: 'The sign-in address.' }),
    name: Type.String(),
    relationship: Relationship,
  },
  { additionalProperties: false },
);
export type OfficeClientAccount = Static<typeof OfficeClientAccount>;

export const OfficeClient = Type.Object(
  {
    id: Id('The profile.'),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    kind: ProfileKind,
    language: Type.String({ pattern: '^[a-z]{2,3}$', description: 'The profile’s preferred language.' }),
    clinicianId: Type.Union([Id('The client’s own clinician.'), Type.Null()], { description: 'Null when the office has not assigned one.' }),
    accounts: Type.Array(OfficeClientAccount, { description: 'Live links only: self first, then by name.' }),
    createdAt: Instant,
  },
  { $id: 'OfficeClient', additionalProperties: false },
);
export type OfficeClient = Static<typeof OfficeClient>;

export const OfficeClientList = Type.Object(
  { clients: Type.Array(refTo(OfficeClient), { description: 'By name, then id.' }) },
  { $id: 'OfficeClientList', additionalProperties: false },
);
export type OfficeClientList = Static<typeof OfficeClientList>;

export const OfficeClientQuery = Type.Object(
  { q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Part of a client’s name or of a linked account’s name or email.' })) },
  { additionalProperties: false },
);
export type OfficeClientQuery = Static<typeof OfficeClientQuery>;

export const NewClientRequest = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'The client’s name (account and profile).' }),
    email: EmailAddress,
    language: Language,
    kind: Type.Optional(Type.Literal('self', { description: 'The profile made with the account: the client’s own (the default and only kind here).' })),
    clinicianId: Type.Optional(Id('The client’s clinician (a clinician calling: themselves, whatever is sent).')),
    sendWelcome: Type.Optional(Type.Boolean({ description: 'Email the welcome (a sign-in link to the portal). Default false.' })),
  },
  { $id: 'NewClientRequest', additionalProperties: false },
);
export type NewClientRequest = Static<typeof NewClientRequest>;

export const ClientCreated = Type.Object(
  {
    profileId: Id('The new self profile.'),
    accountId: Id('The new account, linked to the profile as `self`.'),
    welcomeSent: Type.Boolean({ description: 'Whether the welcome email was queued.' }),
  },
  { $id: 'ClientCreated', additionalProperties: false },
);
export type ClientCreated = Static<typeof ClientCreated>;

export const ClientUpdate = Type.Object(
  { clinicianId: Type.Optional(Type.Union([Id('A clinician of the practice.'), Type.Null()], { description: 'Null: no clinician assigned.' })) },
  { $id: 'ClientUpdate', additionalProperties: false },
);
export type ClientUpdate = Static<typeof ClientUpdate>;

export const PacketProgress = Type.Union([Type.Literal('none'), Type.Literal('pending'), Type.Literal('in_progress'), Type.Literal('completed')], {
  description: '`none`: no packet assigned; `pending`: nothing done yet; `in_progress`: some steps done; `completed`: every step done.',
});
export type PacketProgress = Static<typeof PacketProgress>;

export const ClientSummary = Type.Object(
  {
    pendingRequests: Type.Integer({ minimum: 0, description: 'Appointment requests waiting for an answer.' }),
    files: Type.Integer({ minimum: 0 }),
    formsSubmitted: Type.Integer({ minimum: 0 }),
    documentsSigned: Type.Integer({ minimum: 0, description: 'Signatures, every version.' }),
    packet: PacketProgress,
    cardOnFile: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type ClientSummary = Static<typeof ClientSummary>;

export const ClientDetail = Type.Object(
  {
    client: refTo(OfficeClient),
    clinician: Type.Union([Type.Object({ id: Id('The clinician.'), name: Type.String() }, { additionalProperties: false }), Type.Null()]),
    summary: ClientSummary,
  },
  { $id: 'ClientDetail', additionalProperties: false },
);
export type ClientDetail = Static<typeof ClientDetail>;

export const OfficeFile = Type.Object(
  { ...FileItem.properties, uploadedBy: Id('The account that uploaded it.') },
  { additionalProperties: false, description: 'A stored file of the client; `status` says whether it can be downloaded (R52).' },
);
export type OfficeFile = Static<typeof OfficeFile>;

export const OfficeFileList = Type.Object({ files: Type.Array(OfficeFile, { description: 'Newest first.' }) }, { $id: 'OfficeFileList', additionalProperties: false });
export type OfficeFileList = Static<typeof OfficeFileList>;

export const OfficeFileParams = Type.Object(
  { ...OfficeClientParams.properties, fileId: PathId('A file of this client.') },
  { additionalProperties: false },
);
export type OfficeFileParams = Static<typeof OfficeFileParams>;

export const OfficeFormStatus = Type.Union([Type.Literal('not_started'), Type.Literal('draft'), Type.Literal('submitted')]);
export type OfficeFormStatus = Static<typeof OfficeFormStatus>;

export const OfficeFormItem = Type.Object(
  {
    documentId: FormIdSchema,
    titleId: Type.String({ description: 'The form title’s message id, e.g. `form.contact`.' }),
    status: OfficeFormStatus,
    updatedAt: Type.Union([Instant, Type.Null()], { description: 'The last draft save or submission; null when not started.' }),
    submittedAt: Type.Union([Instant, Type.Null()]),
  },
  { additionalProperties: false },
);
export type OfficeFormItem = Static<typeof OfficeFormItem>;

export const OfficeFormList = Type.Object(
  { forms: Type.Array(OfficeFormItem, { description: 'The forms of the client’s packet, in packet order.' }) },
  { $id: 'OfficeFormList', additionalProperties: false },
);
export type OfficeFormList = Static<typeof OfficeFormList>;

export const OfficeFormParams = Type.Object({ ...OfficeClientParams.properties, documentId: FormIdSchema }, { additionalProperties: false });
export type OfficeFormParams = Static<typeof OfficeFormParams>;

export const OfficeFormAnswers = Type.Object(
  {
    documentId: FormIdSchema,
    formVersion: Type.Integer({ minimum: 1, description: 'The form version the client answered.' }),
    definition: refTo(FormDefinition, 'The fields with their label message ids (`labelId`), in display order.'),
    answers: Type.Record(Type.String(), AnswerValue, { description: 'The submitted answers by field id.' }),
    submittedBy: Id('The account that submitted.'),
    submittedAt: Instant,
  },
  { $id: 'OfficeFormAnswers', additionalProperties: false },
);
export type OfficeFormAnswers = Static<typeof OfficeFormAnswers>;

export const OfficeSignatureList = Type.Object(
  { signatures: Type.Array(refTo(SignatureRecord), { description: 'Every signature of the client with its evidence (R44), newest first.' }) },
  { $id: 'OfficeSignatureList', additionalProperties: false },
);
export type OfficeSignatureList = Static<typeof OfficeSignatureList>;

export const OfficeSignatureParams = Type.Object(
  { ...OfficeClientParams.properties, signatureId: PathId('A signature of this client.') },
  { additionalProperties: false },
);
export type OfficeSignatureParams = Static<typeof OfficeSignatureParams>;

export const CardOnFile = Type.Omit(PaymentCard, ['savedAt'], {
  $id: 'CardOnFile',
  additionalProperties: false,
  description: 'The card on file: brand, last four and expiry; never the token, never a number.',
});
export type CardOnFile = Static<typeof CardOnFile>;
