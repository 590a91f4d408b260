// What every response tells the browser: CORS per practice (R27) and security headers (R35).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN_TOKEN,
  createTestApp,
  HARBOR_ORIGIN,
  LAKESIDE_ORIGIN,
  REQUIRED_SECURITY_HEADERS,
  type TestApp,
} from './helpers.js';

/** R27's matrix: only the exact scheme+host+port on the practice's own list is allowed. */
const REFUSED_ORIGINS: [string, string][] = [
  ["another tenant's origin", HARBOR_ORIGIN],
  ['an http:// downgrade', 'http://www.lakeside.example'],
  ['a look-alike suffix', 'https://www.lakeside.example.evil.test'],
  ['a look-alike prefix', 'https://evil-www.lakeside.example'],
  ['a parent domain', 'https://lakeside.example'],
  ['a port variant', 'https://www.lakeside.example:8443'],
  ['null (sandboxed frame, file:)', 'null'],
  ['a trailing slash', 'https://www.lakeside.example/'],
  ['upper case', 'https://WWW.LAKESIDE.EXAMPLE'],
];

function varyIncludesOrigin(vary: unknown): boolean {
  return (typeof vary === 'string' ? vary : '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .includes('origin');
}

describe('CORS allow-list per practice (R27)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('the allowed origin gets exactly itself back, Vary: Origin, and Retry-After exposed', async () => {
    const res = await t.app.inject({ url: '/p/lakeside/info', headers: { origin: LAKESIDE_ORIGIN } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['access-control-allow-origin'], LAKESIDE_ORIGIN);
    assert.ok(varyIncludesOrigin(res.headers.vary));
    assert.equal(res.headers['access-control-expose-headers'], 'Retry-After');
    assert.equal(res.headers['access-control-allow-credentials'], undefined);
  });

  for (const [label, origin] of REFUSED_ORIGINS) {
    test(`refused: ${label} gets no Access-Control-Allow-Origin but still Vary: Origin`, async () => {
      const res = await t.app.inject({ url: '/p/lakeside/info', headers: { origin } });
      assert.equal(res.statusCode, 200, 'the server answers; the browser withholds it');
      assert.equal(res.headers['access-control-allow-origin'], undefined);
      assert.ok(varyIncludesOrigin(res.headers.vary));
    });

    test(`refused preflight: ${label}`, async () => {
      const res = await t.app.inject({
        method: 'OPTIONS',
        url: '/p/lakeside/info',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
      assert.equal(res.headers['access-control-allow-origin'], undefined);
      assert.equal(res.headers['access-control-allow-methods'], undefined);
      assert.ok(varyIncludesOrigin(res.headers.vary));
    });
  }

  test('the matrix allows 1 of 10', async () => {
    const origins = [LAKESIDE_ORIGIN, ...REFUSED_ORIGINS.map(([, o]) => o)];
    let allowed = 0;
    for (const origin of origins) {
      const res = await t.app.inject({ url: '/p/lakeside/info', headers: { origin } });
      if (res.headers['access-control-allow-origin'] !== undefined) allowed += 1;
    }
    assert.equal(allowed, 1);
  });

  test("a practice's origin is allowed on its own paths only", async () => {
    const own = await t.app.inject({ url: '/p/harbor/info', headers: { origin: HARBOR_ORIGIN } });
    assert.equal(own.headers['access-control-allow-origin'], HARBOR_ORIGIN);
    const other = await t.app.inject({ url: '/p/harbor/info', headers: { origin: LAKESIDE_ORIGIN } });
    assert.equal(other.headers['access-control-allow-origin'], undefined);
  });

  test('preflight: only the methods and headers in use, cached for 2 hours', async () => {
    const res = await t.app.inject({
      method: 'OPTIONS',
      url: '/p/lakeside/info',
      headers: {
        origin: LAKESIDE_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    assert.equal(res.statusCode, 204);
    assert.equal(res.headers['access-control-allow-origin'], LAKESIDE_ORIGIN);
    assert.equal(res.headers['access-control-allow-methods'], 'GET, POST, PUT, DELETE');
    assert.equal(res.headers['access-control-allow-headers'], 'Authorization, Content-Type, Accept-Language, Idempotency-Key, X-Portal-Session');
    assert.equal(res.headers['access-control-max-age'], '7200');
    assert.ok(varyIncludesOrigin(res.headers.vary));
    assert.equal(res.body, '');
  });

  test('never a wildcard, on any path', async () => {
    for (const url of ['/p/lakeside/info', '/p/lakeside/nothing', '/healthz', '/openapi.json', '/p/nowhere/info']) {
      const res = await t.app.inject({ url, headers: { origin: LAKESIDE_ORIGIN } });
      assert.notEqual(res.headers['access-control-allow-origin'], '*', url);
    }
  });

  test('an unknown practice: 404 with Vary: Origin and no CORS grant', async () => {
    const res = await t.app.inject({ url: '/p/nowhere/info', headers: { origin: LAKESIDE_ORIGIN } });
    assert.equal(res.statusCode, 404);
    assert.equal(res.headers['access-control-allow-origin'], undefined);
    assert.ok(varyIncludesOrigin(res.headers.vary));
  });

  test('errors on allowed origins stay readable by the widget (404 carries the grant)', async () => {
    const res = await t.app.inject({ url: '/p/lakeside/nothing', headers: { origin: LAKESIDE_ORIGIN } });
    assert.equal(res.statusCode, 404);
    assert.equal(res.headers['access-control-allow-origin'], LAKESIDE_ORIGIN);
  });

  test('a changed allow-list applies to the next request', async () => {
    const newcomer = 'https://new.lakeside.example';
    const before = await t.app.inject({ url: '/p/lakeside/info', headers: { origin: newcomer } });
    assert.equal(before.headers['access-control-allow-origin'], undefined);
    const { setAllowedOrigins, findPracticeBySlug } = await import('../../server/repos/practices.js');
    const practice = findPracticeBySlug(t.db, 'lakeside')!;
    setAllowedOrigins(t.db, t.clock, practice.id, [...practice.allowedOrigins, newcomer]);
    const after = await t.app.inject({ url: '/p/lakeside/info', headers: { origin: newcomer } });
    assert.equal(after.headers['access-control-allow-origin'], newcomer);
    setAllowedOrigins(t.db, t.clock, practice.id, practice.allowedOrigins);
  });
});

describe('security headers and no-store on every API response (R35)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      routes(app) {
        app.get('/p/:practice/test-crash', async () => {
          throw new Error('boom');
        });
      },
    });
  });
  after(() => t.close());

  const cases: [string, { url: string; method?: 'GET' | 'OPTIONS'; headers?: Record<string, string> }][] = [
    ['info (200)', { url: '/p/lakeside/info' }],
    ['unknown practice (404)', { url: '/p/nowhere/info' }],
    ['admin without token (401)', { url: '/p/lakeside/admin/settings' }],
    ['admin with token (200)', { url: '/p/lakeside/admin/settings', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }],
    ['server error (500)', { url: '/p/lakeside/test-crash' }],
    ['health', { url: '/healthz' }],
    ['OpenAPI', { url: '/openapi.json' }],
    [
      'preflight (204)',
      { url: '/p/lakeside/info', method: 'OPTIONS', headers: { origin: LAKESIDE_ORIGIN, 'access-control-request-method': 'GET' } },
    ],
  ];

  for (const [label, request] of cases) {
    test(label, async () => {
      const res = await t.app.inject({ method: request.method ?? 'GET', url: request.url, headers: request.headers });
      for (const [name, value] of Object.entries(REQUIRED_SECURITY_HEADERS)) {
        assert.equal(res.headers[name], value, `${name} on ${label}`);
      }
      assert.equal(res.headers['x-frame-options'], 'DENY');
      assert.equal(res.headers['x-powered-by'], undefined);
      if (res.statusCode !== 204) assert.match(String(res.headers['content-type']), /charset=utf-8/);
    });
  }
});
