import { Value } from '@sinclair/typebox/value';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PracticeSettings } from '../../src/contract/index.js';
import { listAuditEvents } from '../../server/repos/audit.js';
import { findPracticeBySlug } from '../../server/repos/practices.js';
import { ADMIN_TOKEN, createTestApp, LAKESIDE_ORIGIN, type TestApp } from './helpers.js';

describe('admin side: bearer admin token', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const refused: [string, Record<string, string>][] = [
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer wrong-token' }],
    ['the right token minus its last character', { authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}` }],
    ['the right token plus a character', { authorization: `Bearer ${ADMIN_TOKEN}x` }],
    ['the right token without the Bearer scheme', { authorization: ADMIN_TOKEN }],
    ['Basic auth', { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ];

  for (const [label, headers] of refused) {
    test(`401 unauthorized with ${label}`, async () => {
      const res = await t.app.inject({ url: '/p/lakeside/admin/settings', headers });
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, 'unauthorized');
      assert.match(String(res.headers['www-authenticate']), /^Bearer/);
    });
  }

  test('a refusal is audited as authz_fail, with no token in the record', async () => {
    const practice = findPracticeBySlug(t.db, 'lakeside')!;
    await t.app.inject({
      url: '/p/lakeside/admin/settings',
      headers: { authorization: 'Bearer guess-123', origin: 'https://evil.test' },
    });
    const [event] = listAuditEvents(t.db, practice.id, 1);
    assert.equal(event?.action, 'authz_fail');
    assert.equal(event?.outcome, 'failure');
    assert.equal(event?.resourceType, 'office');
    assert.equal(event?.origin, 'https://evil.test');
    assert.doesNotMatch(JSON.stringify(event), /guess-123/);
  });

  test("200 with the token: the practice's settings, matching the contract, without secrets", async () => {
    const res = await t.app.inject({
      url: '/p/lakeside/admin/settings',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, origin: LAKESIDE_ORIGIN },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['access-control-allow-origin'], LAKESIDE_ORIGIN, 'the console calls it cross-origin');
    const body = res.json();
    assert.ok(Value.Check(PracticeSettings, body));
    assert.equal(body.slug, 'lakeside');
    assert.equal(body.idleTimeoutSeconds, 900);
    assert.equal(body.absoluteTimeoutSeconds, 43_200);
    assert.equal(body.linkTtlSeconds, 86_400);
    assert.equal(body.cancellationWindowHours, 24);
    assert.doesNotMatch(res.body, new RegExp(ADMIN_TOKEN));
  });

  test('the scheme name is case-insensitive', async () => {
    const res = await t.app.inject({ url: '/p/harbor/admin/settings', headers: { authorization: `bearer ${ADMIN_TOKEN}` } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().slug, 'harbor');
  });

  test('an unknown practice is 404 before the token is even looked at', async () => {
    const res = await t.app.inject({ url: '/p/nowhere/admin/settings' });
    assert.equal(res.statusCode, 404);
  });
});
