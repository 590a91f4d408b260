import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/document-signer/document-signer.define.js';
import { connect } from '../src/core/config.js';
import { ENDPOINT } from '../test/support/data.js';
import { household, maya, single } from '../test/support/profile-data.js';
import {
  PAYMENT_ORIGIN,
  cardState,
  consent,
  contactForm,
  demographicsForm,
  documentVersion,
  packet,
  signedCopy,
  signedList,
  token,
  validContact,
} from '../test/support/document-data.js';
import { withFakePortal, type PortalSetup } from './support/fake-portal.js';
import type { FakeTransport } from '../test/support/fake-transport.js';
import type { Packet } from '../src/contract/documents.js';

/**
 * The intake packet for Jordan (profile 11): the welcome, the ESIGN consent, a document to
 * sign, the contact form, the payment card (the iframe points at a payment origin that does
 * not exist in Storybook: the card review stories simulate its token), the completion screen
 * and the Documents tab. Keyboard: Tab through the text's links to the agreement, Space ticks
 * it, type the name, Enter signs; the error summary's links move focus to their fields.
 */
const meta: Meta = {
  title: 'Widgets/document-signer',
  component: 'document-signer',
  decorators: [withFakePortal],
  render: () => html`<document-signer endpoint=${ENDPOINT}></document-signer>`,
};
export default meta;
type Story = StoryObj;
type Play = NonNullable<Story['play']>;

const P = '/profiles/11';
const both = (api: FakeTransport, path: (language: string) => string, data: (language: string) => unknown) => {
  for (const language of ['en', 'es']) api.reply(path(language), data(language));
};

/** Every route of a working endpoint, `overrides` applied on top. */
const endpoint = (items?: Packet['items'], more: PortalSetup = () => {}, accepted = false): { portal: PortalSetup } => ({
  portal: (api) => {
    sessionStorage.clear();
    api.reply('GET /me/profiles', single);
    // Clinician HTML as the endpoint sends it, headings included: the widget shows each title once.
    both(api, (l) => `GET ${P}/documents/packet?language=${l}`, (l) => ({
      ...packet(items ? { items } : {}),
      language: l,
      esignConsent: { textVersion: 1, accepted },
      welcomeHtml: `<h2>${l === 'es' ? 'Bienvenido a Lakeside Counseling' : 'Welcome to Lakeside Counseling'}</h2>${packet().welcomeHtml}`,
    }));
    both(api, (l) => `GET ${P}/esign-consent?language=${l}`, (l) => ({
      ...consent,
      html: `<h2>${l === 'es' ? 'Consentimiento para firmar electrónicamente' : 'Consent to sign electronically'}</h2>${consent.html}`,
    }));
    both(api, (l) => `GET ${P}/documents/1?language=${l}`, () => documentVersion(`<h2>Informed consent for therapy</h2>${documentVersion().html}`));
    api
      .reply(`POST ${P}/esign-consent`, { textVersion: 1, language: 'en', accountId: 3, profileId: 11, acceptedAt: '2026-11-28T12:00:00Z' })
      .reply(`POST ${P}/signatures`, signedCopy.signature)
      .reply(`GET ${P}/forms/contact`, contactForm())
      .reply(`GET ${P}/forms/demographics`, demographicsForm())
      .reply(`PUT ${P}/forms/contact/draft`, { formId: 'contact', savedAt: '2026-11-28T12:00:00Z' })
      .reply(`POST ${P}/forms/contact/submission`, { formId: 'contact', submittedAt: '2026-11-28T12:00:00Z' })
      .reply(`GET ${P}/payment-card`, cardState())
      .reply(`PUT ${P}/payment-card`, { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030, savedAt: '2026-11-28T12:00:00Z' })
      .reply(`GET ${P}/signatures`, signedList)
      .reply(`GET ${P}/signatures/9`, signedCopy)
      .reply(`GET ${P}/signatures/9/pdf`, new Blob(['%PDF-1.7'], { type: 'application/pdf' }));
    more(api);
    connect(ENDPOINT).session.set({ token: 'story' });
  },
});

