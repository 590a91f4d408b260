import type { DocumentVersion, EsignConsent, FormState, Packet, PaymentCardState, SignedCopy, CompletedDocumentList } from '../../src/contract/documents.js';
import { FORM_DEFINITIONS } from '../../src/contract/document-forms.js';
import type { FakeTransport } from './fake-transport.js';

/** What the demo practice's packet looks like for Jordan (profile 11): two documents, a form, the card. */
export const PROFILE = 11;
export const PAYMENT_ORIGIN = 'http://127.0.0.1:8790';
const HASH = 'a'.repeat(64);

export const packet = (overrides: Partial<Packet> = {}): Packet => ({
  profileId: PROFILE,
  language: 'en',
  welcomeHtml: '<p>Welcome to <strong>Lakeside Counseling</strong>. Please read and sign these before your first visit.</p>',
  esignConsent: { textVersion: 1, accepted: false },
  items: [
    { kind: 'document', documentId: 1, version: 1, title: 'Informed consent for therapy', status: 'pending', signedVersion: null, signatureId: null },
    { kind: 'form', formId: 'contact', status: 'pending' },
    { kind: 'payment_card', status: 'pending' },
  ],
  completed: false,
  ...overrides,
});

export const consent: EsignConsent = {
  textVersion: 1,
  language: 'en',
  html: '<p>You agree to receive and sign documents electronically. You may ask for a paper copy at any time, and withdraw this consent by telling the office.</p>',
  accepted: false,
  acceptedAt: null,
};

export const documentVersion = (html = '<h3>About therapy</h3><p>Therapy is a partnership. <a href="https://example.com/privacy">Privacy notice</a></p>'): DocumentVersion => ({
  documentId: 1,
  version: 1,
  title: 'Informed consent for therapy',
  html,
  language: 'en',
  textSha256: HASH,
});

/** Clinician HTML that tries, three ways, to run script. */
export const HOSTILE_HTML =
  '<p>Hello</p><img src="x" onerror="window.__xss = 1"><a href="javascript:window.__xss = 2">click</a>' +
  '<svg onload="window.__xss = 3"><circle r="1"></circle></svg><p>End of document</p>';

export const contactForm = (draft: FormState['draft'] = null): FormState => ({ definition: FORM_DEFINITIONS.contact, draft, submitted: null });
export const demographicsForm = (): FormState => ({ definition: FORM_DEFINITIONS.demographics, draft: null, submitted: null });

export const validContact = {
  addressLine1: '12 Lake St',
  city: 'Springfield',
  state: 'IL',
  postalCode: '62701',
  mobilePhone: '555-555-0100',
  email: 'jordan@example.com',
  emergencyName: 'Casey Lee',
  emergencyRelationship: 'Partner',
  emergencyPhone: '555-555-0101',
};

export const cardState = (card: PaymentCardState['card'] = null): PaymentCardState => ({
  card,
  processor: { origin: PAYMENT_ORIGIN, pageUrl: `${PAYMENT_ORIGIN}/card.html` },
});

export const token = { type: 'portal-card-token', token: 'tok_abcdef123456', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 } as const;

export const signedList: CompletedDocumentList = {
  documents: [
    {
      signatureId: 9,
      documentId: 1,
      version: 1,
      title: 'Informed consent for therapy',
      language: 'en',
      signerName: 'Jordan Lee',
      relationship: null,
      signedAt: '2026-11-20T15:30:00.000Z',
    },
  ],
};

export const signedCopy: SignedCopy = {
  signature: {
    id: 9,
    documentId: 1,
    version: 1,
    title: 'Informed consent for therapy',
    textSha256: HASH,
    language: 'en',
    signerAccountId: 3,
    signerName: 'Jordan Lee',
    profileId: PROFILE,
    relationship: null,
    signedAt: '2026-11-20T15:30:00.000Z',
    ip: '127.0.0.1',
    userAgent: 'test',
    esignConsentVersion: 1,
  },
  html: documentVersion().html,
};

/** Every route a working endpoint answers for the packet of profile 11, in English. */
export function replyWithPacketRoutes(api: FakeTransport): FakeTransport {
  const P = '/profiles/11';
  return api
    .reply(`GET ${P}/documents/packet?language=en`, packet())
    .reply(`GET ${P}/esign-consent?language=en`, consent)
    .reply(`POST ${P}/esign-consent`, { textVersion: 1, language: 'en', accountId: 3, profileId: 11, acceptedAt: '2026-11-28T12:00:00Z' })
    .reply(`GET ${P}/documents/1?language=en`, documentVersion())
    .reply(`POST ${P}/signatures`, signedCopy.signature)
    .reply(`GET ${P}/forms/contact`, contactForm())
    .reply(`PUT ${P}/forms/contact/draft`, { formId: 'contact', savedAt: '2026-11-28T12:00:00Z' })
    .reply(`POST ${P}/forms/contact/submission`, { formId: 'contact', submittedAt: '2026-11-28T12:00:00Z' })
    .reply(`GET ${P}/payment-card`, cardState())
    .reply(`PUT ${P}/payment-card`, { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030, savedAt: '2026-11-28T12:00:00Z' })
    .reply(`GET ${P}/signatures`, signedList)
    .reply(`GET ${P}/signatures/9`, signedCopy);
}
