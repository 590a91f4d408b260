import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/portal-signin/portal-signin.define.js';
import type { PortalSignin } from '../../src/elements/portal-signin/portal-signin.js';
import { FakeTransport } from '../support/fake-transport.js';
import { ENDPOINT, lakesideInfo } from '../support/data.js';
import { LINK_TOKEN, sessionCreated, sessionInfo } from '../support/signin-data.js';
import { configurePortal, connect, resetPortal } from '../../src/core/config.js';
import { setPortalLocale } from '../../src/core/i18n/localization.js';

const root = (el: Element) => el.shadowRoot!;
const text = (el: Element) => root(el).textContent.replace(/\s+/g, ' ').trim();
const part = <T extends Element = HTMLElement>(el: Element, name: string) =>
  root(el).querySelector<T>(`[part~="${name}"]`)!;

async function signin(): Promise<PortalSignin> {
  return fixture<PortalSignin>(html`<portal-signin endpoint=${ENDPOINT}></portal-signin>`);
}

async function typeInto(input: HTMLInputElement, value: string) {
  input.focus();
  input.value = '';
  await sendKeys({ type: value });
}

describe('<portal-signin>', () => {
  let api: FakeTransport;

  beforeEach(async () => {
    await setPortalLocale('en');
    sessionStorage.clear();
    resetPortal();
    history.replaceState(null, '', location.pathname + location.search);
    api = new FakeTransport().reply('GET /info', lakesideInfo);
    configurePortal({
      transport: (_endpoint, session) => ({
        send: async (request) => {
          const result = await api.send(request);
          if (session.token) session.touch();
          return result as never;
        },
      }),
    });
  });

  after(() => setPortalLocale('en'));

  it('offers the two choices named in the guide, and passes axe', async () => {
    const el = await signin();
    expect(part(el, 'existing-client-button').textContent).to.contain("I'm an Existing Client");
    expect(part(el, 'new-client-button').textContent).to.contain("I'm a New Client");
    await expect(el).to.be.accessible();
  });

  it('fires portal-new-client, or follows new-client-href', async () => {
    const el = await signin();
    setTimeout(() => part(el, 'new-client-button').click());
    await oneEvent(el, 'portal-new-client');
    const linked = await fixture<PortalSignin>(
      html`<portal-signin endpoint=${ENDPOINT} new-client-href="/intake"></portal-signin>`,
    );
    expect(part(linked, 'new-client-button').getAttribute('href')).to.equal('/intake');
  });

  it('emails a link, keyboard only: validation first, then "Check your inbox"', async () => {
    api.reply('POST /auth/link', { status: 'sent', validForSeconds: 86400, emailCode: true });
    const el = await signin();
    part(el, 'existing-client-button').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(root(el).activeElement?.getAttribute('part')).to.equal('heading');

    const input = part<HTMLInputElement>(el, 'input');
    expect(input.getAttribute('autocomplete')).to.equal('email');
    await typeInto(input, 'not-an-email');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(text(el)).to.contain('Enter an email address like name@example.com.');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.equal('signin-email-error');
    expect(api.requests.filter((r) => r.method === 'POST')).to.have.length(0);
    await expect(el).to.be.accessible();

    await typeInto(input, 'jordan@example.com');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(el).includes('Check your inbox'));
    expect(api.lastRequest!.body).to.include({ email: 'jordan@example.com', language: 'en' });
    expect(text(el)).to.contain('24 hours');
    await expect(el).to.be.accessible();
  });

  it('opens the troubleshooting tips with the office phone', async () => {
    api.reply('POST /auth/link', { status: 'sent', validForSeconds: 86400, emailCode: true });
    const el = await signin();
    part(el, 'existing-client-button').click();
    await el.updateComplete;
    await typeInto(part<HTMLInputElement>(el, 'input'), 'alex@example.com');
    part(el, 'submit-button').click();
    await waitUntil(() => part(el, 'tips-button'));
    const toggle = part(el, 'tips-button');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(part(el, 'tips').querySelector('a')!.getAttribute('href')).to.equal('tel:+15555550142');
    expect(part(el, 'tips').querySelectorAll('li')).to.have.length(5);
    await expect(el).to.be.accessible();
  });

  it('shows a countdown when requests are rate-limited, then allows a retry', async () => {
    api.fail('POST /auth/link', 'rate_limited', { status: 429, retryAfter: 1 });
    const el = await signin();
    part(el, 'existing-client-button').click();
    await el.updateComplete;
    await typeInto(part<HTMLInputElement>(el, 'input'), 'alex@example.com');
    part(el, 'submit-button').click();
    await waitUntil(() => root(el).querySelector('[role="alert"]'));
    expect(text(el)).to.contain('Too many attempts');
    expect(part<HTMLButtonElement>(el, 'submit-button').disabled).to.equal(true);
    await expect(el).to.be.accessible();
    await waitUntil(() => !part<HTMLButtonElement>(el, 'submit-button').disabled, 'countdown did not end', {
      timeout: 3000,
    });
    expect(text(el)).to.contain('You can try again now.');
  });

  it('signs in with a PIN: spaces ignored, one generic refusal, autofill-friendly', async () => {
    api.fail('POST /auth/pin', 'unauthorized', { status: 401, reason: 'invalid_credentials' });
    const el = await signin();
    part(el, 'existing-client-button').click();
    await el.updateComplete;
    part(el, 'pin-button').click();
    await el.updateComplete;
    const [email, pin] = [...root(el).querySelectorAll('input')];
    expect(pin.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(pin.getAttribute('inputmode')).to.equal('numeric');
    expect(pin.hasAttribute('maxlength')).to.equal(false);
    await typeInto(email, 'jordan@example.com');
    await typeInto(pin, '12');
    part(el, 'submit-button').click();
    await el.updateComplete;
    expect(text(el)).to.contain('The PIN code has 6 digits.');

    await typeInto(pin, '123 456');
    part(el, 'submit-button').click();
    await waitUntil(() => root(el).querySelector('.form-error'));
    expect(api.lastRequest!.body).to.deep.equal({ email: 'jordan@example.com', pin: '123456' });
    expect(text(el)).to.contain("That email and PIN weren't accepted");
    await expect(el).to.be.accessible();

    api.reply('POST /auth/pin', sessionCreated);
    const signedIn = oneEvent(el, 'portal-signed-in');
    part(el, 'submit-button').click();
    expect((await signedIn).detail).to.deep.equal({ method: 'pin' });
    await el.updateComplete;
    expect(text(el)).to.contain('Signed in as j•••@example.com');
    expect(connect(ENDPOINT).session.token).to.equal('session-token');
    await expect(el).to.be.accessible();
  });

  describe('the code from the email (R16)', () => {
    /** Keyboard only: existing client, email, Enter; ends on "Check your inbox". */
    async function toSent(emailCode: boolean | undefined = true): Promise<PortalSignin> {
      api.reply('POST /auth/link', { status: 'sent', validForSeconds: 86400, emailCode });
      const el = await signin();
      part(el, 'existing-client-button').focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      await typeInto(part<HTMLInputElement>(el, 'input'), 'jordan@example.com');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => text(el).includes('Check your inbox'));
      return el;
    }
    const codeInput = (el: Element) => root(el).querySelector<HTMLInputElement>('input[name="code"]')!;

    it('offers a labelled, autofill-friendly code field in "Check your inbox", and passes axe', async () => {
      const el = await toSent();
      const input = codeInput(el);
      expect(input.getAttribute('inputmode')).to.equal('numeric');
      expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
      expect(input.hasAttribute('maxlength')).to.equal(false);
      expect(root(el).querySelector('label[for="signin-code"]')!.textContent).to.contain('Code from the email');
      expect(input.getAttribute('aria-describedby')).to.equal('signin-code-hint');
      expect(text(el)).to.contain('Link not working?');
      await expect(el).to.be.accessible();
    });

    it('offers no code field when the endpoint says the email has none', async () => {
      const el = await toSent(false);
      expect(root(el).querySelector('input[name="code"]')).to.equal(null);
      expect(text(el)).to.not.contain('Link not working?');
      await expect(el).to.be.accessible();
    });

    it('keyboard only: validates, shows the refusal inline, then signs in with the email already entered', async () => {
      api.fail('POST /auth/email-code', 'unauthorized', { status: 401, reason: 'invalid_credentials' });
      const el = await toSent();
      await typeInto(codeInput(el), '12');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(text(el)).to.contain('The code has 6 digits.');
      expect(codeInput(el).getAttribute('aria-invalid')).to.equal('true');
      expect(codeInput(el).getAttribute('aria-describedby')).to.equal('signin-code-hint signin-code-error');
      expect(root(el).activeElement).to.equal(codeInput(el));
      expect(api.requests.some((r) => r.path === '/auth/email-code')).to.equal(false);
      await expect(el).to.be.accessible();

      await typeInto(codeInput(el), '123 456');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => root(el).querySelector('.form-error'));
      expect(api.lastRequest!.body).to.deep.equal({ email: 'jordan@example.com', code: '123456' });
      expect(root(el).querySelector('.form-error')!.getAttribute('role')).to.equal('alert');
      expect(text(el)).to.contain("That code didn't work.");
      expect(text(el)).to.not.contain('PIN');
      await expect(el).to.be.accessible();

      api.reply('POST /auth/email-code', sessionCreated);
      const signedIn = oneEvent(el, 'portal-signed-in');
      codeInput(el).focus();
      await sendKeys({ press: 'Enter' });
      expect((await signedIn).detail).to.deep.equal({ method: 'link' });
      await el.updateComplete;
      expect(text(el)).to.contain('Signed in as j•••@example.com');
      expect(connect(ENDPOINT).session.token).to.equal('session-token');
    });

    it('rate-limited: the existing wait wording and countdown', async () => {
      api.fail('POST /auth/email-code', 'rate_limited', { status: 429, retryAfter: 30 });
      const el = await toSent();
      await typeInto(codeInput(el), '123456');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => root(el).querySelector('[role="alert"]'));
      expect(text(el)).to.contain('Too many attempts');
      expect(part<HTMLButtonElement>(el, 'submit-button').disabled).to.equal(true);
      await expect(el).to.be.accessible();

      // The wait is the code's: asking for a new link stays possible (R23).
      [...root(el).querySelectorAll<HTMLButtonElement>('[part~="back-button"]')].find((b) => b.textContent.includes('Request a new link'))!.click();
      await el.updateComplete;
      expect(part<HTMLButtonElement>(el, 'submit-button').disabled).to.equal(false);
      expect(text(el)).to.not.contain('You can try again in');
    });

    it('speaks Spanish', async () => {
      api.fail('POST /auth/email-code', 'unauthorized', { status: 401, reason: 'invalid_credentials' });
      const el = await toSent();
      await setPortalLocale('es');
      await el.updateComplete;
      expect(root(el).querySelector('label[for="signin-code"]')!.textContent).to.contain('Código del correo');
      await typeInto(codeInput(el), '123456');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => root(el).querySelector('.form-error'));
      expect(text(el)).to.contain('Ese código no funcionó.');
      await expect(el).to.be.accessible();
    });
  });

  describe('a second link request within the minute (R10)', () => {
    const backTo = (el: Element, label: string) =>
      [...root(el).querySelectorAll<HTMLButtonElement>('[part~="back-button"]')].find((b) => b.textContent.includes(label))!;

    /** Asks for a link for Jordan, the endpoint answering `answer`. */
    async function askedOnce(answer: object): Promise<PortalSignin> {
      api.reply('POST /auth/link', { validForSeconds: 86400, emailCode: true, ...answer });
      const el = await signin();
      part(el, 'existing-client-button').click();
      await el.updateComplete;
      await typeInto(part<HTMLInputElement>(el, 'input'), 'jordan@example.com');
      await sendKeys({ press: 'Enter' });
      return el;
    }

    it('says that no new email left and when another link can be sent; the code form stays usable', async () => {
      const el = await askedOnce({ status: 'sent', resendAfterSeconds: 60 });
      await waitUntil(() => text(el).includes('Check your inbox'));
      expect(text(el)).to.contain('a sign-in link is on its way');
      expect(part(el, 'resend-countdown').textContent).to.contain('You can ask for another link in 1 minute.');

      backTo(el, 'Request a new link').focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(part(el, 'resend-countdown').textContent, 'the form says it too').to.contain('You can ask for another link in');
      api.reply('POST /auth/link', { status: 'held', validForSeconds: 86400, resendAfterSeconds: 42, emailCode: true });
      part<HTMLInputElement>(el, 'input').focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => text(el).includes('no new email was sent'));
      expect(text(el)).to.contain('Check your inbox');
      expect(text(el)).to.not.contain('a sign-in link is on its way');
      expect(part(el, 'resend-countdown').textContent).to.contain('You can ask for another link in 42 seconds.');
      expect(root(el).querySelector('input[name="code"]'), 'the code from the first email still works').to.not.equal(null);
      await expect(el).to.be.accessible();

      await setPortalLocale('es');
      await el.updateComplete;
      expect(text(el)).to.contain('así que esta vez no se envió otro correo');
      expect(part(el, 'resend-countdown').textContent).to.contain('Podrá pedir otro enlace en');
      await expect(el).to.be.accessible();
    });

    it('the wait belongs to the address: another address shows none', async () => {
      const el = await askedOnce({ status: 'sent', resendAfterSeconds: 60 });
      await waitUntil(() => text(el).includes('Check your inbox'));
      backTo(el, 'Request a new link').click();
      await el.updateComplete;
      await typeInto(part<HTMLInputElement>(el, 'input'), 'casey@example.com');
      await el.updateComplete;
      expect(part(el, 'resend-countdown')).to.equal(null);
    });

    it('counts down to "You can ask for another link now."', async () => {
      const el = await askedOnce({ status: 'held', resendAfterSeconds: 1, emailCode: false });
      await waitUntil(() => text(el).includes('You can ask for another link now.'), 'announced when the wait is over', { timeout: 4000 });
      expect(part(el, 'resend-countdown')).to.equal(null);
    });
  });

  describe('the emailed link', () => {
    beforeEach(() => history.replaceState(null, '', `${location.pathname}${location.search}#ml=${LINK_TOKEN}`));

    it('takes the token from the fragment, removes it, and signs in only on the click', async () => {
      api.reply('POST /auth/link/preview', { maskedEmail: 'j•••@example.com' }).reply('POST /auth/link/redeem', sessionCreated);
      const el = await signin();
      expect(location.hash).to.equal('');
      await waitUntil(() => part(el, 'continue-button'));
      expect(part(el, 'continue-button').textContent).to.contain('Continue as j•••@example.com');
      expect(api.requests.map((r) => r.path)).to.not.include('/auth/link/redeem');
      await expect(el).to.be.accessible();

      const signedIn = oneEvent(el, 'portal-signed-in');
      part(el, 'continue-button').click();
      expect((await signedIn).detail.method).to.equal('link');
      expect(api.requests.find((r) => r.path === '/auth/link/redeem')!.body).to.deep.equal({ token: LINK_TOKEN });
    });

    const problems: Array<[string, string]> = [
      ['link_expired', 'This sign-in link has expired'],
      ['link_used', 'This sign-in link was already used'],
      ['link_superseded', 'A newer sign-in link was sent'],
      ['link_invalid', "This sign-in link isn't valid"],
    ];
    for (const [reason, title] of problems) {
      it(`explains ${reason} and offers a new link in one click`, async () => {
        api.fail('POST /auth/link/preview', reason === 'link_used' ? 'conflict' : 'not_found', { reason });
        const el = await signin();
        await waitUntil(() => text(el).includes(title));
        await expect(el).to.be.accessible();
        part(el, 'new-link-button').click();
        await el.updateComplete;
        expect(part(el, 'input')).to.exist;
      });
    }

    it('explains a link that fails at the click (used in another tab meanwhile)', async () => {
      api
        .reply('POST /auth/link/preview', { maskedEmail: 'j•••@example.com' })
        .fail('POST /auth/link/redeem', 'conflict', { reason: 'link_used' });
      const el = await signin();
      await waitUntil(() => part(el, 'continue-button'));
      part(el, 'continue-button').click();
      await waitUntil(() => text(el).includes('already used'));
    });
  });

  it('notices a link opened in a tab that already shows the page (only the fragment changes)', async () => {
    api.reply('POST /auth/link/preview', { maskedEmail: 'a•••@example.com' });
    const el = await signin();
    expect(part(el, 'existing-client-button')).to.exist;
    location.hash = `ml=${LINK_TOKEN}`;
    await waitUntil(() => part(el, 'continue-button'), 'hashchange was not handled');
    expect(location.hash).to.equal('');
  });

  it('restores a session after a reload and shows who is signed in', async () => {
    api.reply('GET /auth/session', sessionInfo);
    connect(ENDPOINT).session.set({ token: 't' });
    const el = await signin();
    await waitUntil(() => text(el).includes('Signed in as j•••@example.com'));
  });

  it('signs out every widget on the endpoint, and reports it', async () => {
    api.reply('GET /auth/session', sessionInfo).reply('DELETE /auth/session', undefined);
    connect(ENDPOINT).session.set({ token: 't' });
    const a = await signin();
    const b = await signin();
    await waitUntil(() => part(b, 'sign-out-button'));
    const signedOut = oneEvent(b, 'portal-signed-out');
    part(a, 'sign-out-button').click();
    expect((await signedOut).detail).to.deep.equal({ reason: 'signed-out' });
    await b.updateComplete;
    expect(part(b, 'existing-client-button')).to.exist;
    expect(connect(ENDPOINT).session.signedIn).to.equal(false);
  });

  it('shows the expired state when the session lapses', async () => {
    api.reply('GET /auth/session', sessionInfo);
    connect(ENDPOINT).session.set({ token: 't' });
    const el = await signin();
    await waitUntil(() => part(el, 'sign-out-button'));
    const signedOut = oneEvent(el, 'portal-signed-out');
    connect(ENDPOINT).session.clear('expired');
    expect((await signedOut).detail.reason).to.equal('expired');
    await el.updateComplete;
    expect(text(el)).to.contain('You were signed out');
    await expect(el).to.be.accessible();
  });

  it('warns before the idle timeout in a dialog, and "Stay signed in" keeps the session', async () => {
    api.reply('GET /auth/session', { ...sessionInfo, idleTimeoutSeconds: 121 });
    connect(ENDPOINT).session.set({ token: 't' });
    const el = await signin();
    const dialog = await waitUntil(() => root(el).querySelector('dialog[open]'), 'no warning', { timeout: 3000 }).then(
      () => root(el).querySelector('dialog')!,
    );
    expect(dialog.textContent).to.contain('Are you still there?');
    expect(root(el).activeElement?.getAttribute('part')).to.equal('stay-button');
    await expect(el).to.be.accessible();
    const before = api.requests.length;
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !root(el).querySelector('dialog'));
    expect(api.requests.length).to.equal(before + 1);
    expect(connect(ENDPOINT).session.signedIn).to.equal(true);
  });

  it('speaks Spanish', async () => {
    const el = await signin();
    await setPortalLocale('es');
    await el.updateComplete;
    expect(part(el, 'existing-client-button').textContent).to.contain('Soy un Cliente Existente');
    await expect(el).to.be.accessible();
  });
});
