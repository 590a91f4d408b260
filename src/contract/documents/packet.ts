import { Type, type Static } from '@sinclair/typebox';
import { Language } from '../info.js';
import { Id, SanitizedHtml } from './common.js';
import { FormIdSchema } from './forms.js';

// The packet: the ordered steps a practice assigns to a profile, each with its status.

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
