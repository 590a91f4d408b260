// Every failure in one error shape (R39), including the rate limit's 429.
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ErrorBody } from '../../src/contract/index.js';
import { transaction } from '../../server/db/transaction.js';
import { ApiError } from '../../server/errors.js';
import { clientKey } from '../../server/request/client-key.js';
import { assertNoLeak, createTestApp, LAKESIDE_ORIGIN, type TestApp } from './helpers.js';

const Form = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 5 }),
    age: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
    email: Type.String({ format: 'email' }),
    address: Type.Optional(Type.Object({ city: Type.String({ maxLength: 3 }) })),
  },
  { additionalProperties: false },
);

describe('one error shape for every failure (R39)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      busyTimeoutMs: 20,
      routes(app, db) {
        app.post('/p/:practice/test-form', { schema: { body: Form } }, async (request) => ({ ok: true, name: request.body.name }));
        app.get('/p/:practice/test-crash', async () => {
          throw new Error('SELECT secret FROM accounts WHERE email = "x@example.com" failed');
        });
        app.get('/p/:practice/test-typeerror', async () => {
          const missing = undefined as unknown as { call(): void };
          missing.call();
          return {};
        });
        app.get('/p/:practice/test-conflict', async () => {
          throw new ApiError(409, 'conflict');
        });
        app.post('/p/:practice/test-write', async () => {
          transaction(db, () => db.prepare("UPDATE practices SET name = name WHERE slug = 'lakeside'").run());
          return { ok: true };
        });
      },
    });
  });
  after(() => t.close());

  function assertErrorShape(body: unknown, code: string): void {
    assert.ok(Value.Check(ErrorBody, body), `not an ErrorBody: ${JSON.stringify(body)}`);
    assert.equal((body).error.code, code);
  }

  test('400 validation names each bad field with a code, and echoes no values', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/p/lakeside/test-form',
      payload: { name: 'much too long', age: 200, email: 'not-an-email', address: { city: 'Chicago' } },
    });
    assert.equal(res.statusCode, 400);
    assertErrorShape(res.json(), 'validation');
    assert.deepEqual(res.json().error.fields, {
      name: 'too_long',
      age: 'out_of_range',
      email: 'invalid',
      'address.city': 'too_long',
    });
    assert.doesNotMatch(res.body, /much too long|Chicago|not-an-email/);
  });

  test('400 validation: a missing field is `required`', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/p/lakeside/test-form', payload: { email: 'a@example.com' } });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json().error.fields, { name: 'required' });
  });

  test('400 for a body that is not JSON at all, or a JSON prototype-poisoning attempt', async () => {
    for (const payload of ['{"name": ', '{"__proto__": {"admin": true}, "name": "a", "email": "a@example.com"}']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/p/lakeside/test-form',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      assert.equal(res.statusCode, 400, payload);
      assertErrorShape(res.json(), 'validation');
      assertNoLeak(res.body);
    }
  });

  test('404 not_found', async () => {
    const res = await t.app.inject({ url: '/p/lakeside/nope' });
    assert.equal(res.statusCode, 404);
    assertErrorShape(res.json(), 'not_found');
  });

  test('409 from an ApiError keeps its status and code', async () => {
    const res = await t.app.inject({ url: '/p/lakeside/test-conflict' });
    assert.equal(res.statusCode, 409);
    assertErrorShape(res.json(), 'conflict');
  });

  test('413 payload_too_large over 100 KB, before parsing', async () => {
    const big = JSON.stringify({ name: 'a', email: 'a@example.com', filler: 'x'.repeat(101 * 1024) });
    const res = await t.app.inject({
      method: 'POST',
      url: '/p/lakeside/test-form',
      headers: { 'content-type': 'application/json' },
      payload: big,
    });
    assert.equal(res.statusCode, 413);
    assertErrorShape(res.json(), 'payload_too_large');
  });

  for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
    test(`415 unsupported_media_type for ${contentType} (no CSRF via simple requests, R29)`, async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/p/lakeside/test-form',
        headers: { 'content-type': contentType, origin: 'https://evil.test' },
        payload: 'name=a&email=a@example.com',
      });
      assert.equal(res.statusCode, 415);
      assertErrorShape(res.json(), 'unsupported_media_type');
    });
  }

  test('500 server: a generic message, no stack, no SQL, no email', async () => {
    for (const url of ['/p/lakeside/test-crash', '/p/lakeside/test-typeerror']) {
      const res = await t.app.inject({ url });
      assert.equal(res.statusCode, 500);
      assertErrorShape(res.json(), 'server');
      assert.equal(res.json().error.message, 'Something went wrong.');
      assertNoLeak(res.body);
      assert.doesNotMatch(res.body, /example\.com|TypeError|undefined/);
    }
  });

  test('500 keeps the CORS grant so the widget can show its error state', async () => {
    const res = await t.app.inject({ url: '/p/lakeside/test-crash', headers: { origin: LAKESIDE_ORIGIN } });
    assert.equal(res.statusCode, 500);
    assert.equal(res.headers['access-control-allow-origin'], LAKESIDE_ORIGIN);
  });

  test('SQLITE_BUSY (another process holds the write lock) → 503 unavailable + Retry-After (F1)', async () => {
    const other = new Database(t.file);
    try {
      other.exec('BEGIN IMMEDIATE');
      const res = await t.app.inject({ method: 'POST', url: '/p/lakeside/test-write', headers: { 'content-type': 'application/json' }, payload: '{}' });
      assert.equal(res.statusCode, 503);
      assertErrorShape(res.json(), 'unavailable');
      assert.equal(res.headers['retry-after'], '1');
      assertNoLeak(res.body);
      other.exec('ROLLBACK');
      const retry = await t.app.inject({ method: 'POST', url: '/p/lakeside/test-write', headers: { 'content-type': 'application/json' }, payload: '{}' });
      assert.equal(retry.statusCode, 200, 'recovers once the lock is released');
    } finally {
      other.close();
    }
  });
});

