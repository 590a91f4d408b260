// R26 mode A in the browser: session-persistence="cookie" keeps nothing on the page.
import { expect } from '@open-wc/testing';
import { configurePortal, connect } from '../../src/core/config.js';
import { createFetchTransport } from '../../src/core/api/transport.js';
import { resetPortal } from '../../src/testing.js';

const ENDPOINT = 'https://portal.example.test/p/cookie';

type Call = { url: string; init: RequestInit };

const json = (status: number, body: unknown) => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const SESSION = { accountId: 1, expiresAt: '2026-12-04T17:00:00Z' };

/** A fetch that answers by method and path, and records every call. */
function endpoint(answers: Record<string, () => Response>) {
  const calls: Call[] = [];
  const fetch = ((url: string, init: RequestInit) => {
    calls.push({ url, init });
    const path = new URL(url).pathname.replace('/p/cookie', '');
    const answer = answers[`${init.method ?? 'GET'} ${path}`];
    return Promise.resolve(answer ? answer() : json(404, { error: { code: 'not_found', message: 'x' } }));
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const headersOf = (call: Call) => call.init.headers as Record<string, string>;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('cookie session persistence (R26 mode A)', () => {
  beforeEach(() => {
    resetPortal();
    sessionStorage.clear();
    localStorage.clear();
  });
  after(() => resetPortal());

  it('the transport sends credentials: include and the X-Portal-Session header, never an Authorization header', async () => {
    const { fetch, calls } = endpoint({ 'GET /things': () => json(200, { ok: true }) });
    const transport = createFetchTransport({ baseUrl: ENDPOINT, fetch, cookieSession: true, getToken: () => undefined, isSignedIn: () => true });
    await transport.send({ method: 'GET', path: '/things' });
    expect(calls[0].init.credentials).to.equal('include');
    expect(headersOf(calls[0]).Authorization).to.equal(undefined);
    expect(headersOf(calls[0])['X-Portal-Session']).to.equal('cookie');
  });

  it('bearer modes still omit credentials', async () => {
    const { fetch, calls } = endpoint({ 'GET /things': () => json(200, { ok: true }) });
    await createFetchTransport({ baseUrl: ENDPOINT, fetch, getToken: () => 'tok' }).send({ method: 'GET', path: '/things' });
    expect(calls[0].init.credentials).to.equal('omit');
    expect(headersOf(calls[0])['X-Portal-Session']).to.equal(undefined);
  });

  it('a sign-in answered with the cookie signs in with no token, writes nothing to web storage, and later calls carry only the cookie', async () => {
    let signedIn = false;
    const { fetch, calls } = endpoint({
      'GET /auth/session': () => (signedIn ? json(200, SESSION) : json(401, { error: { code: 'unauthorized', message: 'x' } })),
      'POST /auth/pin': () => {
        signedIn = true;
        return json(201, { session: SESSION });
      },
      'DELETE /auth/session': () => new Response(null, { status: 204 }),
    });
    configurePortal({ fetch });
    const connection = connect(ENDPOINT, 'cookie');
    await settle();
    expect(connection.persistence).to.equal('cookie');
    expect(connection.session.signedIn, 'no cookie yet: the reload probe finds no session').to.equal(false);

    await connection.client.signInWithPin({ email: 'a@example.com', pin: '1234 5678' });
    expect(connection.session.signedIn).to.equal(true);
    expect(connection.session.token).to.equal(undefined);
    await connection.client.getSession();

    for (const call of calls) {
      expect(call.init.credentials, call.url).to.equal('include');
      expect(headersOf(call).Authorization, call.url).to.equal(undefined);
      expect(headersOf(call)['X-Portal-Session'], call.url).to.equal('cookie');
    }
    expect(sessionStorage.length, 'sessionStorage').to.equal(0);
    expect(localStorage.length, 'localStorage').to.equal(0);

    await connection.client.signOut();
    expect(calls.at(-1)?.init.method).to.equal('DELETE');
    expect(connection.session.signedIn).to.equal(false);
    expect(sessionStorage.length).to.equal(0);
  });

  it('after a reload, one call to the endpoint finds the cookie session again', async () => {
    const { fetch, calls } = endpoint({ 'GET /auth/session': () => json(200, SESSION) });
    configurePortal({ fetch });
    const connection = connect(ENDPOINT, 'cookie');
    await settle();
    await settle();
    expect(calls.map((call) => `${call.init.method} ${new URL(call.url).pathname}`)).to.deep.equal(['GET /p/cookie/auth/session']);
    expect(connection.session.signedIn).to.equal(true);
    expect(sessionStorage.length).to.equal(0);
  });

  it('a 401 on a cookie-carried call signs the page out (expired)', async () => {
    let live = true;
    const { fetch } = endpoint({
      'GET /auth/session': () => (live ? json(200, SESSION) : json(401, { error: { code: 'session_expired', message: 'x' } })),
    });
    configurePortal({ fetch });
    const connection = connect(ENDPOINT, 'cookie');
    await settle();
    await settle();
    expect(connection.session.signedIn).to.equal(true);
    const reasons: string[] = [];
    connection.session.addEventListener('change', (event) => reasons.push((event as Event & { reason: string }).reason));
    live = false;
    await connection.client.getSession().catch(() => undefined);
    expect(connection.session.signedIn).to.equal(false);
    expect(reasons).to.deep.equal(['expired']);
  });
});
