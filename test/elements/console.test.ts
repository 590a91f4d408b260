import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/console/console.js';
import type { OfficeSignIn } from '../../src/console/views/sign-in-view.js';
import type { OfficeInbox } from '../../src/console/views/inbox-view.js';
import type { OfficeClients } from '../../src/console/views/clients-view.js';
import type { OfficeClientPage } from '../../src/console/views/client-view.js';
import type { OfficeHours } from '../../src/console/views/hours-view.js';
import type { OfficeConsole } from '../../src/console/office-console.js';
import type { OfficeRequest } from '../../src/console/views/request-card.js';
import type { OfficeStaff } from '../../src/console/views/staff-view.js';
import type { OfficeApiKeys } from '../../src/console/views/api-keys-view.js';
import type { OfficeWebhooks } from '../../src/console/views/webhooks-view.js';
import { setPortalLocale } from '../../src/core/i18n/localization.js';
import { zonedToUtc } from '../../src/console/format.js';
import { fakeOffice, officeApi, owner } from './console-fixtures.js';

const ZONE = 'America/Chicago';
const root = (el: Element) => el.shadowRoot!;
const text = (el: Element) => root(el).textContent.replace(/\s+/g, ' ').trim();
const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => root(el).querySelector<T>(selector)!;
const buttonNamed = (el: Element, name: string) =>
  [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent.trim() === name)!;