describe('global rate limit per IP and practice', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: { rateLimit: { max: 3, windowMs: 60_000 } } });
  });
  after(() => t.close());

  test('the request after the budget gets 429 rate_limited with Retry-After, readable cross-origin', async () => {
    for (let i = 0; i < 3; i += 1) {
      const ok = await t.app.inject({ url: '/p/lakeside/info', headers: { origin: LAKESIDE_ORIGIN } });
      assert.equal(ok.statusCode, 200);
    }
    const res = await t.app.inject({ url: '/p/lakeside/info', headers: { origin: LAKESIDE_ORIGIN } });
    assert.equal(res.statusCode, 429);
    assert.deepEqual(res.json(), { error: { code: 'rate_limited', message: 'Too many requests; retry later.' } });
    const retryAfter = Number(res.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${res.headers['retry-after']}`);
    assert.equal(res.headers['access-control-allow-origin'], LAKESIDE_ORIGIN);
    assert.equal(res.headers['access-control-expose-headers'], 'Retry-After');
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  test('preflights are not counted and are still answered', async () => {
    const res = await t.app.inject({
      method: 'OPTIONS',
      url: '/p/lakeside/info',
      headers: { origin: LAKESIDE_ORIGIN, 'access-control-request-method': 'GET' },
    });
    assert.equal(res.statusCode, 204);
  });

  test("another practice's budget is separate", async () => {
    const res = await t.app.inject({ url: '/p/harbor/info' });
    assert.equal(res.statusCode, 200);
  });

  test('IPv6 clients are counted per /64, IPv4-mapped addresses as IPv4', () => {
    assert.equal(clientKey('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
    assert.equal(clientKey('2001:db8:1:2:bbbb:cccc:dddd:eeee'), '2001:db8:1:2::/64');
    assert.equal(clientKey('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(clientKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
    assert.equal(clientKey('::ffff:203.0.113.9'), '203.0.113.9');
    assert.equal(clientKey('203.0.113.9'), '203.0.113.9');
  });

  test('another client address has its own budget', async () => {
    const res = await t.app.inject({ url: '/p/lakeside/info', remoteAddress: '203.0.113.9' });
    assert.equal(res.statusCode, 200);
  });
});
