// Cookie sessions, R26 mode A, and their CSRF checks, R29; sign-out clears the cookie (R34).
//
// Dev/test path: browsers take a `__Host-` cookie only with Secure, i.e. from an https
// answer, and the endpoint offers cookie mode only to requests that arrived over https. The
// tests speak through Fastify `inject` as if behind one TLS-terminating proxy (TRUST_PROXY=1,
// `X-Forwarded-Proto: https`), with the endpoint on `portal.lakeside.example` and the widget
// on the practice's allow-listed `https://www.lakeside.example` (SESSION_COOKIE_SITES=lakeside.example).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { ConfigError, readCookieSites } from '../../server/config.js';
import { parseCookieHeader, SESSION_COOKIE } from '../../server/request/session-cookie.js';
import { call, issuePin, newAccount, pinSignIn, signedIn, type CallOptions } from './auth-helpers.js';
import { createTestApp, HARBOR_ORIGIN, LAKESIDE_ORIGIN, type TestApp } from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;
const HTTPS = { host: 'portal.lakeside.example', 'x-forwarded-proto': 'https' };
const COOKIE_MODE = { ...HTTPS, 'x-portal-session': 'cookie' };

describe('parseCookieHeader', () => {
  test('reads name=value pairs, first one wins, skips junk, keeps values as sent', () => {
    const cookies = parseCookieHeader(' a=1; __Host-sid=abc_-DEF ;a=2; junk; =x; q="quoted"; eq=x=y; empty=');
    assert.equal(cookies.get('a'), '1');
    assert.equal(cookies.get('__Host-sid'), 'abc_-DEF');
    assert.equal(cookies.get('q'), 'quoted');
    assert.equal(cookies.get('eq'), 'x=y');
    assert.equal(cookies.get('empty'), '');
    assert.equal(cookies.has('junk'), false);
    assert.equal(cookies.size, 5);
  });

  test('no header, an empty header and repeated headers', () => {
    assert.equal(parseCookieHeader(undefined).size, 0);
    assert.equal(parseCookieHeader('').size, 0);
    assert.equal(parseCookieHeader(['a=1', 'b=2; a=3']).get('a'), '1');
    assert.equal(parseCookieHeader(['a=1', 'b=2']).get('b'), '2');
  });
});

describe('SESSION_COOKIE_SITES', () => {
  test('a comma-separated list of lower-cased site names; anything else stops the start', () => {
    assert.deepEqual(readCookieSites(undefined), []);
    assert.deepEqual(readCookieSites(' '), []);
    assert.deepEqual(readCookieSites('Practice.com, other-practice.org,'), ['practice.com', 'other-practice.org']);
    for (const bad of ['https://practice.com', 'practice.com:443', 'localhost', '*.practice.com', 'practice.com/x']) {
      assert.throws(() => readCookieSites(bad), ConfigError, bad);
    }
  });
});

