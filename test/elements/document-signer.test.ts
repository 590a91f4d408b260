import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/document-signer/document-signer.define.js';
import type { DocumentSigner } from '../../src/elements/document-signer/document-signer.js';
import { configurePortal, connect, resetPortal } from '../../src/core/config.js';
import { setPortalLocale } from '../../src/core/i18n/localization.js';
import { FakeTransport } from '../support/fake-transport.js';
import { ENDPOINT } from '../support/data.js';
import { household, maya, single } from '../support/profile-data.js';
import {
  HOSTILE_HTML,
  PAYMENT_ORIGIN,
  cardState,
  consent,
  contactForm,
  documentVersion,
  packet,
  replyWithPacketRoutes,
  signedCopy,
  token,
  validContact,
} from '../support/document-data.js';

const root = (el: Element) => el.shadowRoot!;
const text = (el: Element) => root(el).textContent.replace(/\s+/g, ' ').trim();
const part = <T extends HTMLElement = HTMLElement>(el: Element, name: string) => root(el).querySelector<T>(`[part~="${name}"]`);
const $ = <T extends HTMLElement = HTMLElement>(el: Element, selector: string) => root(el).querySelector<T>(selector);
const focused = (el: Element) => root(el).activeElement as HTMLElement | null;
const heading = (el: Element) => part(el, 'heading')?.textContent.trim();
const click = async (el: DocumentSigner, name: string) => {
  await waitUntil(() => part(el, name), `part ${name}`, { timeout: 3000 });
  part(el, name)!.click();
  await el.updateComplete;
};
const until = (el: DocumentSigner, name: string) => waitUntil(() => part(el, name), `part ${name}`, { timeout: 3000 });
const untilHeading = (el: DocumentSigner, title: string) =>
  waitUntil(() => heading(el) === title, `heading "${title}", got "${heading(el)}"`, { timeout: 3000 });

const P = '/profiles/11';

async function signer(): Promise<DocumentSigner> {
  return fixture<DocumentSigner>(html`<document-signer endpoint=${ENDPOINT}></document-signer>`);
}

function type(input: HTMLInputElement | HTMLSelectElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
}

function fillContact(el: DocumentSigner, values: Record<string, string> = validContact) {
  for (const [id, value] of Object.entries(values)) type($<HTMLInputElement>(el, `#f-${id}`)!, value);
}

