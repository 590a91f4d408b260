import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/profile-picker/profile-picker.define.js';
import type { ProfilePicker } from '../../src/elements/profile-picker/profile-picker.js';
import { configurePortal, connect, resetPortal } from '../../src/core/config.js';
import { setPortalLocale } from '../../src/core/i18n/localization.js';
import { FakeTransport } from '../support/fake-transport.js';
import { ENDPOINT } from '../support/data.js';
import { household, maya, none, single } from '../support/profile-data.js';

const root = (el: Element) => el.shadowRoot!;
const text = (el: Element) => root(el).textContent.replace(/\s+/g, ' ').trim();
const cards = (el: Element) => [...root(el).querySelectorAll<HTMLElement>('[role="radio"]')];
const part = (el: Element, name: string) => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const focused = (el: Element) => root(el).activeElement as HTMLElement | null;

async function picker(attributes = html``): Promise<ProfilePicker> {
  const el = await fixture<ProfilePicker>(html`<profile-picker endpoint=${ENDPOINT}>${attributes}</profile-picker>`);
  return el;
}

async function ready(el: ProfilePicker) {
  await waitUntil(() => connect(ENDPOINT).profiles.status === 'ready', 'profiles load');
  await el.updateComplete;
}

describe('<profile-picker>', () => {
  let api: FakeTransport;

  beforeEach(async () => {
    await setPortalLocale('en');
    sessionStorage.clear();
    resetPortal();
    api = new FakeTransport().reply('GET /me/profiles', household());
    configurePortal({ transport: () => api });
    connect(ENDPOINT).session.set({ token: 't' });
  });

  after(() => setPortalLocale('en'));

  it('signed out: points to sign-in, takes custom content, and passes axe', async () => {
    connect(ENDPOINT).session.clear();
    const el = await picker();
    expect(text(el)).to.contain('Sign in to choose whose portal you are using.');
    expect(api.requests).to.have.length(0);
    await expect(el).to.be.accessible();
    const custom = await fixture(html`<profile-picker endpoint=${ENDPOINT}><a slot="signed-out" href="/portal">Sign in</a></profile-picker>`);
    expect(custom.shadowRoot!.querySelector('slot')!.assignedElements()[0].textContent).to.equal('Sign in');
  });

  it('loading: says so politely, and passes axe', async () => {
    api.hold('GET /me/profiles');
    const el = await picker();
    await el.updateComplete;
    expect(part(el, 'status')!.getAttribute('role')).to.equal('status');
    expect(text(el)).to.contain('Loading your profiles…');
    await expect(el).to.be.accessible();
    api.release('GET /me/profiles');
    await ready(el);
    expect(cards(el)).to.have.length(3);
  });

  it('several profiles: a card each with label and what may be done, a radio group that passes axe', async () => {
    const el = await picker();
    await ready(el);
    const [self, minor, couple] = cards(el);
    expect(self.textContent).to.contain('Jordan Lee').and.contain('You');
    expect(minor.textContent).to.contain('Maya Lee').and.contain('Minor');
    expect(minor.textContent).to.contain('You can book appointments, sign documents, and view documents.');
    expect(couple.textContent).to.contain('Couple').and.contain('JC');
    expect(root(el).querySelector('[role="radiogroup"]')!.getAttribute('aria-describedby')).to.equal('hint');
    expect(text(el)).to.contain('3 profiles on this sign-in.');
    expect(cards(el).map((c) => c.tabIndex)).to.deep.equal([0, -1, -1]);
    await expect(el).to.be.accessible();
  });

  it('keyboard: arrows and Home/End move without choosing; Enter chooses, and focus lands on Change', async () => {
    api.reply('PUT /me/profiles/selected', household(maya.id));
    const el = await picker();
    await ready(el);
    cards(el)[0].focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(focused(el)?.dataset.index).to.equal('1');
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(focused(el)?.dataset.index).to.equal('2');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(focused(el)?.dataset.index, 'wraps').to.equal('0');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(api.requests.filter((r) => r.method === 'PUT'), 'moving chooses nothing').to.have.length(0);
    const selected = oneEvent(el, 'portal-profile-selected');
    await sendKeys({ press: 'Enter' });
    expect((await selected).detail).to.deep.equal({ profileId: maya.id });
    expect(api.lastRequest).to.deep.include({ method: 'PUT', path: '/me/profiles/selected', body: { profileId: maya.id } });
    await el.updateComplete;
    expect(part(el, 'current')!.textContent).to.contain('Acting for: Maya Lee (Minor)');
    expect(focused(el)?.getAttribute('part')).to.equal('change-button');
    expect(root(el).querySelector('[role="status"]')!.textContent).to.contain('Now acting for Maya Lee.');
    await expect(el).to.be.accessible();
  });

  it('Change reopens the cards with the current one checked and focused; Space chooses', async () => {
    api.reply('GET /me/profiles', household(maya.id)).reply('PUT /me/profiles/selected', household(11));
    const el = await picker();
    await ready(el);
    part(el, 'change-button')!.click();
    await el.updateComplete;
    expect(cards(el).map((c) => c.getAttribute('aria-checked'))).to.deep.equal(['false', 'true', 'false']);
    expect(focused(el)?.dataset.index).to.equal('1');
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    await sendKeys({ press: 'Space' });
    await waitUntil(() => part(el, 'current'));
    expect(part(el, 'current')!.textContent).to.contain('Jordan Lee (You)');
  });

  it('choosing moves every widget on the endpoint at once', async () => {
    api.reply('PUT /me/profiles/selected', household(maya.id));
    const [first, second] = [await picker(), await picker()];
    await ready(first);
    await ready(second);
    cards(first)[1].click();
    await waitUntil(() => part(second, 'current'));
    expect(part(second, 'current')!.textContent).to.contain('Maya Lee');
    expect(api.requests.filter((r) => r.path === '/me/profiles' && r.method === 'GET'), 'one list for both').to.have.length(1);
  });

  it('one profile: chosen without asking, compact line without Change; hidden-when-single hides it', async () => {
    api.reply('GET /me/profiles', single);
    const el = await picker();
    await ready(el);
    expect(part(el, 'current')!.textContent).to.contain('Acting for: Jordan Lee (You)');
    expect(part(el, 'change-button')).to.equal(null);
    expect(connect(ENDPOINT).profiles.acting?.id).to.equal(11);
    await expect(el).to.be.accessible();
    const hidden = await fixture<ProfilePicker>(html`<profile-picker endpoint=${ENDPOINT} hidden-when-single></profile-picker>`);
    await hidden.updateComplete;
    expect(text(hidden)).to.equal('');
  });

  it('empty: says to call the office, and passes axe', async () => {
    api.reply('GET /me/profiles', none);
    const el = await picker();
    await ready(el);
    expect(text(el)).to.contain('No profiles are linked to this sign-in yet.');
    await expect(el).to.be.accessible();
  });

  it('error: a calm message and Try again, which loads again', async () => {
    api.fail('GET /me/profiles', 'network');
    const el = await picker();
    await waitUntil(() => part(el, 'error'));
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
    api.reply('GET /me/profiles', household());
    part(el, 'retry-button')!.click();
    await waitUntil(() => cards(el).length === 3);
  });

  it('a refused choice (link just revoked) says so, fires portal-error and reloads the list', async () => {
    api.fail('PUT /me/profiles/selected', 'not_found');
    const el = await picker();
    await ready(el);
    const failed = oneEvent(el, 'portal-error');
    cards(el)[1].click();
    expect((await failed).detail).to.deep.equal({ operation: 'selectProfile', code: 'not_found' });
    await waitUntil(() => api.requests.filter((r) => r.path === '/me/profiles' && r.method === 'GET').length === 2);
    await expect(el).to.be.accessible();
  });

  it('signing out drops the profiles everywhere', async () => {
    api.reply('GET /me/profiles', household(maya.id));
    const el = await picker();
    await ready(el);
    connect(ENDPOINT).session.clear();
    await el.updateComplete;
    expect(text(el)).to.contain('Sign in to choose');
    expect(text(el)).not.to.contain('Maya');
    expect(connect(ENDPOINT).profiles.acting).to.equal(null);
  });

  it('speaks Spanish', async () => {
    await setPortalLocale('es');
    const el = await picker();
    await ready(el);
    expect(text(el)).to.contain('¿Con qué perfil usa el portal?');
    expect(cards(el)[1].textContent).to.contain('Menor de edad').and.contain('Puede reservar citas, firmar documentos y ver documentos.');
    await expect(el).to.be.accessible();
  });
});
