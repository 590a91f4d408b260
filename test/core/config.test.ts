import { expect } from '@open-wc/testing';
import { configurePortal, connect } from '../../src/core/config.js';
import type { Transport } from '../../src/core/api/transport.js';
import type { SessionStore } from '../../src/core/session/session-store.js';
import { normalizeEndpoint, resetPortal } from '../../src/testing.js';
import { FakeTransport } from '../support/fake-transport.js';
import { lakesideInfo } from '../support/data.js';

const ENDPOINT = 'https://portal.example.test/p/config';

describe('config: configurePortal and connect', () => {
  beforeEach(() => {
    resetPortal();
    sessionStorage.clear();
  });

  after(() => resetPortal());

  it('normalizeEndpoint: a trailing slash, a query or a fragment name the same endpoint', () => {
    expect(normalizeEndpoint(`${ENDPOINT}/`)).to.equal(ENDPOINT);
    expect(normalizeEndpoint(`${ENDPOINT}//?x=1#top`)).to.equal(ENDPOINT);
    expect(normalizeEndpoint('/p/here')).to.equal(`${location.origin}/p/here`);
  });

  it('widgets naming the same endpoint share one connection; another endpoint has its own', () => {
    const one = connect(ENDPOINT);
    expect(connect(`${ENDPOINT}/`)).to.equal(one);
    expect(one.endpoint).to.equal(ENDPOINT);
    const other = connect('https://portal.example.test/p/other');
    expect(other).to.not.equal(one);
    one.session.set({ token: 't' });
    expect(other.session.signedIn).to.equal(false);
  });

  it('the first widget decides the persistence: tab keeps the token in sessionStorage, memory nowhere', () => {
    connect(ENDPOINT).session.set({ token: 'tab-token' });
    expect(sessionStorage.getItem(`portal-session:${ENDPOINT}`)).to.equal('tab-token');
    expect(connect(ENDPOINT, 'memory').persistence, 'later widgets share the first one’s').to.equal('tab');
    const memory = connect('https://portal.example.test/p/memory', 'memory');
    memory.session.set({ token: 'memory-token' });
    expect(memory.persistence).to.equal('memory');
    expect(Object.values({ ...sessionStorage })).to.not.include('memory-token');
  });

  it('a reload in the same tab finds the sign-in again', () => {
    sessionStorage.setItem(`portal-session:${ENDPOINT}`, 'kept');
    expect(connect(ENDPOINT).session.token).to.equal('kept');
  });

  it('configurePortal replaces the network, and drops the connections made before it', async () => {
    const before = connect(ENDPOINT);
    const seen: Array<[string, SessionStore]> = [];
    const api = new FakeTransport().reply('GET /info', lakesideInfo);
    configurePortal({
      transport: (endpoint, session): Transport => {
        seen.push([endpoint, session]);
        return api;
      },
    });
    const after = connect(`${ENDPOINT}/`);
    expect(after).to.not.equal(before);
    expect(seen).to.deep.equal([[ENDPOINT, after.session]]);
    expect(await after.client.getInfo()).to.deep.equal(lakesideInfo);
  });

  it('the default transport uses the configured fetch, sends the session, and ends it on an expired answer', async () => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    configurePortal({
      fetch: (input, init) => {
        calls.push({ url: input instanceof Request ? input.url : input.toString(), init: init! });
        return Promise.resolve(Response.json({ error: { code: 'session_expired' } }, { status: 401 }));
      },
    });
    const { client, session } = connect(ENDPOINT);
    session.set({ token: 'secret' });
    const reasons: string[] = [];
    session.addEventListener('change', (event) => reasons.push((event as Event & { reason: string }).reason));
    const failure = await client.getSession().catch((error: unknown) => error);
    expect(failure).to.have.property('code', 'session_expired');
    expect(calls[0].url).to.equal(`${ENDPOINT}/auth/session`);
    expect((calls[0].init.headers as Record<string, string>).Authorization).to.equal('Bearer secret');
    expect(session.signedIn).to.equal(false);
    expect(reasons).to.deep.equal(['expired']);
  });

  it('resetPortal forgets the settings too', () => {
    configurePortal({ transport: () => new FakeTransport() });
    resetPortal();
    expect(connect(ENDPOINT).client).to.exist;
  });
});