describe('cookie sessions (R26 mode A, R29)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      config: { sessionCookieSites: ['lakeside.example'], trustProxy: 1 },
      routes(app) {
        app.get('/p/:practice/test-whoami', { onRequest: app.requireSession, schema: { hide: true } }, async (request) => ({ ...request.auth }));
        app.post('/p/:practice/test-write', { onRequest: app.requireSession, schema: { hide: true } }, async () => ({ ok: true }));
      },
    });
  });
  after(() => t.close());
  beforeEach(() => t.clock.advance(DAY));

  /** Signs in with a PIN asking for cookie mode; returns the answer and the cookie's token. */
  async function cookieSignIn(headers: Record<string, string> = COOKIE_MODE) {
    const email = newAccount(t);
    const pin = await issuePin(t, email);
    const res = await pinSignIn(t, email, pin, { headers });
    assert.equal(res.statusCode, 201, res.body);
    const setCookie = res.headers['set-cookie'];
    const value = typeof setCookie === 'string' ? setCookie : undefined;
    const token = value ? parseCookieHeader(value.split(';')[0]).get(SESSION_COOKIE) : undefined;
    return { res, setCookie: value, token };
  }

  const withCookie = (token: string, headers: Record<string, string> = COOKIE_MODE): CallOptions => ({
    headers: { ...headers, cookie: `theme=dark; ${SESSION_COOKIE}=${token}` },
  });

  test('a cookie-mode sign-in sets __Host-sid with Secure, HttpOnly, Path=/, SameSite=Strict, no Domain, and no token in the body', async () => {
    const { res, setCookie, token } = await cookieSignIn();
    assert.ok(setCookie, 'Set-Cookie');
    assert.match(token ?? '', /^[A-Za-z0-9_-]{43}$/);
    const attributes = setCookie.split(';').slice(1).map((a) => a.trim().toLowerCase());
    assert.deepEqual(attributes.sort(), ['httponly', 'path=/', 'samesite=strict', 'secure']);
    const body = res.json<Record<string, unknown>>();
    assert.equal(body.token, undefined);
    assert.ok(!res.body.includes(token!));
    assert.ok(body.session);
    assert.equal(res.headers['access-control-allow-origin'], LAKESIDE_ORIGIN);
    assert.equal(res.headers['access-control-allow-credentials'], 'true');
  });

  test('no cookie unless asked, over https, from an allow-listed origin on the configured site', async () => {
    const refusals: Record<string, Record<string, string>> = {
      'not asked': HTTPS,
      'plain http': { host: 'portal.lakeside.example', 'x-portal-session': 'cookie' },
      'endpoint on another site': { ...COOKIE_MODE, host: 'portal.elsewhere.example' },
      'origin of another practice': { ...COOKIE_MODE, origin: HARBOR_ORIGIN },
      'http origin (local demo)': { ...COOKIE_MODE, origin: 'http://localhost:8080' },
    };
    for (const [name, headers] of Object.entries(refusals)) {
      const email = newAccount(t);
      const res = await pinSignIn(t, email, await issuePin(t, email), { headers });
      assert.equal(res.statusCode, 201, `${name}: ${res.body}`);
      assert.equal(res.headers['set-cookie'], undefined, name);
      assert.match(res.json<{ token: string }>().token, /^[A-Za-z0-9_-]{43}$/, name);
    }
  });

  test('the guard accepts the cookie for safe and (with the CSRF checks passed) unsafe methods', async () => {
    const { token } = await cookieSignIn();
    const who = await call(t, 'GET', '/test-whoami', undefined, withCookie(token!, HTTPS));
    assert.equal(who.statusCode, 200, who.body);
    const session = await call(t, 'GET', '/auth/session', undefined, withCookie(token!));
    assert.equal(session.statusCode, 200, session.body);
    const write = await call(t, 'POST', '/test-write', {}, withCookie(token!));
    assert.equal(write.statusCode, 200, write.body);
  });

  test('CSRF: an unsafe cookie request without the header, from a foreign Origin or with no Origin → 403 forbidden, standard body', async () => {
    const { token } = await cookieSignIn();
    const cases: Record<string, CallOptions> = {
      'missing X-Portal-Session': withCookie(token!, HTTPS),
      'foreign Origin': withCookie(token!, { ...COOKIE_MODE, origin: 'https://evil.test' }),
      'another practice origin': withCookie(token!, { ...COOKIE_MODE, origin: HARBOR_ORIGIN }),
      'Origin null': withCookie(token!, { ...COOKIE_MODE, origin: 'null' }),
    };
    for (const [name, options] of Object.entries(cases)) {
      for (const [method, path] of [['POST', '/test-write'], ['DELETE', '/auth/session']] as const) {
        const res = await call(t, method, path, method === 'POST' ? {} : undefined, options);
        assert.equal(res.statusCode, 403, `${name} ${method}: ${res.body}`);
        assert.deepEqual(res.json(), { error: { code: 'forbidden', message: 'Not allowed.' } }, name);
      }
    }
    const noOrigin = await t.app.inject({
      method: 'POST',
      url: '/p/lakeside/test-write',
      headers: { ...COOKIE_MODE, cookie: `${SESSION_COOKIE}=${token}` },
      payload: {},
    });
    assert.equal(noOrigin.statusCode, 403, `no Origin: ${noOrigin.body}`);
    // A text/plain form post (what an auto-submitting cross-site form sends) carries no custom header.
    const form = await t.app.inject({
      method: 'POST',
      url: '/p/lakeside/test-write',
      headers: { ...HTTPS, origin: 'https://evil.test', 'content-type': 'text/plain', cookie: `${SESSION_COOKIE}=${token}` },
      payload: 'a=b',
    });
    assert.ok(form.statusCode === 403 || form.statusCode === 415, `${form.statusCode} ${form.body}`);
    // The session was not ended by any of these.
    assert.equal((await call(t, 'GET', '/auth/session', undefined, withCookie(token!))).statusCode, 200);
  });

  test('sign-out ends the session and expires the cookie; the cookie is then refused', async () => {
    const { token } = await cookieSignIn();
    const out = await call(t, 'DELETE', '/auth/session', undefined, withCookie(token!));
    assert.equal(out.statusCode, 204, out.body);
    const cleared = String(out.headers['set-cookie']);
    assert.match(cleared, /^__Host-sid=;/);
    assert.match(cleared, /Max-Age=0/);
    assert.match(cleared, /Secure/);
    assert.match(cleared, /HttpOnly/);
    assert.match(cleared, /Path=\//);
    assert.equal(out.headers['clear-site-data'], '"cache"');
    const again = await call(t, 'GET', '/auth/session', undefined, withCookie(token!));
    assert.equal(again.statusCode, 401);
    assert.equal(again.json<{ error: { code: string } }>().error.code, 'unauthorized');
  });

  test('bearer mode is unchanged: a bearer wins over a cookie, needs no CSRF header, and sets no cookie', async () => {
    const bearer = await signedIn(t, newAccount(t));
    const { token: cookieToken } = await cookieSignIn();
    const write = await call(t, 'POST', '/test-write', {}, { bearer, headers: { cookie: `${SESSION_COOKIE}=${cookieToken}` } });
    assert.equal(write.statusCode, 200, write.body);
    const who = await call(t, 'GET', '/test-whoami', undefined, { bearer, headers: { cookie: `${SESSION_COOKIE}=${cookieToken}` } });
    const cookieWho = await call(t, 'GET', '/test-whoami', undefined, withCookie(cookieToken!));
    assert.notEqual(who.json<{ accountId: number }>().accountId, cookieWho.json<{ accountId: number }>().accountId);
    const out = await call(t, 'DELETE', '/auth/session', undefined, { bearer });
    assert.equal(out.statusCode, 204);
    assert.equal(out.headers['set-cookie'], undefined);
    assert.equal(out.headers['clear-site-data'], undefined);
  });

  test('preflight: credentials allowed for the allow-listed origin only, with the custom header', async () => {
    const preflight = (origin: string) =>
      t.app.inject({
        method: 'OPTIONS',
        url: '/p/lakeside/auth/session',
        headers: { origin, 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'x-portal-session' },
      });
    const ok = await preflight(LAKESIDE_ORIGIN);
    assert.equal(ok.statusCode, 204);
    assert.equal(ok.headers['access-control-allow-origin'], LAKESIDE_ORIGIN);
    assert.equal(ok.headers['access-control-allow-credentials'], 'true');
    assert.match(String(ok.headers['access-control-allow-headers']), /X-Portal-Session/);
    const evil = await preflight('https://evil.test');
    assert.equal(evil.headers['access-control-allow-origin'], undefined);
    assert.equal(evil.headers['access-control-allow-credentials'], undefined);
  });

  test('a cookie session of one practice is refused at another (R28)', async () => {
    const { token } = await cookieSignIn();
    const res = await call(t, 'GET', '/auth/session', undefined, { practice: 'harbor', ...withCookie(token!, { ...HTTPS, origin: HARBOR_ORIGIN }) });
    assert.equal(res.statusCode, 401);
  });
});

describe('cookie sessions not configured', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: { trustProxy: 1 } });
  });
  after(() => t.close());

  test('a sign-in asking for a cookie gets the bearer answer, the guard ignores cookies, CORS allows no credentials', async () => {
    const email = newAccount(t);
    const res = await pinSignIn(t, email, await issuePin(t, email), { headers: COOKIE_MODE });
    assert.equal(res.statusCode, 201);
    assert.equal(res.headers['set-cookie'], undefined);
    assert.equal(res.headers['access-control-allow-credentials'], undefined);
    const token = res.json<{ token: string }>().token;
    const viaCookie = await call(t, 'GET', '/auth/session', undefined, { headers: { ...HTTPS, cookie: `${SESSION_COOKIE}=${token}` } });
    assert.equal(viaCookie.statusCode, 401);
  });
});
