// Bearer sessions: R8, R14, R28, R31, R32, R34, R35, R36.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { tokenHash } from '../../server/auth/secrets.js';
import { findSession } from '../../server/repos/sessions.js';
import { MAX_LIVE_SESSIONS_PER_ACCOUNT } from '../../server/auth/session-start.js';
import { findPracticeBySlug } from '../../server/repos/practices.js';
import {
  auditSince,
  auditTip,
  call,
  codeSignIn,
  getSession,
  issuePin,
  newAccount,
  newLinkAndCode,
  newLinkToken,
  pinSignIn,
  previewLink,
  redeemLink,
  signedIn,
} from './auth-helpers.js';
import { createTestApp, HARBOR_ORIGIN, LAKESIDE_ORIGIN, REQUIRED_SECURITY_HEADERS, type TestApp } from './helpers.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

describe('sessions', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      routes(app) {
        // What a later profile-scoped route looks like: the guard, then request.auth.
        app.get('/p/:practice/test-whoami', { onRequest: app.requireSession, schema: { hide: true } }, async (request) => ({ ...request.auth }));
      },
    });
  });
  after(() => t.close());
  beforeEach(() => t.clock.advance(DAY));

  const sessionRow = (token: string, practice = 'lakeside') =>
    findSession(t.db, findPracticeBySlug(t.db, practice)!.id, tokenHash(token))!;

  test('a session token is 256 random bits, stored only as its SHA-256, and answers with no-store', async () => {
    const token = await signedIn(t, newAccount(t));
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    const row = t.db.prepare('SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash(token));
    assert.ok(row);
    assert.ok(!JSON.stringify(t.db.prepare('SELECT * FROM sessions').all()).includes(token));
    const res = await getSession(t, token);
    assert.equal(res.statusCode, 200);
    for (const [name, value] of Object.entries(REQUIRED_SECURITY_HEADERS)) assert.equal(res.headers[name], value, name);
    assert.equal(res.headers['access-control-allow-origin'], LAKESIDE_ORIGIN);
  });

  test('idle timeout 900 s: a call at 899 s succeeds and restarts the timer; 900 s without one → 401 session_expired (R31)', async () => {
    const token = await signedIn(t, newAccount(t));
    const start = t.clock.now();
    t.clock.advance(899 * SECOND);
    const ok = await getSession(t, token);
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().idleExpiresAt, new Date(start + (899 + 900) * SECOND).toISOString(), 'refreshed');
    assert.equal(ok.json().idleTimeoutSeconds, 900);
    t.clock.advance(899 * SECOND);
    assert.equal((await getSession(t, token)).statusCode, 200, 'still alive: the timer restarted');

    const tip = auditTip(t.db);
    t.clock.advance(900 * SECOND);
    const expired = await getSession(t, token);
    assert.equal(expired.statusCode, 401);
    assert.deepEqual(expired.json(), { error: { code: 'session_expired', message: 'The session has expired.' } });
    assert.match(String(expired.headers['www-authenticate']), /^Bearer realm="portal", error="invalid_token"/);
    assert.equal(expired.headers['cache-control'], 'no-store');
    assert.equal(sessionRow(token).endReason, 'idle_timeout', 'the row is invalidated');
    assert.deepEqual(
      auditSince(t.db, tip).map((e) => e.action),
      ['session_expired'],
    );
    t.clock.advance(SECOND);
    assert.equal((await getSession(t, token)).json().error.code, 'session_expired', 'and stays so');
  });

  test('absolute lifetime 12 h: activity every 5 minutes does not extend it (R32)', async () => {
    const token = await signedIn(t, newAccount(t));
    const start = t.clock.now();
    let last = await getSession(t, token);
    assert.equal(last.json().expiresAt, new Date(start + 43_200 * SECOND).toISOString());
    for (let elapsed = 5 * MINUTE; elapsed < 43_200 * SECOND; elapsed += 5 * MINUTE) {
      t.clock.set(start + elapsed);
      last = await getSession(t, token);
      assert.equal(last.statusCode, 200, `at ${elapsed / 1000} s`);
    }
    assert.equal(last.json().idleExpiresAt, last.json().expiresAt, 'the idle deadline never passes the absolute one');
    t.clock.set(start + 43_200 * SECOND - 1);
    assert.equal((await getSession(t, token)).statusCode, 200);
    t.clock.set(start + 43_200 * SECOND);
    const expired = await getSession(t, token);
    assert.equal(expired.statusCode, 401);
    assert.equal(expired.json().error.code, 'session_expired');
    assert.equal(sessionRow(token).endReason, 'absolute_timeout');
  });

  test('sign-out ends the session on the server: replaying the token → 401 unauthorized (R34)', async () => {
    const token = await signedIn(t, newAccount(t));
    const tip = auditTip(t.db);
    const out = await call(t, 'DELETE', '/auth/session', undefined, { bearer: token });
    assert.equal(out.statusCode, 204);
    assert.equal(out.body, '');
    assert.equal(out.headers['cache-control'], 'no-store');
    assert.deepEqual(
      auditSince(t.db, tip).map((e) => [e.action, e.outcome]),
      [['session_ended', 'success']],
    );
    for (const replay of [await getSession(t, token), await call(t, 'DELETE', '/auth/session', undefined, { bearer: token })]) {
      assert.equal(replay.statusCode, 401);
      assert.deepEqual(replay.json(), { error: { code: 'unauthorized', message: 'Authentication is required.' } });
      assert.equal(replay.headers['www-authenticate'], 'Bearer realm="portal"');
    }
    assert.equal(sessionRow(token).endReason, 'signed_out');
  });

  test('at most 5 live sessions per account: the 6th sign-in ends the oldest, which then gets 401; the others live on (R40)', async () => {
    const email = newAccount(t);
    const tokens: string[] = [];
    for (let i = 0; i < MAX_LIVE_SESSIONS_PER_ACCOUNT; i++) {
      tokens.push(await signedIn(t, email));
      t.clock.advance(SECOND);
    }
    assert.equal(MAX_LIVE_SESSIONS_PER_ACCOUNT, 5, 'the documented limit (README, "Embedding")');
    for (const token of tokens) assert.equal((await getSession(t, token)).statusCode, 200, 'five at once are fine');

    const tip = auditTip(t.db);
    const sixth = await signedIn(t, email);
    assert.equal((await getSession(t, sixth)).statusCode, 200);
    const oldest = await getSession(t, tokens[0]);
    assert.equal(oldest.statusCode, 401);
    assert.equal(oldest.json().error.code, 'unauthorized');
    assert.equal(sessionRow(tokens[0]).endReason, 'replaced');
    for (const token of tokens.slice(1)) assert.equal((await getSession(t, token)).statusCode, 200, 'the newer four live on');
    assert.deepEqual(
      auditSince(t.db, tip)
        .filter((e) => e.action === 'session_ended')
        .map((e) => e.resource_id),
      [String(sessionRow(tokens[0]).id)],
    );

    // Only the account's own sessions count: another account signing in ends none of these.
    await signedIn(t, newAccount(t));
    for (const token of [...tokens.slice(1), sixth]) assert.equal((await getSession(t, token)).statusCode, 200);
  });

  test("a practice's session is refused by another practice (R28)", async () => {
    const token = await signedIn(t, newAccount(t));
    const elsewhere = await getSession(t, token, { practice: 'harbor', headers: { origin: HARBOR_ORIGIN } });
    assert.equal(elsewhere.statusCode, 401);
    assert.equal(elsewhere.json().error.code, 'unauthorized');
    assert.equal((await getSession(t, token)).statusCode, 200, 'still valid where it belongs');
  });

  test('no token, a malformed one, an unknown one → 401 unauthorized with the CORS headers the widget needs', async () => {
    const answers = [
      await call(t, 'GET', '/auth/session'),
      await call(t, 'GET', '/auth/session', undefined, { headers: { authorization: 'Bearer not a token' } }),
      await call(t, 'GET', '/auth/session', undefined, { headers: { authorization: `Bearer ${'x'.repeat(4096)}` } }),
      await call(t, 'GET', '/auth/session', undefined, { headers: { authorization: 'Basic YWxleDpzZWNyZXQ=' } }),
      await getSession(t, 'A'.repeat(43)),
    ];
    for (const res of answers) {
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, 'unauthorized');
      assert.equal(res.headers['access-control-allow-origin'], LAKESIDE_ORIGIN);
    }
  });

  test('signing in again while signed in ends the old session: a new id every time (R8)', async () => {
    const email = newAccount(t);
    const first = await signedIn(t, email);
    const link = await newLinkToken(t, email);
    const tip = auditTip(t.db);
    const redeemed = await redeemLink(t, link, { bearer: first });
    assert.equal(redeemed.statusCode, 201);
    const second = redeemed.json().token as string;
    assert.notEqual(second, first);
    assert.equal((await getSession(t, first)).statusCode, 401);
    assert.equal(sessionRow(first).endReason, 'replaced');
    assert.equal((await getSession(t, second)).statusCode, 200);
    assert.deepEqual(
      auditSince(t.db, tip).map((e) => e.action),
      ['session_ended', 'authn_login_success', 'authz_fail', 'sensitive_read'],
    );

    const pin = await issuePin(t, email);
    const third = (await pinSignIn(t, email, pin, { bearer: second })).json().token as string;
    assert.notEqual(third, second);
    assert.equal(sessionRow(second).endReason, 'replaced');
  });

  test('requireSession is reusable: a route behind it gets { accountId, sessionId } and counts as activity', async () => {
    const token = await signedIn(t, newAccount(t));
    const row = sessionRow(token);
    t.clock.advance(600 * SECOND);
    const res = await call(t, 'GET', '/test-whoami', undefined, { bearer: token });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().accountId, row.accountId);
    assert.equal(res.json().sessionId, row.id);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(sessionRow(token).lastSeenAt, t.clock.now());
    assert.equal((await call(t, 'GET', '/test-whoami')).statusCode, 401);
  });

  test('every sign-in route tagged phi writes exactly one audit event with who, what, when, where and outcome (R36)', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, { operationId: string; tags?: string[] }>>;
    }>();
    const phi = Object.values(doc.paths)
      .flatMap((methods) => Object.values(methods))
      // The profile, booking and file slices check their own phi routes' audit events.
      .filter((op) => op.tags?.includes('phi') && op.tags.includes('auth'))
      .map((op) => op.operationId)
      .sort();
    const email = newAccount(t);
    // Each phi operation: its set-up (which writes events of its own), then the call itself.
    const exercises: Record<string, { setUp: () => Promise<string>; run: (input: string) => Promise<{ statusCode: number }> }> = {
      previewSignInLink: { setUp: () => newLinkToken(t, email), run: (token) => previewLink(t, token) },
      redeemSignInLink: { setUp: () => newLinkToken(t, email), run: (token) => redeemLink(t, token) },
      signInWithPin: { setUp: () => issuePin(t, email), run: (pin) => pinSignIn(t, email, pin) },
      signInWithEmailCode: { setUp: async () => (await newLinkAndCode(t, email)).code, run: (code) => codeSignIn(t, email, code) },
      getSession: { setUp: () => signedIn(t, email), run: (token) => getSession(t, token) },
    };
    assert.deepEqual(phi, Object.keys(exercises).sort(), 'every phi operation is exercised here');
    const lakeside = findPracticeBySlug(t.db, 'lakeside')!;
    for (const operationId of phi) {
      t.clock.advance(DAY);
      const { setUp, run } = exercises[operationId];
      const input = await setUp();
      const tip = auditTip(t.db);
      const res = await run(input);
      const [event, ...rest] = auditSince(t.db, tip);
      assert.ok(res.statusCode < 300, `${operationId}: ${res.statusCode}`);
      assert.equal(rest.length, 0, `${operationId}: exactly one event`);
      assert.equal(event.practice_id, lakeside.id, operationId);
      assert.ok(event.actor_account_id, operationId);
      assert.ok(event.resource_type, operationId);
      assert.equal(event.outcome, 'success', operationId);
      assert.equal(event.ip, '203.0.113.10', operationId);
      assert.equal(event.origin, LAKESIDE_ORIGIN, operationId);
      assert.equal(event.occurred_at, t.clock.now(), operationId);
    }
  });
});
