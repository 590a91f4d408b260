import { expect, waitUntil } from '@open-wc/testing';
import { configurePortal, connect } from '../../src/core/config.js';
import { resetPortal } from '../../src/testing.js';
import { FakeTransport } from '../support/fake-transport.js';
import { ENDPOINT } from '../support/data.js';
import { household, jordan, maya, single } from '../support/profile-data.js';

describe('ProfileStore (whom every widget of an endpoint acts for)', () => {
  let api: FakeTransport;
  const store = () => connect(ENDPOINT).profiles;
  const lists = () => api.requests.filter((r) => r.path === '/me/profiles' && r.method === 'GET');

  beforeEach(() => {
    resetPortal();
    sessionStorage.clear();
    api = new FakeTransport().reply('GET /me/profiles', household(maya.id));
    configurePortal({ transport: () => api });
    connect(ENDPOINT).session.set({ token: 't' });
  });

  it('loads once however many widgets ask, and knows the one the session chose', async () => {
    const changes: string[] = [];
    store().addEventListener('change', () => changes.push(store().status));
    expect(store().status).to.equal('idle');
    await Promise.all([store().load(), store().load()]);
    await store().load();
    expect(lists()).to.have.length(1);
    expect(store().profiles.map((p) => p.id)).to.deep.equal([11, 12, 13]);
    expect(store().acting).to.deep.equal(maya);
    expect(changes).to.deep.equal(['loading', 'ready']);
  });

  it('a single profile is the acting one without asking; none is chosen among several', async () => {
    api.reply('GET /me/profiles', single);
    await store().load();
    expect(store().acting).to.deep.equal(jordan);
    api.reply('GET /me/profiles', household(null));
    await store().load(true);
    expect(store().acting).to.equal(null);
  });

  it('a failed load is kept as the error; load(true) tries again', async () => {
    api.fail('GET /me/profiles', 'network');
    await store().load();
    expect(store().status).to.equal('error');
    expect(store().error).to.have.property('code', 'network');
    api.reply('GET /me/profiles', single);
    await store().load(true);
    expect(store().status).to.equal('ready');
    expect(store().error).to.equal(undefined);
  });

  it('select() asks the endpoint and moves every widget; a refusal rejects and changes nothing', async () => {
    await store().load();
    api.reply('PUT /me/profiles/selected', household(jordan.id));
    await store().select(jordan.id);
    expect(api.lastRequest!.body).to.deep.equal({ profileId: jordan.id });
    expect(store().acting).to.deep.equal(jordan);
    api.fail('PUT /me/profiles/selected', 'not_found', { status: 404 });
    const refused = await store().select(99).catch((error: unknown) => error);
    expect(refused).to.have.property('code', 'not_found');
    expect(store().acting).to.deep.equal(jordan);
  });

  it('a sign-out forgets everything, and an answer for the ended sign-in is dropped', async () => {
    api.hold('GET /me/profiles');
    const loading = store().load();
    await waitUntil(() => lists().length === 1);
    connect(ENDPOINT).session.clear();
    expect(store().status).to.equal('idle');
    api.release('GET /me/profiles');
    await loading;
    expect(store().profiles).to.deep.equal([]);
    expect(store().acting).to.equal(null);
    expect(store().status).to.equal('idle');
  });
});
