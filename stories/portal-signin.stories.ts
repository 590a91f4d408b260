import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/portal-signin/portal-signin.define.js';
import type { PortalSignin } from '../src/elements/portal-signin/portal-signin.js';
import { connect } from '../src/core/config.js';
import { ENDPOINT, lakesideInfo } from '../test/support/data.js';
import { LINK_TOKEN, sessionCreated, sessionInfo } from '../test/support/signin-data.js';
import { withFakePortal, type PortalSetup } from './support/fake-portal.js';

/**
 * Sign-in by emailed link (or the 6-digit code in the same email) or office PIN. Every state below is reached the way a client
 * reaches it: by clicks on the element, or by opening the emailed link (a `#ml=` fragment).
 * Keyboard: Tab moves between the choices and fields; Enter submits; Escape in the idle
 * warning means "Stay signed in". Each step's heading takes focus when the step appears.
 */
const meta: Meta = {
  title: 'Widgets/portal-signin',
  component: 'portal-signin',
  decorators: [withFakePortal],
  render: () => html`<portal-signin endpoint=${ENDPOINT}></portal-signin>`,
};
export default meta;
type Story = StoryObj;

const base: PortalSetup = (api) => {
  api.reply('GET /info', lakesideInfo).reply('POST /auth/link', { status: 'sent', validForSeconds: 86400, emailCode: true });
  sessionStorage.clear();
  history.replaceState(null, '', location.pathname + location.search);
};
const setup = (more?: PortalSetup) => ({ portal: ((api) => (base(api), more?.(api))) satisfies PortalSetup });