describe('office console', () => {
  beforeEach(async () => {
    await setPortalLocale('en');
    sessionStorage.clear();
  });
  after(() => setPortalLocale('en'));

  describe('<office-sign-in>', () => {
    it('asks for the work email, ties the error to the field, and passes axe', async () => {
      const api = fakeOffice();
      const el = await fixture<OfficeSignIn>(html`<office-sign-in .api=${officeApi(api, undefined)}></office-sign-in>`);
      await expect(el).to.be.accessible();
      $<HTMLFormElement>(el, 'form').requestSubmit();
      await el.updateComplete;
      const input = $<HTMLInputElement>(el, '#email');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.equal('email-error');
      expect($(el, '#email-error').textContent).to.contain('work email');
      expect(api.requests.filter((r) => r.path === '/admin/auth/link')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('sends the link in the console language and says to check the email', async () => {
      const api = fakeOffice();
      const el = await fixture<OfficeSignIn>(html`<office-sign-in .api=${officeApi(api, undefined)}></office-sign-in>`);
      $<HTMLInputElement>(el, '#email').value = 'owner@lakeside.example';
      $<HTMLFormElement>(el, 'form').requestSubmit();
      await waitUntil(() => text(el).includes('Check your email'));
      expect(api.lastRequest).to.deep.include({ method: 'POST', path: '/admin/auth/link', body: { email: 'owner@lakeside.example', language: 'en' } });
      await expect(el).to.be.accessible();
    });

    it('shows whose link it is and signs in only on the click', async () => {
      const api = fakeOffice();
      const el = await fixture<OfficeSignIn>(html`<office-sign-in .api=${officeApi(api, undefined)} .linkToken=${'tok'}></office-sign-in>`);
      await waitUntil(() => text(el).includes('Continue as o•••@lakeside.example'));
      expect(api.requests.some((r) => r.path === '/admin/auth/link/redeem')).to.equal(false);
      setTimeout(() => buttonNamed(el, 'Continue as o•••@lakeside.example').click());
      const event = await oneEvent<Event & { session: { token: string } }>(el, 'console-signed-in');
      expect(event.session.token).to.equal('staff-session-token');
    });

    it('says calmly when the link has expired', async () => {
      const api = fakeOffice().fail('POST /admin/auth/link/preview', 'not_found', { status: 410, reason: 'link_expired' });
      const el = await fixture<OfficeSignIn>(html`<office-sign-in .api=${officeApi(api, undefined)} .linkToken=${'old'}></office-sign-in>`);
      await waitUntil(() => text(el).includes('This sign-in link has expired'));
      expect($(el, '#email')).to.exist;
    });
  });

  describe('<office-inbox>', () => {
    it('lists the waiting requests and what is new, and passes axe', async () => {
      const el = await fixture<OfficeInbox>(html`<office-inbox .api=${officeApi()} time-zone=${ZONE}></office-inbox>`);
      await waitUntil(() => text(el).includes('What is new'));
      const card = $<OfficeRequest>(el, 'office-request');
      await card.updateComplete;
      expect(text(card)).to.contain('Alex Morgan').and.contain('Monday, December 7 at 1:00 PM').and.contain('Individual therapy with Dr. Ana Ruiz');
      expect(text(el)).to.contain('Uploaded a file').and.contain('Signed a document').and.contain('Requested an appointment');
      await expect(el).to.be.accessible();
    });

    it('approves a request and reloads', async () => {
      const api = fakeOffice();
      const el = await fixture<OfficeInbox>(html`<office-inbox .api=${officeApi(api)} time-zone=${ZONE}></office-inbox>`);
      await waitUntil(() => $(el, 'office-request'));
      const card = $<OfficeRequest>(el, 'office-request');
      await card.updateComplete;
      buttonNamed(card, 'Approve').click();
      await waitUntil(() => api.requests.filter((r) => r.path === '/admin/inbox').length === 2);
      expect(api.requests.some((r) => r.method === 'POST' && r.path === '/admin/appointments/41/approve')).to.equal(true);
    });

    it('declines with a note and proposed times', async () => {
      const api = fakeOffice();
      const el = await fixture<OfficeInbox>(html`<office-inbox .api=${officeApi(api)} time-zone=${ZONE}></office-inbox>`);
      await waitUntil(() => $(el, 'office-request'));
      const card = $<OfficeRequest>(el, 'office-request');
      await card.updateComplete;
      buttonNamed(card, 'Decline…').click();
      await waitUntil(() => root(card).querySelector('#slot-1'));
      expect(root(card).activeElement?.id).to.equal('note');
      await expect(card).to.be.accessible();
      $<HTMLTextAreaElement>(card, '#note').value = 'Fully booked that day.';
      $<HTMLInputElement>(card, '#slot-0').click();
      $<HTMLInputElement>(card, '#slot-1').click();
      $<HTMLFormElement>(card, 'form').requestSubmit();
      await waitUntil(() => api.requests.some((r) => r.path === '/admin/appointments/41/decline'));
      expect(api.requests.find((r) => r.path === '/admin/appointments/41/decline')!.body).to.deep.equal({
        note: 'Fully booked that day.',
        proposedStarts: ['2026-12-08T15:00:00.000Z', '2026-12-08T16:00:00.000Z'],
      });
    });

    it('speaks Spanish', async () => {
      await setPortalLocale('es');
      const el = await fixture<OfficeInbox>(html`<office-inbox .api=${officeApi()} time-zone=${ZONE}></office-inbox>`);
      await waitUntil(() => text(el).includes('Novedades'));
      expect(text(el)).to.contain('Bandeja de entrada').and.contain('Subió un archivo');
      const card = $<OfficeRequest>(el, 'office-request');
      await card.updateComplete;
      expect(text(card)).to.contain('lunes, 7 de diciembre').and.contain('Terapia individual con Dr. Ana Ruiz');
      await expect(el).to.be.accessible();
    });
  });

  describe('<office-clients>', () => {
    it('adds a client with the welcome email, errors tied to fields', async () => {
      const api = fakeOffice();
      const el = await fixture<OfficeClients>(html`<office-clients .api=${officeApi(api)} time-zone=${ZONE}></office-clients>`);
      await waitUntil(() => text(el).includes('Alex Morgan') && root(el).querySelector('#new-clinician'));
      await expect(el).to.be.accessible();
      const form = root(el).querySelectorAll('form')[1];
      form.requestSubmit();
      await el.updateComplete;
      expect($(el, '#new-name').getAttribute('aria-describedby')).to.equal('new-name-error');
      expect(root(el).activeElement?.id).to.equal('new-name');
      $<HTMLInputElement>(el, '#new-name').value = 'Rosa Díaz';
      $<HTMLInputElement>(el, '#new-email').value = 'rosa@example.com';
      $<HTMLSelectElement>(el, '#new-language').value = 'es';
      $<HTMLSelectElement>(el, '#new-clinician').value = '7';
      form.requestSubmit();
      await waitUntil(() => text(el).includes('Rosa Díaz was added and the welcome email is on its way.'));
      expect(api.requests.find((r) => r.method === 'POST' && r.path === '/admin/clients')!.body).to.deep.equal({
        name: 'Rosa Díaz',
        email: 'rosa@example.com',
        language: 'es',
        clinicianId: 7,
        sendWelcome: true,
      });
      await expect(el).to.be.accessible();
    });
  });

  describe('<office-client>', () => {
    it("shows the client's files, forms, signed documents and card, and passes axe", async () => {
      const api = fakeOffice();
      const el = await fixture<OfficeClientPage>(html`<office-client .api=${officeApi(api)} time-zone=${ZONE} profile-id="3"></office-client>`);
      await waitUntil(() => text(el).includes('Card on file'));
      expect(text(el)).to.contain('referral.pdf').and.contain('Contact details').and.contain('Informed consent').and.contain('Visa ending in 4242, expires 04/2030');
      await expect(el).to.be.accessible();
      buttonNamed(el, 'Show answers').click();
      await waitUntil(() => text(el).includes('60601'));
      await expect(el).to.be.accessible();
    });

    it('downloads with the bearer header, never a token in a URL', async () => {
      const api = fakeOffice();
      const el = await fixture<OfficeClientPage>(html`<office-client .api=${officeApi(api)} time-zone=${ZONE} profile-id="3"></office-client>`);
      await waitUntil(() => text(el).includes('referral.pdf'));
      const clicked: string[] = [];
      const original = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        clicked.push(this.href);
      };
      try {
        buttonNamed(el, 'referral.pdf').click();
        buttonNamed(el, 'Download PDF').click();
        await waitUntil(() => clicked.length === 2);
      } finally {
        HTMLAnchorElement.prototype.click = original;
      }
      expect(clicked.every((href) => href.startsWith('blob:'))).to.equal(true);
      expect(api.requests.filter((r) => r.responseType === 'blob').map((r) => r.path)).to.deep.equal([
        '/admin/clients/3/files/5/content',
        '/admin/clients/3/documents/9/pdf',
      ]);
    });
  });

  describe('<office-hours>', () => {
    it("edits a clinician's week and refuses an end before the start", async () => {
      const api = fakeOffice();
      const el = await fixture<OfficeHours>(html`<office-hours .api=${officeApi(api)} .staff=${owner} time-zone=${ZONE}></office-hours>`);
      await waitUntil(() => root(el).querySelector('#start-0'));
      expect(text(el)).to.contain('Monday').and.contain('Not working');
      await expect(el).to.be.accessible();
      const start = $<HTMLInputElement>(el, '#start-0');
      start.value = '18:00';
      start.dispatchEvent(new Event('change'));
      $<HTMLFormElement>(el, 'form').requestSubmit();
      await el.updateComplete;
      expect($(el, '#start-0').getAttribute('aria-describedby')).to.equal('err-0');
      expect(api.requests.some((r) => r.method === 'PUT')).to.equal(false);
      start.value = '08:00';
      start.dispatchEvent(new Event('change'));
      $<HTMLFormElement>(el, 'form').requestSubmit();
      await waitUntil(() => text(el).includes('Hours saved.'));
      expect(api.requests.find((r) => r.method === 'PUT')!.body).to.deep.equal({
        hours: [
          { weekday: 1, start: '08:00', end: '17:00' },
          { weekday: 3, start: '09:00', end: '13:00' },
        ],
      });
    });

    it('adds whole days of time off in the practice zone', async () => {
      const api = fakeOffice();
      const el = await fixture<OfficeHours>(html`<office-hours .api=${officeApi(api)} .staff=${owner} time-zone=${ZONE}></office-hours>`);
      await waitUntil(() => root(el).querySelector('#off-first'));
      $<HTMLInputElement>(el, '#off-first').value = '2026-12-31';
      root(el).querySelectorAll('form')[1].requestSubmit();
      await waitUntil(() => api.requests.some((r) => r.method === 'POST'));
      expect(api.requests.find((r) => r.method === 'POST')!.body).to.deep.equal({ start: '2026-12-31T06:00:00.000Z', end: '2027-01-01T06:00:00.000Z' });
    });

    it('converts wall-clock times across a daylight-saving change', () => {
      expect(zonedToUtc('2026-03-08', '00:00', ZONE)).to.equal('2026-03-08T06:00:00.000Z');
      expect(zonedToUtc('2026-03-09', '00:00', ZONE)).to.equal('2026-03-09T05:00:00.000Z');
    });
  });

  describe("owners' views", () => {
    it('lists the staff and adds a member', async () => {
      const api = fakeOffice().reply('POST /admin/staff', { staff: { id: 5 }, invitation: 'sent' });
      const el = await fixture<OfficeStaff>(html`<office-staff .api=${officeApi(api)} .staff=${owner} time-zone=${ZONE}></office-staff>`);
      await waitUntil(() => text(el).includes('Lucía Fernández'));
      await expect(el).to.be.accessible();
      $<HTMLInputElement>(el, '#staff-name').value = 'Kim Lee';
      $<HTMLInputElement>(el, '#staff-email').value = 'kim@lakeside.example';
      $<HTMLFormElement>(el, 'form').requestSubmit();
      await waitUntil(() => text(el).includes('Kim Lee was added'));
      expect(api.requests.find((r) => r.method === 'POST')!.body).to.deep.equal({ name: 'Kim Lee', email: 'kim@lakeside.example', role: 'office', language: 'en' });
    });

    it("shows a new API key's secret once", async () => {
      const api = fakeOffice();
      const el = await fixture<OfficeApiKeys>(html`<office-api-keys .api=${officeApi(api)} time-zone=${ZONE}></office-api-keys>`);
      await waitUntil(() => text(el).includes('EHR sync'));
      await expect(el).to.be.accessible();
      $<HTMLInputElement>(el, '#key-name').value = 'CRM';
      $<HTMLFormElement>(el, 'form').requestSubmit();
      await waitUntil(() => text(el).includes('cpk_ZyXwVuTsRqPoNmLkJiHgFeDcBa0123456789abcdef'));
      expect(root(el).activeElement?.id).to.equal('secret-title');
      buttonNamed(el, 'Done').click();
      await el.updateComplete;
      expect(text(el)).not.to.contain('cpk_ZyXwVuTsRq');
    });

    it("shows a webhook's delivery log and sends a failed one again", async () => {
      const api = fakeOffice();
      const el = await fixture<OfficeWebhooks>(html`<office-webhooks .api=${officeApi(api)} time-zone=${ZONE}></office-webhooks>`);
      await waitUntil(() => text(el).includes('https://ehr.example.com/hooks/portal'));
      buttonNamed(el, 'Delivery log').click();
      await waitUntil(() => text(el).includes('file.uploaded'));
      expect(text(el)).to.contain('Failed (500)').and.contain('Delivered (200)');
      await expect(el).to.be.accessible();
      buttonNamed(el, 'Send again').click();
      await waitUntil(() => api.requests.some((r) => r.path === '/admin/webhooks/deliveries/30/redeliver'));
    });
  });

  describe('<office-console>', () => {
    it('takes the link token out of the address bar, signs in on the click and opens the inbox', async () => {
      history.replaceState(null, '', `${location.pathname}${location.search}#staff-token=tok123`);
      const api = fakeOffice();
      const el = await fixture<OfficeConsole>(html`<office-console endpoint="https://portal.example.test/p/lakeside" .transport=${api}></office-console>`);
      expect(location.hash).to.equal('');
      const signIn = await waitUntil(() => root(el).querySelector('office-sign-in')).then(() => $<OfficeSignIn>(el, 'office-sign-in'));
      await waitUntil(() => text(signIn).includes('Continue as'));
      expect(api.requests.find((r) => r.path === '/admin/auth/link/preview')!.body).to.deep.equal({ token: 'tok123' });
      [...root(signIn).querySelectorAll('button')].find((b) => b.textContent.includes('Continue as'))!.click();
      await waitUntil(() => root(el).querySelector('office-inbox'));
      expect(sessionStorage.getItem('office-session:https://portal.example.test/p/lakeside')).to.equal('staff-session-token');
      await waitUntil(() => root($(el, 'office-inbox')).activeElement?.tagName === 'H1');
      expect(text(el)).to.contain('Lee Park').and.contain('API keys');
      await expect(el).to.be.accessible();
    });

    it('goes back to sign-in with a calm message when the session ends', async () => {
      sessionStorage.setItem('office-session:https://portal.example.test/p/lakeside', 'old-token');
      const api = fakeOffice();
      const el = await fixture<OfficeConsole>(html`<office-console endpoint="https://portal.example.test/p/lakeside" .transport=${api}></office-console>`);
      await waitUntil(() => root(el).querySelector('office-inbox'));
      api.fail('GET /admin/clients', 'session_expired', { status: 401, reason: 'session_expired' });
      [...root(el).querySelectorAll('nav button')].find((b) => b.textContent.trim() === 'Clients')!.dispatchEvent(new Event('click'));
      await waitUntil(() => root(el).querySelector('office-sign-in'));
      const signIn = $<OfficeSignIn>(el, 'office-sign-in');
      await signIn.updateComplete;
      expect(text(signIn)).to.contain('signed out after a period of inactivity');
      expect(sessionStorage.getItem('office-session:https://portal.example.test/p/lakeside')).to.equal(null);
    });
  });
});
