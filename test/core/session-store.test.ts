import { expect } from '@open-wc/testing';
import { SessionStore, SessionChangeEvent } from '../../src/core/session/session-store.js';
import { memoryStorage, tabStorage } from '../../src/core/session/storage.js';
import { connect, resetPortal, normalizeEndpoint } from '../../src/core/config.js';

describe('session', () => {
  beforeEach(() => {
    sessionStorage.clear();
    resetPortal();
  });

  it('announces sign-in and sign-out, and clears only once', () => {
    const store = new SessionStore(memoryStorage());
    const reasons: string[] = [];
    store.addEventListener('change', (e) => reasons.push((e as SessionChangeEvent).reason));
    store.set({ token: 't' });
    expect(store.signedIn).to.equal(true);
    store.clear('expired');
    store.clear();
    expect(reasons).to.deep.equal(['signed-in', 'expired']);
    expect(store.token).to.equal(undefined);
  });

  it('keeps only the token in sessionStorage in "tab" mode, and restores it', () => {
    const store = new SessionStore(tabStorage('k'));
    store.set({ token: 'abc' });
    expect(sessionStorage.getItem('k')).to.equal('abc');
    expect(new SessionStore(tabStorage('k')).token).to.equal('abc');
    store.clear();
    expect(sessionStorage.getItem('k')).to.equal(null);
  });

  it('keeps nothing in storage in "memory" mode', () => {
    const { session } = connect('https://p.test/p/a', 'memory');
    session.set({ token: 'abc' });
    expect(sessionStorage.length).to.equal(0);
  });

  it('shares one session per endpoint, whatever its spelling', () => {
    const a = connect('https://p.test/p/a/');
    const b = connect('https://p.test/p/a');
    const c = connect('https://p.test/p/b');
    expect(a.session).to.equal(b.session);
    expect(a.session).to.not.equal(c.session);
    expect(normalizeEndpoint('https://p.test/p/a/?x=1#y')).to.equal('https://p.test/p/a');
  });
});