async function element(canvas: HTMLElement): Promise<PortalSignin> {
  const el = canvas.querySelector('portal-signin')!;
  await el.updateComplete;
  return el;
}
const q = (el: PortalSignin, part: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${part}"]`)!;
async function click(el: PortalSignin, part: string) {
  q(el, part).click();
  await el.updateComplete;
}
async function typeEmail(el: PortalSignin, email: string) {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="email"]')!;
  input.value = email;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

type Play = NonNullable<Story['play']>;
const toEmail: Play = async ({ canvasElement }) => click(await element(canvasElement), 'existing-client-button');
const toInvalidEmail: Play = async (context) => {
  await toEmail(context);
  const el = await element(context.canvasElement);
  await typeEmail(el, 'jordan@example');
  await click(el, 'submit-button');
};
const toSent: Play = async (context) => {
  await toEmail(context);
  const el = await element(context.canvasElement);
  await typeEmail(el, 'jordan@example.com');
  await click(el, 'submit-button');
  await settle();
};
const toTips: Play = async (context) => {
  await toSent(context);
  await click(await element(context.canvasElement), 'tips-button');
};
const toPin: Play = async (context) => {
  await toEmail(context);
  await click(await element(context.canvasElement), 'pin-button');
};
const toPinRefused: Play = async (context) => {
  await toPin(context);
  const el = await element(context.canvasElement);
  await typeEmail(el, 'jordan@example.com');
  el.shadowRoot!.querySelector<HTMLInputElement>('input[name="pin"]')!.value = '123456';
  await click(el, 'submit-button');
  await settle();
};
/** "Check your inbox", then the code from the email typed and submitted (R16). */
const toCode = (code: string): Play => async (context) => {
  await toSent(context);
  const el = await element(context.canvasElement);
  el.shadowRoot!.querySelector<HTMLInputElement>('input[name="code"]')!.value = code;
  await click(el, 'submit-button');
  await settle();
};
const withLink = (more?: PortalSetup) =>
  setup((api) => {
    more?.(api);
    history.replaceState(null, '', `${location.pathname}${location.search}#ml=${LINK_TOKEN}`);
  });
const signedIn = (idleTimeoutSeconds = 900) =>
  setup((api) => {
    api.reply('GET /auth/session', { ...sessionInfo, idleTimeoutSeconds }).reply('DELETE /auth/session', undefined);
    connect(ENDPOINT).session.set({ token: 'story-session' });
  });
const toExpired: Play = async ({ canvasElement }) => {
  await element(canvasElement);
  await settle();
  connect(ENDPOINT).session.clear('expired');
};

const stories = {
  Choose: { parameters: setup() },
  EmailEntry: { parameters: setup(), play: toEmail },
  EmailInvalid: { parameters: setup(), play: toInvalidEmail },
  Sending: { parameters: setup((api) => api.hold('POST /auth/link')), play: toSent },
  CheckYourInbox: { parameters: setup(), play: toSent },
  /** An endpoint whose emails carry no code (R16 off): the link alone. */
  CheckYourInboxNoCode: {
    parameters: setup((api) => api.reply('POST /auth/link', { status: 'sent', validForSeconds: 86400, emailCode: false })),
    play: toSent,
  },
  /** Asked again within the minute (R10): no new email, and when another link can be sent. */
  CheckYourInboxHeld: {
    parameters: setup((api) =>
      api.reply('POST /auth/link', { status: 'held', validForSeconds: 86400, resendAfterSeconds: 42, emailCode: true }),
    ),
    play: toSent,
  },
  TroubleshootingTips: { parameters: setup(), play: toTips },
  RateLimited: {
    parameters: setup((api) => api.fail('POST /auth/link', 'rate_limited', { status: 429, retryAfter: 45 })),
    play: toSent,
  },
  NetworkError: { parameters: setup((api) => api.fail('POST /auth/link', 'network')), play: toSent },
  CodeInvalid: { parameters: setup(), play: toCode('12') },
  CodeSigningIn: { parameters: setup((api) => api.hold('POST /auth/email-code')), play: toCode('123456') },
  CodeRefused: {
    parameters: setup((api) => api.fail('POST /auth/email-code', 'unauthorized', { status: 401, reason: 'invalid_credentials' })),
    play: toCode('123456'),
  },
  CodeRateLimited: {
    parameters: setup((api) => api.fail('POST /auth/email-code', 'rate_limited', { status: 429, retryAfter: 30 })),
    play: toCode('123456'),
  },
  PinEntry: { parameters: setup(), play: toPin },
  PinRefused: {
    parameters: setup((api) => api.fail('POST /auth/pin', 'unauthorized', { status: 401, reason: 'invalid_credentials' })),
    play: toPinRefused,
  },
  PinLocked: {
    parameters: setup((api) => api.fail('POST /auth/pin', 'rate_limited', { status: 429, retryAfter: 600 })),
    play: toPinRefused,
  },
  LinkChecking: { parameters: withLink((api) => api.hold('POST /auth/link/preview')) },
  LinkContinue: { parameters: withLink((api) => api.reply('POST /auth/link/preview', { maskedEmail: 'j•••@example.com' }).reply('POST /auth/link/redeem', sessionCreated)) },
  LinkExpired: { parameters: withLink((api) => api.fail('POST /auth/link/preview', 'not_found', { reason: 'link_expired' })) },
  LinkUsed: { parameters: withLink((api) => api.fail('POST /auth/link/preview', 'conflict', { reason: 'link_used' })) },
  LinkSuperseded: {
    parameters: withLink((api) => api.fail('POST /auth/link/preview', 'conflict', { reason: 'link_superseded' })),
  },
  LinkInvalid: { parameters: withLink((api) => api.fail('POST /auth/link/preview', 'not_found', { reason: 'link_invalid' })) },
  SignedIn: { parameters: signedIn() },
  IdleWarning: { parameters: signedIn(120) },
  Expired: { parameters: signedIn(), play: toExpired },
  NotConfigured: { render: () => html`<portal-signin></portal-signin>` },
} satisfies Record<string, Story>;

const spanish = (story: Story): Story => ({ ...story, globals: { locale: 'es' } });

export const Choose: Story = stories.Choose;
export const EmailEntry: Story = stories.EmailEntry;
export const EmailInvalid: Story = stories.EmailInvalid;
export const Sending: Story = stories.Sending;
export const CheckYourInbox: Story = stories.CheckYourInbox;
export const CheckYourInboxNoCode: Story = stories.CheckYourInboxNoCode;
export const CheckYourInboxHeld: Story = stories.CheckYourInboxHeld;
export const TroubleshootingTips: Story = stories.TroubleshootingTips;
export const RateLimited: Story = stories.RateLimited;
export const NetworkError: Story = stories.NetworkError;
export const CodeInvalid: Story = stories.CodeInvalid;
export const CodeSigningIn: Story = stories.CodeSigningIn;
export const CodeRefused: Story = stories.CodeRefused;
export const CodeRateLimited: Story = stories.CodeRateLimited;
export const PinEntry: Story = stories.PinEntry;
export const PinRefused: Story = stories.PinRefused;
export const PinLocked: Story = stories.PinLocked;
export const LinkChecking: Story = stories.LinkChecking;
export const LinkContinue: Story = stories.LinkContinue;
export const LinkExpired: Story = stories.LinkExpired;
export const LinkUsed: Story = stories.LinkUsed;
export const LinkSuperseded: Story = stories.LinkSuperseded;
export const LinkInvalid: Story = stories.LinkInvalid;
export const SignedIn: Story = stories.SignedIn;
export const IdleWarning: Story = stories.IdleWarning;
export const Expired: Story = stories.Expired;
export const NotConfigured: Story = stories.NotConfigured;

export const ChooseSpanish = spanish(stories.Choose);
export const EmailEntrySpanish = spanish(stories.EmailEntry);
export const EmailInvalidSpanish = spanish(stories.EmailInvalid);
export const SendingSpanish = spanish(stories.Sending);
export const CheckYourInboxSpanish = spanish(stories.CheckYourInbox);
export const CheckYourInboxNoCodeSpanish = spanish(stories.CheckYourInboxNoCode);
export const CheckYourInboxHeldSpanish = spanish(stories.CheckYourInboxHeld);
export const TroubleshootingTipsSpanish = spanish(stories.TroubleshootingTips);
export const RateLimitedSpanish = spanish(stories.RateLimited);
export const NetworkErrorSpanish = spanish(stories.NetworkError);
export const CodeInvalidSpanish = spanish(stories.CodeInvalid);
export const CodeSigningInSpanish = spanish(stories.CodeSigningIn);
export const CodeRefusedSpanish = spanish(stories.CodeRefused);
export const CodeRateLimitedSpanish = spanish(stories.CodeRateLimited);
export const PinEntrySpanish = spanish(stories.PinEntry);
export const PinRefusedSpanish = spanish(stories.PinRefused);
export const PinLockedSpanish = spanish(stories.PinLocked);
export const LinkCheckingSpanish = spanish(stories.LinkChecking);
export const LinkContinueSpanish = spanish(stories.LinkContinue);
export const LinkExpiredSpanish = spanish(stories.LinkExpired);
export const LinkUsedSpanish = spanish(stories.LinkUsed);
export const LinkSupersededSpanish = spanish(stories.LinkSuperseded);
export const LinkInvalidSpanish = spanish(stories.LinkInvalid);
export const SignedInSpanish = spanish(stories.SignedIn);
export const IdleWarningSpanish = spanish(stories.IdleWarning);
export const ExpiredSpanish = spanish(stories.Expired);
export const NotConfiguredSpanish = spanish(stories.NotConfigured);
