import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './helpers.js';

describe('logs carry no secrets or PHI (R30)', () => {
  const lines: string[] = [];
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } },
      routes(app) {
        app.post('/p/:practice/test-echo', async (request) => {
          request.log.info({ email: 'canary@example.com', to: 'canary@example.com', token: 'tok_canary' }, 'handled');
          throw new Error('failed for canary@example.com');
        });
      },
    });
    await t.app.inject({
      url: '/p/lakeside/admin/settings?email=canary@example.com&token=tok_canary',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, cookie: 'sid=cookie_canary' },
    });
    await t.app.inject({ url: '/p/lakeside/admin/settings', headers: { authorization: 'Bearer wrong_canary' } });
    await t.app.inject({
      method: 'POST',
      url: '/p/lakeside/test-echo?pin=123456',
      payload: { email: 'canary@example.com', pin: '123456' },
    });
  });
  after(() => t.close());

  test('requests are logged (the check below is not vacuous)', () => {
    const entries = lines.map((l) => JSON.parse(l) as { msg: string; req?: { url: string } });
    assert.ok(entries.some((e) => e.msg === 'incoming request' && e.req?.url === '/p/lakeside/admin/settings'));
    assert.ok(entries.some((e) => e.msg === 'request failed'));
  });

  test('no token, cookie, PIN, email, query string or request body appears', () => {
    const text = lines.join('');
    for (const canary of [ADMIN_TOKEN, 'wrong_canary', 'tok_canary', 'cookie_canary', '123456', '?', 'canary@example.com']) {
      assert.ok(!text.includes(canary), `logs contain ${canary}`);
    }
  });

  test('email addresses passed to the logger are redacted', () => {
    const handled = lines.map((l) => JSON.parse(l)).find((e: { msg: string }) => e.msg === 'handled');
    assert.equal(handled.email, '[redacted]');
    assert.equal(handled.to, '[redacted]');
    assert.equal(handled.token, '[redacted]');
  });
});