const pause = (ms = 60) => new Promise((resolve) => setTimeout(resolve, ms));
const shadow = (canvas: HTMLElement) => canvas.querySelector('document-signer')!.shadowRoot!;
const click = async (canvas: HTMLElement, part: string) => {
  for (let i = 0; i < 40 && !shadow(canvas).querySelector(`[part~="${part}"]`); i++) await pause(25);
  shadow(canvas).querySelector<HTMLElement>(`[part~="${part}"]`)!.click();
  await pause();
};
const field = (canvas: HTMLElement, id: string) => shadow(canvas).querySelector<HTMLInputElement>(`#f-${id}`)!;
const type = (input: HTMLInputElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
};
const steps =
  (...actions: Array<(canvas: HTMLElement) => Promise<void> | void>): Play =>
  async ({ canvasElement }) => {
    await pause(100);
    for (const action of actions) await action(canvasElement);
  };

const start = (c: HTMLElement) => click(c, 'start-button');
const agree = (c: HTMLElement) => field(c, 'agreed').click();
const signIt = async (c: HTMLElement) => {
  agree(c);
  type(field(c, 'fullName'), 'Jordan Lee');
  await click(c, 'continue-button');
};
const fillContact = (c: HTMLElement) => {
  for (const [id, value] of Object.entries(validContact)) type(field(c, id), value);
};
const postToken = async (c: HTMLElement) => {
  const frame = shadow(c).querySelector('iframe')!;
  window.dispatchEvent(new MessageEvent('message', { data: token, origin: PAYMENT_ORIGIN, source: frame.contentWindow }));
  await pause();
};

const stories = {
  SignedOut: { parameters: { portal: () => sessionStorage.clear() } },
  NoProfile: { parameters: endpoint(undefined, (api) => api.reply('GET /me/profiles', household())) },
  Loading: { parameters: endpoint(undefined, (api) => api.hold(`GET ${P}/documents/packet?language=en`).hold(`GET ${P}/documents/packet?language=es`)) },
  LoadError: {
    parameters: endpoint(undefined, (api) => api.fail(`GET ${P}/documents/packet?language=en`, 'network').fail(`GET ${P}/documents/packet?language=es`, 'network')),
  },
  NothingToSign: { parameters: endpoint([]) },
  Welcome: { parameters: endpoint() },
  Consent: { parameters: endpoint(), play: steps(start) },
  ConsentNotTicked: { parameters: endpoint(), play: steps(start, (c) => click(c, 'continue-button')) },
  Document: { parameters: endpoint(undefined, undefined, true), play: steps(start) },
  DocumentErrors: { parameters: endpoint(undefined, undefined, true), play: steps(start, (c) => click(c, 'continue-button')) },
  GuardianForMaya: {
    parameters: endpoint(undefined, (api) => {
      api.reply('GET /me/profiles', household(maya.id));
      both(api, (l) => `GET /profiles/12/documents/packet?language=${l}`, (l) => ({ ...packet(), profileId: 12, language: l, esignConsent: { textVersion: 1, accepted: true } }));
      both(api, (l) => `GET /profiles/12/documents/1?language=${l}`, () => documentVersion());
    }),
    play: steps(start, agree, (c) => click(c, 'continue-button')),
  },
  ContactForm: { parameters: endpoint([{ kind: 'form', formId: 'contact', status: 'pending' }]), play: steps(start) },
  FormErrors: {
    parameters: endpoint([{ kind: 'form', formId: 'contact', status: 'pending' }]),
    play: steps(start, (c) => type(field(c, 'postalCode'), '123'), (c) => click(c, 'continue-button')),
  },
  Demographics: { parameters: endpoint([{ kind: 'form', formId: 'demographics', status: 'pending' }]), play: steps(start) },
  Review: { parameters: endpoint([{ kind: 'form', formId: 'contact', status: 'pending' }]), play: steps(start, fillContact, (c) => click(c, 'continue-button')) },
  Card: { parameters: endpoint([{ kind: 'payment_card', status: 'pending' }]), play: steps(start) },
  CardReview: { parameters: endpoint([{ kind: 'payment_card', status: 'pending' }]), play: steps(start, postToken) },
  CardOnFile: {
    parameters: endpoint([{ kind: 'payment_card', status: 'pending' }], (api) =>
      api.reply(`GET ${P}/payment-card`, cardState({ brand: 'mastercard', last4: '4444', expMonth: 1, expYear: 2031, savedAt: '2026-11-01T00:00:00Z' })),
    ),
    play: steps(start),
  },
  SignAndFinish: { parameters: endpoint([{ kind: 'document', documentId: 1, version: 1, title: 'Informed consent for therapy', status: 'pending', signedVersion: null, signatureId: null }], undefined, true), play: steps(start, signIt) },
  Done: { parameters: endpoint(undefined, (api) => api.reply(`GET ${P}/documents/packet?language=en`, packet({ completed: true, items: packet().items.map((i) => ({ ...i, status: 'completed' as const })) })).reply(`GET ${P}/documents/packet?language=es`, packet({ language: 'es', completed: true, items: packet().items.map((i) => ({ ...i, status: 'completed' as const })) }))) },
  Documents: { parameters: endpoint([]), play: steps((c) => click(c, 'documents-button')) },
  SignedCopy: { parameters: endpoint([]), play: steps((c) => click(c, 'documents-button'), (c) => click(c, 'view-button')) },
} satisfies Record<string, Story>;

