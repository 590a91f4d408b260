import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../support/portal-info-probe.js';
import type { PortalInfoProbe } from '../support/portal-info-probe.js';
import { FakeTransport } from '../support/fake-transport.js';
import { ENDPOINT, lakesideInfo } from '../support/data.js';
import { configurePortal, resetPortal, connect } from '../../src/core/config.js';
import { setPortalLocale } from '../../src/core/i18n/localization.js';

const shadowText = (el: HTMLElement) => el.shadowRoot!.textContent.replace(/\s+/g, ' ').trim();

describe('PortalElement through <portal-info-probe>', () => {
  let api: FakeTransport;

  beforeEach(async () => {
    await setPortalLocale('en');
    resetPortal();
    api = new FakeTransport();
    configurePortal({ transport: () => api });
  });

  after(() => setPortalLocale('en'));

  it('shows a polite loading state, then the practice', async () => {
    api.hold('GET /info').reply('GET /info', lakesideInfo);
    const el = await fixture<PortalInfoProbe>(html`<portal-info-probe endpoint=${ENDPOINT}></portal-info-probe>`);
    const status = el.shadowRoot!.querySelector('[role="status"]');
    expect(status?.textContent).to.contain('Loading the practice details');
    await expect(el).to.be.accessible();
    api.release('GET /info');
    await el.info.taskComplete;
    await el.updateComplete;
    expect(shadowText(el)).to.contain('Lakeside Counseling');
    const link = el.shadowRoot!.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('tel:+15555550142');
    expect(link.textContent).to.equal('(555) 555-0142');
    await expect(el).to.be.accessible();
  });

  it('shows an error as an alert, fires portal-error, and retries from the keyboard', async () => {
    api.fail('GET /info', 'network');
    const el = document.createElement('portal-info-probe');
    el.endpoint = ENDPOINT;
    const fired = oneEvent(el, 'portal-error');
    document.body.append(el);
    const event = await fired;
    expect(event.detail).to.deep.equal({ operation: 'getInfo', code: 'network' });
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'));
    expect(shadowText(el)).to.contain("couldn't reach");
    await expect(el).to.be.accessible();

    api.reply('GET /info', lakesideInfo);
    const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry-button"]')!;
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadowText(el).includes('Lakeside Counseling'), 'retry did not load');
    el.remove();
  });

  it('renders in Spanish after setPortalLocale("es")', async () => {
    api.fail('GET /info', 'server');
    const el = await fixture<PortalInfoProbe>(html`<portal-info-probe endpoint=${ENDPOINT}></portal-info-probe>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'));
    await setPortalLocale('es');
    await el.updateComplete;
    expect(shadowText(el)).to.contain('Algo salió mal');
    expect(shadowText(el)).to.contain('Intentar de nuevo');
    await expect(el).to.be.accessible();
  });

  it('explains a missing endpoint instead of failing silently', async () => {
    const el = await fixture<PortalInfoProbe>(html`<portal-info-probe></portal-info-probe>`);
    expect(el.shadowRoot!.querySelector('[role="alert"]')?.textContent).to.contain('not set up');
    expect(api.requests).to.have.length(0);
  });

  it('aborts its request when the element goes away', async () => {
    api.hold('GET /info').reply('GET /info', lakesideInfo);
    const el = await fixture<PortalInfoProbe>(html`<portal-info-probe endpoint=${ENDPOINT}></portal-info-probe>`);
    const signal = api.lastRequest!.signal!;
    expect(signal.aborted).to.equal(false);
    el.info.abort();
    expect(signal.aborted).to.equal(true);
  });

  it('two widgets with the same endpoint share one session and both hear sign-out', async () => {
    api.reply('GET /info', lakesideInfo);
    const a = await fixture<PortalInfoProbe>(html`<portal-info-probe endpoint=${ENDPOINT}></portal-info-probe>`);
    const b = await fixture<PortalInfoProbe>(html`<portal-info-probe endpoint="${ENDPOINT}/"></portal-info-probe>`);
    const other = await fixture<PortalInfoProbe>(
      html`<portal-info-probe endpoint="https://portal.example.test/p/other"></portal-info-probe>`,
    );
    const session = connect(ENDPOINT).session;
    session.set({ token: 't' });
    session.clear('expired');
    expect(a.sessionChanges).to.deep.equal(['signed-in', 'expired']);
    expect(b.sessionChanges).to.deep.equal(['signed-in', 'expired']);
    expect(other.sessionChanges).to.deep.equal([]);
  });
});