describe('<document-signer>', () => {
  let api: FakeTransport;

  beforeEach(async () => {
    await setPortalLocale('en');
    sessionStorage.clear();
    resetPortal();
    api = replyWithPacketRoutes(new FakeTransport().reply('GET /me/profiles', single));
    configurePortal({ transport: () => api });
    connect(ENDPOINT).session.set({ token: 't' });
  });

  after(() => setPortalLocale('en'));

  it('signed out: asks to sign in, sends nothing, and passes axe', async () => {
    connect(ENDPOINT).session.clear();
    const el = await signer();
    expect(text(el)).to.contain('Sign in to see your documents and forms.');
    expect(api.requests).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('no profile chosen: asks for one; loading: says so politely', async () => {
    api.reply('GET /me/profiles', household());
    const el = await signer();
    await waitUntil(() => text(el).includes('Choose whose portal'));
    await expect(el).to.be.accessible();
    resetPortal();
    api.reply('GET /me/profiles', single).hold(`GET ${P}/documents/packet?language=en`);
    configurePortal({ transport: () => api });
    connect(ENDPOINT).session.set({ token: 't' });
    const loading = await signer();
    await waitUntil(() => text(loading).includes('Loading your documents…'));
    expect(part(loading, 'status')!.getAttribute('role')).to.equal('status');
    await expect(loading).to.be.accessible();
  });

  it('nothing to sign, and a failed load with Try again', async () => {
    api.reply(`GET ${P}/documents/packet?language=en`, packet({ items: [], completed: true, welcomeHtml: null }));
    const el = await signer();
    await untilHeading(el, 'Nothing to sign');
    await expect(el).to.be.accessible();
    api.fail(`GET ${P}/documents/packet?language=en`, 'network');
    const failing = await signer();
    await until(failing, 'retry-button');
    expect(part(failing, 'error')!.getAttribute('role')).to.equal('alert');
    await expect(failing).to.be.accessible();
    api.reply(`GET ${P}/documents/packet?language=en`, packet());
    await click(failing, 'retry-button');
    await untilHeading(failing, 'Welcome');
  });

  it('the whole packet: welcome, consent, document, form with errors, review, card, done; each passes axe', async () => {
    const el = await signer();
    await untilHeading(el, 'Welcome');
    expect(part(el, 'welcome-text')!.textContent).to.contain('Lakeside Counseling');
    expect(part(el, 'welcome-text')!.querySelector('strong'), 'clinician HTML keeps its markup').to.exist;
    await expect(el).to.be.accessible();

    await click(el, 'start-button');
    await untilHeading(el, 'Consent to sign electronically');
    expect(part(el, 'progress')!.textContent).to.contain('Step 1 of 4: consent to sign electronically');
    expect(focused(el)?.getAttribute('part')).to.equal('heading');
    await click(el, 'continue-button');
    expect($(el, '#f-agreed')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#f-agreed')!.getAttribute('aria-describedby')).to.equal('f-agreed-error');
    expect(api.requests.filter((r) => r.method === 'POST'), 'nothing accepted without the tick').to.have.length(0);
    await expect(el).to.be.accessible();
    $(el, '#f-agreed')!.click();
    await click(el, 'continue-button');
    await untilHeading(el, 'Informed consent for therapy');
    expect(api.requests.find((r) => r.path === `${P}/esign-consent` && r.method === 'POST')!.body).to.deep.equal({
      textVersion: 1,
      accept: true,
      language: 'en',
    });

    // The document: text, agreement, typed name.
    await until(el, 'document-text');
    expect(part(el, 'document-text')!.querySelector('a')!.getAttribute('rel')).to.equal('noopener noreferrer');
    expect($(el, '#f-relationship'), 'no relationship when signing for oneself').to.equal(null);
    await expect(el).to.be.accessible();
    await click(el, 'continue-button');
    expect(text(el)).to.contain('Tick this box to continue.').and.contain('Fill in this field.');
    expect($(el, '#f-fullName')!.getAttribute('aria-describedby')).to.equal('f-fullName-error');
    expect(focused(el)?.id).to.equal('f-agreed');
    await expect(el).to.be.accessible();
    $(el, '#f-agreed')!.click();
    type($<HTMLInputElement>(el, '#f-fullName')!, '  Jordan Lee ');
    await el.updateComplete;
    const signed = oneEvent(el, 'portal-document-signed');
    await click(el, 'continue-button');
    expect((await signed).detail).to.deep.equal({ profileId: 11, documentId: 1, signatureId: 9 });
    const body = api.requests.find((r) => r.path === `${P}/signatures`)!.body as Record<string, unknown>;
    expect(body).to.include({ documentId: 1, version: 1, fullName: 'Jordan Lee', agreed: true, language: 'en' });
    expect(body.textSha256, 'SHA-256 of the exact text shown').to.match(/^[0-9a-f]{64}$/).and.not.equal('a'.repeat(64));
    expect(body).not.to.have.property('relationship');

    // The contact form, rendered from its field descriptions.
    await untilHeading(el, 'Contact details');
    expect(part(el, 'progress')!.textContent).to.contain('Step 3 of 4: a form to fill in');
    expect($(el, '#f-postalCode')!.getAttribute('autocomplete')).to.equal('postal-code');
    expect($(el, '#f-mobilePhone')!.getAttribute('type')).to.equal('tel');
    expect($(el, 'label[for="f-addressLine2"]')!.textContent).to.contain('(optional)');
    expect([...root(el).querySelectorAll('legend')].map((l) => l.textContent.trim())).to.include.members(['Home address', 'Emergency contact']);
    await expect(el).to.be.accessible();
    fillContact(el, { addressLine1: '12 Lake St', postalCode: '123' });
    await el.updateComplete;
    await click(el, 'continue-button');
    const summary = part(el, 'error-summary')!;
    expect(summary.getAttribute('role')).to.equal('alert');
    expect(focused(el)).to.equal(summary);
    expect(summary.textContent).to.contain('There are 8 problems').and.contain('ZIP code: Enter a ZIP code like 12345 or 12345-6789.');
    const zip = $<HTMLInputElement>(el, '#f-postalCode')!;
    expect(zip.getAttribute('aria-invalid')).to.equal('true');
    expect(zip.getAttribute('aria-describedby')).to.equal('f-postalCode-error');
    expect($(el, '#f-postalCode-error')!.textContent).to.contain('Enter a ZIP code');
    await expect(el).to.be.accessible();
    (summary.querySelectorAll('a')[0] as HTMLElement).click();
    expect(focused(el)?.id).to.equal('f-city');
    fillContact(el);
    await el.updateComplete;
    expect(part(el, 'field-error'), 'errors clear as answers are fixed').to.equal(null);
    await click(el, 'continue-button');

    // Review before submitting (WCAG 3.3.4).
    await waitUntil(() => part(el, 'review'));
    expect(part(el, 'review')!.textContent).to.contain('Springfield').and.contain('Not answered');
    await expect(el).to.be.accessible();
    await click(el, 'edit-button');
    expect(($(el, '#f-city') as HTMLInputElement).value).to.equal('Springfield');
    await click(el, 'continue-button');
    await click(el, 'submit-button');
    await untilHeading(el, 'Payment card');
    expect((api.requests.find((r) => r.path === `${P}/forms/contact/submission`)!.body as { answers: object }).answers).to.include(validContact);

    // The card: an iframe on the payment origin; a token comes back by postMessage.
    const frame = part<HTMLIFrameElement>(el, 'card-frame')!;
    expect(new URL(frame.src).origin).to.equal(PAYMENT_ORIGIN);
    expect(new URL(frame.src).searchParams.get('parent')).to.equal(location.origin);
    await expect(el).to.be.accessible();
    window.dispatchEvent(new MessageEvent('message', { data: token, origin: PAYMENT_ORIGIN, source: frame.contentWindow }));
    await until(el, 'card-summary');
    expect(part(el, 'card-summary')!.textContent).to.contain('Visa ending in 4242, expires 12/2030');
    expect(part(el, 'submit-button')!.textContent).to.contain('Use this card');
    await expect(el).to.be.accessible();
    const completed = oneEvent(el, 'portal-packet-completed');
    await click(el, 'submit-button');
    expect((await completed).detail).to.deep.equal({ profileId: 11 });
    expect(api.requests.find((r) => r.method === 'PUT' && r.path === `${P}/payment-card`)!.body).to.deep.equal({
      token: 'tok_abcdef123456',
      brand: 'visa',
      last4: '4242',
      expMonth: 12,
      expYear: 2030,
    });
    await untilHeading(el, 'All done. Thank you!');
    await expect(el).to.be.accessible();
  });

  it('a guardian signing for a minor must give the relationship, which is sent', async () => {
    api
      .reply('GET /me/profiles', household(maya.id))
      .reply(`GET /profiles/12/documents/packet?language=en`, { ...packet(), profileId: 12, esignConsent: { textVersion: 1, accepted: true } })
      .reply(`GET /profiles/12/documents/1?language=en`, documentVersion())
      .reply(`POST /profiles/12/signatures`, { ...signedCopy.signature, profileId: 12, relationship: 'parent' })
      .reply(`GET /profiles/12/forms/contact`, contactForm());
    const el = await signer();
    await until(el, 'start-button');
    await click(el, 'start-button');
    await waitUntil(() => $(el, '#f-relationship'));
    expect(text(el)).to.contain('You are signing for Maya Lee.');
    expect($(el, 'label[for="f-relationship"]')!.textContent).to.contain('Your relationship to Maya Lee');
    $(el, '#f-agreed')!.click();
    type($<HTMLInputElement>(el, '#f-fullName')!, 'Jordan Lee');
    await click(el, 'continue-button');
    expect($(el, '#f-relationship-error')!.textContent).to.contain('Choose an answer.');
    expect(focused(el)?.id).to.equal('f-relationship');
    await expect(el).to.be.accessible();
    type($<HTMLSelectElement>(el, '#f-relationship')!, 'parent');
    await click(el, 'continue-button');
    await untilHeading(el, 'Contact details');
    expect(api.requests.find((r) => r.path === '/profiles/12/signatures')!.body).to.include({ relationship: 'parent' });
  });

  describe('one heading per step, and a step count that advances (issue 20)', () => {
    /** The headings a screen reader lists: role and level from the accessibility tree's view. */
    const outline = (el: Element) =>
      [...root(el).querySelectorAll<HTMLElement>('[role="heading"], h1, h2, h3, h4, h5, h6')].map((h) => {
        const level = h.getAttribute('aria-level') ?? h.tagName.slice(1);
        return `${level} ${h.textContent.replace(/\s+/g, ' ').trim()}`;
      });
    const withTitles = {
      welcomeHtml: '<h2>Welcome to Lakeside Counseling</h2><p>Please read and sign these before your first visit.</p>',
    };

    it("the practice's welcome heading is the step's only heading; the clinician's copy of a title is not said twice", async () => {
      api
        .reply(`GET ${P}/documents/packet?language=en`, packet(withTitles))
        .reply(`GET ${P}/esign-consent?language=en`, { ...consent, html: `<h2>Consent to sign electronically</h2><h3>Scope</h3>${consent.html}` })
        .reply(`GET ${P}/documents/1?language=en`, documentVersion('<h2>Informed consent for therapy</h2><h3>About therapy</h3><p>Therapy is a partnership.</p>'));
      const el = await signer();
      await untilHeading(el, 'Welcome to Lakeside Counseling');
      expect(outline(el)).to.deep.equal(['2 Welcome to Lakeside Counseling']);
      expect(text(el)).to.contain('There are 4 steps.');
      await expect(el).to.be.accessible();

      await click(el, 'start-button');
      await untilHeading(el, 'Consent to sign electronically');
      await until(el, 'consent-text');
      expect(outline(el)).to.deep.equal(['2 Consent to sign electronically', '3 Scope']);
      expect(part(el, 'progress')!.textContent).to.contain('Step 1 of 4: consent to sign electronically');
      $(el, '#f-agreed')!.click();
      await click(el, 'continue-button');

      await untilHeading(el, 'Informed consent for therapy');
      await until(el, 'document-text');
      expect(outline(el)).to.deep.equal(['2 Informed consent for therapy', '3 About therapy']);
      expect(part(el, 'progress')!.textContent, 'the document is the next step, not "1 of" again').to.contain('Step 2 of 4: a document to sign');
      await expect(el).to.be.accessible();
    });

    it("headings follow the host's heading-level, clinician headings below it", async () => {
      api
        .reply(`GET ${P}/documents/packet?language=en`, packet({ ...withTitles, esignConsent: { textVersion: 1, accepted: true } }))
        .reply(`GET ${P}/documents/1?language=en`, documentVersion('<h2>Informed consent for therapy</h2><h3>About therapy</h3><h4>Fees</h4>'));
      const el = await fixture<DocumentSigner>(html`<document-signer endpoint=${ENDPOINT} heading-level="3"></document-signer>`);
      await untilHeading(el, 'Welcome to Lakeside Counseling');
      await click(el, 'start-button');
      await untilHeading(el, 'Informed consent for therapy');
      await until(el, 'document-text');
      expect(outline(el)).to.deep.equal(['3 Informed consent for therapy', '4 About therapy', '5 Fees']);
      expect(part(el, 'progress')!.textContent, 'consent given on an earlier visit still counts as step 1').to.contain('Step 2 of 4: a document to sign');
    });

    it('speaks Spanish', async () => {
      api.reply(`GET ${P}/documents/packet?language=es`, packet()).reply(`GET ${P}/esign-consent?language=es`, consent);
      await setPortalLocale('es');
      const el = await signer();
      await until(el, 'start-button');
      expect(text(el)).to.contain('4');
      await click(el, 'start-button');
      await until(el, 'progress');
      expect(part(el, 'progress')!.textContent).to.contain('Paso 1 de 4: consentimiento para firmar electrónicamente');
      await expect(el).to.be.accessible();
    });
  });

  it('keyboard only: Tab to the checkbox, Space ticks, type the name, Enter signs', async () => {
    api.reply(`GET ${P}/documents/packet?language=en`, packet({ esignConsent: { textVersion: 1, accepted: true } }));
    const el = await signer();
    await until(el, 'start-button');
    part(el, 'start-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, '#f-agreed'));
    expect(focused(el)?.getAttribute('part')).to.equal('heading');
    // The document text holds one link: Tab passes it, then reaches the checkbox.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.id).to.equal('f-agreed');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.id).to.equal('f-fullName');
    await sendKeys({ type: 'Jordan Lee' });
    await sendKeys({ press: 'Enter' });
    await untilHeading(el, 'Contact details');
    expect(api.requests.find((r) => r.path === `${P}/signatures`)!.body).to.include({ fullName: 'Jordan Lee', agreed: true });
    expect(focused(el)?.getAttribute('part')).to.equal('heading');
  });

  it('script in clinician HTML never runs, and only sanitized markup is placed', async () => {
    const w = window as unknown as { __xss: number };
    w.__xss = 0;
    api
      .reply(`GET ${P}/documents/packet?language=en`, packet({ welcomeHtml: HOSTILE_HTML, esignConsent: { textVersion: 1, accepted: true } }))
      .reply(`GET ${P}/documents/1?language=en`, documentVersion(HOSTILE_HTML));
    const el = await signer();
    await until(el, 'welcome-text');
    await click(el, 'start-button');
    await until(el, 'document-text');
    const shown = part(el, 'document-text')!;
    await new Promise((r) => setTimeout(r, 200));
    for (const a of shown.querySelectorAll('a')) expect(a.getAttribute('href') ?? '').not.to.match(/javascript:/i);
    (shown.querySelector('a') as HTMLElement | null)?.click();
    await new Promise((r) => setTimeout(r, 100));
    expect(shown.querySelector('svg, [onerror], [onload]')).to.equal(null);
    expect(shown.textContent).to.contain('Hello').and.contain('End of document');
    expect(w.__xss).to.equal(0);
  });

  it('drafts save as the client types (debounced), and a reload resumes them', async () => {
    api.reply(`GET ${P}/documents/packet?language=en`, packet({ items: [{ kind: 'form', formId: 'contact', status: 'in_progress' }] }));
    api.reply(`GET ${P}/forms/contact`, contactForm({ answers: { city: 'Springfield' }, savedAt: '2026-11-28T11:00:00Z' }));
    const el = await signer();
    await untilHeading(el, 'Contact details');
    expect(($(el, '#f-city') as HTMLInputElement).value, 'a started packet resumes in the form').to.equal('Springfield');
    type($<HTMLInputElement>(el, '#f-addressLine1')!, '1');
    type($<HTMLInputElement>(el, '#f-addressLine1')!, '12');
    type($<HTMLInputElement>(el, '#f-addressLine1')!, '12 Lake St');
    await waitUntil(() => part(el, 'save-status')?.textContent.includes('Draft saved.'), 'saved', { timeout: 3000 });
    const drafts = api.requests.filter((r) => r.method === 'PUT');
    expect(drafts, 'one save per pause').to.have.length(1);
    expect(drafts[0].body).to.deep.equal({ answers: { city: 'Springfield', addressLine1: '12 Lake St' } });
    await expect(el).to.be.accessible();
  });

  describe('a draft still waiting for the pause in typing is sent at once, with keepalive, when', () => {
    const drafts = () => api.requests.filter((r) => r.method === 'PUT' && r.path === `${P}/forms/contact/draft`);
    let el: DocumentSigner;

    beforeEach(async () => {
      api.reply(`GET ${P}/documents/packet?language=en`, packet({ items: [{ kind: 'form', formId: 'contact', status: 'in_progress' }] }));
      el = await signer();
      await untilHeading(el, 'Contact details');
      type($<HTMLInputElement>(el, '#f-city')!, 'Springfield');
      expect(drafts(), 'nothing sent while typing').to.have.length(0);
    });

    // Checked synchronously, long before the 700 ms pause: the page may be gone by then.
    const sentNow = () => {
      expect(drafts()).to.have.length(1);
      expect(drafts()[0].body).to.deep.equal({ answers: { city: 'Springfield' } });
      expect(drafts()[0].keepalive).to.equal(true);
    };

    it('the page is closed or navigated away (pagehide)', async () => {
      window.dispatchEvent(new PageTransitionEvent('pagehide'));
      sentNow();
      await waitUntil(() => part(el, 'save-status')?.textContent.includes('Draft saved.'), 'saved', { timeout: 3000 });
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(drafts(), 'not sent a second time when the timer would have fired').to.have.length(1);
    });

    it('the page is hidden (visibilitychange), but not when it shows again', () => {
      const visibility = (state: DocumentVisibilityState) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
        document.dispatchEvent(new Event('visibilitychange'));
      };
      try {
        visibility('visible');
        expect(drafts()).to.have.length(0);
        visibility('hidden');
        sentNow();
      } finally {
        delete (document as { visibilityState?: unknown }).visibilityState;
      }
    });

    it('the widget leaves the page, and it stops listening', () => {
      el.remove();
      sentNow();
      type($<HTMLInputElement>(el, '#f-city')!, 'Chicago');
      window.dispatchEvent(new PageTransitionEvent('pagehide'));
      expect(drafts(), 'a removed widget no longer listens to the page').to.have.length(1);
    });

    it('the client opens the Documents tab from the form (no keepalive: the page stays)', async () => {
      await click(el, 'documents-button');
      expect(drafts()).to.have.length(1);
      expect(drafts()[0].keepalive).to.equal(undefined);
      await untilHeading(el, 'Completed documents');
    });
  });

  it('a language switch mid-form saves the draft first, then shows the same step in Spanish', async () => {
    api.reply(`GET ${P}/documents/packet?language=en`, packet({ items: [{ kind: 'form', formId: 'contact', status: 'in_progress' }] }));
    api.reply(`GET ${P}/documents/packet?language=es`, packet({ language: 'es', items: [{ kind: 'form', formId: 'contact', status: 'in_progress' }] }));
    const el = await signer();
    await untilHeading(el, 'Contact details');
    type($<HTMLInputElement>(el, '#f-city')!, 'Springfield');
    await setPortalLocale('es');
    await untilHeading(el, 'Datos de contacto');
    const order = api.requests.map((r) => `${r.method} ${r.path}`);
    const put = order.indexOf(`PUT ${P}/forms/contact/draft`);
    expect(put, 'the draft was saved').to.be.greaterThan(-1);
    expect(put).to.be.lessThan(order.lastIndexOf(`GET ${P}/forms/contact`));
    expect(api.requests[put].body).to.deep.equal({ answers: { city: 'Springfield' } });
  });

  it('the endpoint’s field errors come back to the form', async () => {
    api
      .reply(`GET ${P}/documents/packet?language=en`, packet({ items: [{ kind: 'form', formId: 'contact', status: 'pending' }] }))
      .fail(`POST ${P}/forms/contact/submission`, 'validation', { status: 400, fields: { 'answers.email': 'invalid' } });
    const el = await signer();
    await click(el, 'start-button');
    await untilHeading(el, 'Contact details');
    fillContact(el);
    await click(el, 'continue-button');
    await click(el, 'submit-button');
    await until(el, 'error-summary');
    expect(part(el, 'error-summary')!.textContent).to.contain('Email: Enter an email address like name@example.com.');
    expect($(el, '#f-email')!.getAttribute('aria-invalid')).to.equal('true');
  });

  it('the card frame: messages from any other origin or of another shape are ignored, with a warning', async () => {
    api.reply(`GET ${P}/documents/packet?language=en`, packet({ items: [{ kind: 'payment_card', status: 'pending' }] }));
    const el = await signer();
    await click(el, 'start-button');
    await until(el, 'card-frame');
    const source = part<HTMLIFrameElement>(el, 'card-frame')!.contentWindow;
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      window.dispatchEvent(new MessageEvent('message', { data: token, origin: 'https://evil.example', source }));
      window.dispatchEvent(new MessageEvent('message', { data: { ...token, number: '4242424242424242', token: 'x' }, origin: PAYMENT_ORIGIN, source }));
      window.dispatchEvent(new MessageEvent('message', { data: token, origin: PAYMENT_ORIGIN, source: window }));
    } finally {
      console.warn = warn;
    }
    await el.updateComplete;
    expect(part(el, 'card-summary')).to.equal(null);
    expect(warnings).to.have.length(2);
    // The processor's page runs its script on its own origin and submits its form, and nothing more.
    const frame = part<HTMLIFrameElement>(el, 'card-frame')!;
    expect([...frame.sandbox].sort()).to.deep.equal(['allow-forms', 'allow-same-origin', 'allow-scripts']);
    expect(frame.getAttribute('referrerpolicy')).to.equal('no-referrer');
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'portal-card-error', code: 'invalid_number' }, origin: PAYMENT_ORIGIN, source }));
    await el.updateComplete;
    expect(text(el)).to.contain('Check the card number.');
    await expect(el).to.be.accessible();
  });

  it('a card on file is shown by its last 4 only, and can be kept', async () => {
    api.reply(`GET ${P}/documents/packet?language=en`, packet({ items: [{ kind: 'payment_card', status: 'pending' }] }));
    api.reply(`GET ${P}/payment-card`, cardState({ brand: 'mastercard', last4: '4444', expMonth: 1, expYear: 2031, savedAt: '2026-11-01T00:00:00Z' }));
    const el = await signer();
    await click(el, 'start-button');
    await until(el, 'card-summary');
    expect(part(el, 'card-summary')!.textContent).to.contain('Mastercard ending in 4444, expires 01/2031');
    expect(part(el, 'card-frame'), 'no card entry until asked').to.equal(null);
    await expect(el).to.be.accessible();
    await click(el, 'continue-button');
    await untilHeading(el, 'All done. Thank you!');
  });

  it('Documents: completed documents with the date signed, the signed copy, and a PDF download', async () => {
    api.reply(`GET ${P}/documents/packet?language=en`, packet({ completed: true, items: [] }));
    api.reply(`GET ${P}/signatures/9/pdf`, new Blob(['%PDF-1.7'], { type: 'application/pdf' }));
    const el = await signer();
    await until(el, 'documents-button');
    await click(el, 'documents-button');
    await untilHeading(el, 'Completed documents');
    expect(part(el, 'document')!.textContent).to.contain('Informed consent for therapy').and.contain('Signed November 20, 2026');
    await expect(el).to.be.accessible();
    await click(el, 'view-button');
    await until(el, 'signature-block');
    expect(part(el, 'signature-block')!.textContent).to.contain('Signed by Jordan Lee on November 20, 2026');
    expect(part(el, 'document-text')!.textContent).to.contain('Therapy is a partnership.');
    await expect(el).to.be.accessible();
    const created: Blob[] = [];
    const original = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob) => (created.push(blob), original.call(URL, blob));
    try {
      await click(el, 'download-button');
      await waitUntil(() => created.length === 1);
    } finally {
      URL.createObjectURL = original;
    }
    expect(created[0].type).to.equal('application/pdf');
    expect(api.requests.find((r) => r.path === `${P}/signatures/9/pdf`)!.responseType).to.equal('blob');
    await click(el, 'back-button');
    await untilHeading(el, 'Completed documents');
  });

  it('a document updated while being read is shown again, with the reason', async () => {
    api
      .reply(`GET ${P}/documents/packet?language=en`, packet({ esignConsent: { textVersion: 1, accepted: true } }))
      .fail(`POST ${P}/signatures`, 'conflict', { status: 409, reason: 'document_changed' });
    const el = await signer();
    await click(el, 'start-button');
    await waitUntil(() => $(el, '#f-agreed'));
    $(el, '#f-agreed')!.click();
    type($<HTMLInputElement>(el, '#f-fullName')!, 'Jordan Lee');
    await click(el, 'continue-button');
    await waitUntil(() => part(el, 'error'));
    expect(part(el, 'error')!.textContent).to.contain('This document was updated while you were reading it.');
    expect(($(el, '#f-agreed') as HTMLInputElement).checked, 'agree again to the new text').to.equal(false);
    expect(api.requests.filter((r) => r.path === `${P}/documents/1?language=en`)).to.have.length(2);
  });

  it('a consent withdrawn meanwhile is asked for again before signing; a failed draft save says so', async () => {
    api
      .reply(`GET ${P}/documents/packet?language=en`, packet({ esignConsent: { textVersion: 1, accepted: true } }))
      .fail(`POST ${P}/signatures`, 'conflict', { status: 409, reason: 'esign_consent_required' })
      .fail(`PUT ${P}/forms/contact/draft`, 'network');
    const el = await signer();
    await click(el, 'start-button');
    await waitUntil(() => $(el, '#f-fullName'));
    $(el, '#f-agreed')!.click();
    type($<HTMLInputElement>(el, '#f-fullName')!, 'Jordan Lee');
    await click(el, 'continue-button');
    await untilHeading(el, 'Consent to sign electronically');
    $(el, '#f-agreed')!.click();
    api.reply(`POST ${P}/signatures`, signedCopy.signature);
    await click(el, 'continue-button');
    await untilHeading(el, 'Informed consent for therapy');
    $(el, '#f-agreed')!.click();
    type($<HTMLInputElement>(el, '#f-fullName')!, 'Jordan Lee');
    await click(el, 'continue-button');
    await untilHeading(el, 'Contact details');
    const failed = oneEvent(el, 'portal-error');
    type($<HTMLInputElement>(el, '#f-city')!, 'Springfield');
    expect((await failed).detail).to.deep.equal({ operation: 'saveFormDraft', code: 'network' });
    await waitUntil(() => part(el, 'save-status')?.textContent.includes("couldn't be saved"));
  });

  it('speaks Spanish, and asks the endpoint for Spanish texts', async () => {
    await setPortalLocale('es');
    api.reply(`GET ${P}/documents/packet?language=es`, packet({ language: 'es', welcomeHtml: '<p>Bienvenida</p>' }));
    api.reply(`GET ${P}/forms/contact`, contactForm());
    const el = await signer();
    await untilHeading(el, 'Bienvenido');
    expect(part(el, 'start-button')!.textContent).to.contain('Comenzar');
    await expect(el).to.be.accessible();
  });
});