const spanish = (story: Story): Story => ({ ...story, globals: { locale: 'es' } });

export const SignedOut: Story = stories.SignedOut;
export const NoProfile: Story = stories.NoProfile;
export const Loading: Story = stories.Loading;
export const LoadError: Story = stories.LoadError;
export const NothingToSign: Story = stories.NothingToSign;
export const Welcome: Story = stories.Welcome;
export const Consent: Story = stories.Consent;
export const ConsentNotTicked: Story = stories.ConsentNotTicked;
export const Document: Story = stories.Document;
export const DocumentErrors: Story = stories.DocumentErrors;
export const GuardianForMaya: Story = stories.GuardianForMaya;
export const ContactForm: Story = stories.ContactForm;
export const FormErrors: Story = stories.FormErrors;
export const Demographics: Story = stories.Demographics;
export const Review: Story = stories.Review;
export const Card: Story = stories.Card;
export const CardReview: Story = stories.CardReview;
export const CardOnFile: Story = stories.CardOnFile;
export const SignAndFinish: Story = stories.SignAndFinish;
export const Done: Story = stories.Done;
export const Documents: Story = stories.Documents;
export const SignedCopy: Story = stories.SignedCopy;

export const SignedOutEs: Story = spanish(stories.SignedOut);
export const NoProfileEs: Story = spanish(stories.NoProfile);
export const LoadingEs: Story = spanish(stories.Loading);
export const LoadErrorEs: Story = spanish(stories.LoadError);
export const NothingToSignEs: Story = spanish(stories.NothingToSign);
export const WelcomeEs: Story = spanish(stories.Welcome);
export const ConsentEs: Story = spanish(stories.Consent);
export const ConsentNotTickedEs: Story = spanish(stories.ConsentNotTicked);
export const DocumentEs: Story = spanish(stories.Document);
export const DocumentErrorsEs: Story = spanish(stories.DocumentErrors);
export const GuardianForMayaEs: Story = spanish(stories.GuardianForMaya);
export const ContactFormEs: Story = spanish(stories.ContactForm);
export const FormErrorsEs: Story = spanish(stories.FormErrors);
export const DemographicsEs: Story = spanish(stories.Demographics);
export const ReviewEs: Story = spanish(stories.Review);
export const CardEs: Story = spanish(stories.Card);
export const CardReviewEs: Story = spanish(stories.CardReview);
export const CardOnFileEs: Story = spanish(stories.CardOnFile);
export const SignAndFinishEs: Story = spanish(stories.SignAndFinish);
export const DoneEs: Story = spanish(stories.Done);
export const DocumentsEs: Story = spanish(stories.Documents);
export const SignedCopyEs: Story = spanish(stories.SignedCopy);
