// The webhook rules on their own: the SSRF address classifier, the URL rules, the Standard
// Webhooks signature, the retry schedule, and the sender's refusals (address pinned after DNS,
// no redirects followed).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { refusedAddressRange } from '../../server/webhooks/address-policy.js';
import { DELIVERY_WINDOW_MS, nextAttemptAt, retryDelay } from '../../server/webhooks/schedule.js';
import { sendWebhook } from '../../server/webhooks/send.js';
import { newWebhookSecret, signWebhook, webhookHeaders } from '../../server/webhooks/signature.js';
import { webhookUrlRefusal } from '../../server/webhooks/url-check.js';
import { webhookUrlProblem } from '../../server/webhooks/url-policy.js';
import { verifyStandardWebhook, WebhookReceiver } from './webhook-helpers.js';

describe('SSRF: which addresses a webhook may reach in production', () => {
  const refused: Record<string, string[]> = {
    loopback: ['127.0.0.1', '127.255.255.254', '::1'],
    private: ['10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.255', '192.168.0.1', '192.168.255.255'],
    linkLocal: ['169.254.169.254', '169.254.0.1', 'fe80::1', 'fe80::abcd:1234'],
    carrierGradeNat: ['100.64.0.1', '100.127.255.255'],
    uniqueLocal: ['fc00::1', 'fd12:3456:789a::1'],
    multicast: ['224.0.0.1', '239.255.255.250', 'ff02::1', 'ff05::2'],
    unspecified: ['0.0.0.0', '::'],
    broadcast: ['255.255.255.255'],
    reserved: ['192.0.2.1', '198.51.100.7', '203.0.113.9', '240.0.0.1', '2001:db8::1', '198.18.0.1'],
    // IPv6 forms that carry an IPv4 address are judged by it, or refused outright.
    embedded: ['::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '::ffff:7f00:1', '64:ff9b::a00:1', '2002:a00:1::1', '2001::1'],
    invalid: ['not-an-ip', '999.1.1.1', ''],
  };
  for (const [kind, addresses] of Object.entries(refused)) {
    test(`refuses ${kind}`, () => {
      for (const address of addresses) assert.notEqual(refusedAddressRange(address), null, address);
    });
  }

  test('allows public unicast, IPv4 and IPv6, and IPv4-mapped public addresses', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2001:4860:4860::8888', '::ffff:8.8.8.8', '[2606:4700::1]']) {
      assert.equal(refusedAddressRange(address), null, address);
    }
  });

  test('names the range it refuses', () => {
    assert.equal(refusedAddressRange('10.1.2.3'), 'private');
    assert.equal(refusedAddressRange('169.254.169.254'), 'linkLocal');
    assert.equal(refusedAddressRange('100.64.1.1'), 'carrierGradeNat');
    assert.equal(refusedAddressRange('::ffff:192.168.1.1'), 'private');
  });
});

describe('webhook URL rules', () => {
  test('https everywhere; http only to localhost in development', () => {
    assert.equal(webhookUrlProblem('https://hooks.example.com/in', 'production'), null);
    assert.equal(webhookUrlProblem('https://hooks.example.com/in', 'development'), null);
    assert.equal(webhookUrlProblem('http://localhost:9000/in', 'development'), null);
    assert.equal(webhookUrlProblem('http://127.0.0.1:9000/in', 'development'), null);
    assert.equal(webhookUrlProblem('http://[::1]:9000/in', 'development'), null);
    assert.match(webhookUrlProblem('http://hooks.example.com/in', 'development')!, /https/);
    assert.match(webhookUrlProblem('http://localhost:9000/in', 'production')!, /https/);
    assert.match(webhookUrlProblem('ftp://hooks.example.com/in', 'production')!, /https/);
    assert.match(webhookUrlProblem('not a url', 'production')!, /not valid/);
    assert.match(webhookUrlProblem('https://user:pw@hooks.example.com/', 'production')!, /user name/);
  });

  test('production refuses this machine and private networks, however the address is written', () => {
    for (const url of [
      'https://localhost/in',
      'https://app.localhost/in',
      'https://127.0.0.1/in',
      'https://2130706433/in', // 127.0.0.1 as one number: URL parsing normalizes it
      'https://0x7f.0.0.1/in',
      'https://017700000001/in',
      'https://10.0.0.5/in',
      'https://169.254.169.254/latest/meta-data/',
      'https://[::1]/in',
      'https://[::ffff:127.0.0.1]/in',
      'https://[fd00::1]/in',
      'https://100.64.0.1/in',
      'https://0.0.0.0/in',
    ]) {
      assert.match(webhookUrlProblem(url, 'production') ?? 'allowed', /private network/, url);
    }
    assert.equal(webhookUrlProblem('https://93.184.216.34/in', 'production'), null);
  });

  test('on save in production, every address the name resolves to must be public', async () => {
    const dns = (answers: Record<string, string[]>) => async (host: string) => {
      if (!answers[host]) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      return answers[host];
    };
    const resolve = dns({ 'good.example': ['93.184.216.34'], 'evil.example': ['93.184.216.34', '10.0.0.7'], 'meta.example': ['169.254.169.254'] });
    assert.equal(await webhookUrlRefusal('https://good.example/in', 'production', resolve), null);
    assert.match((await webhookUrlRefusal('https://evil.example/in', 'production', resolve))!, /private network/);
    assert.match((await webhookUrlRefusal('https://meta.example/in', 'production', resolve))!, /private network/);
    assert.match((await webhookUrlRefusal('https://nowhere.example/in', 'production', resolve))!, /does not resolve/);
    // Development does not resolve (local receivers are the point there).
    assert.equal(await webhookUrlRefusal('https://evil.example/in', 'development', resolve), null);
  });
});

describe('Standard Webhooks signature', () => {
  test('matches the spec’s reference test vector', () => {
    // The vector the Standard Webhooks reference libraries test against.
    assert.equal(
      signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}'),
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  test('new secrets are whsec_ + 32 random bytes; the headers verify independently, and only unchanged', () => {
    const secret = newWebhookSecret();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(Buffer.from(secret.slice(6), 'base64').length, 32);
    assert.notEqual(newWebhookSecret(), secret);
    const body = '{"type":"file.uploaded","timestamp":"2025-01-06T15:00:00.000Z","data":{"fileId":7}}';
    const headers = webhookHeaders(secret, 'evt_abc', 1736175600, body);
    assert.equal(verifyStandardWebhook(secret, headers, body, 1736175600), true);
    assert.equal(verifyStandardWebhook(secret, headers, body.replace('7', '8'), 1736175600), false, 'body changed');
    assert.equal(verifyStandardWebhook(newWebhookSecret(), headers, body, 1736175600), false, 'other secret');
    assert.equal(verifyStandardWebhook(secret, { ...headers, 'webhook-id': 'evt_other' }, body, 1736175600), false, 'other id');
    assert.equal(verifyStandardWebhook(secret, headers, body, 1736175600 + 600), false, 'too old');
  });
});

describe('retry schedule', () => {
  test('30 s, 2 min, 10 min, 1 h, then every 3 h, each ±20 %', () => {
    const mid = () => 0.5;
    assert.deepEqual([1, 2, 3, 4, 5, 6, 9].map((n) => retryDelay(n, mid)), [30_000, 120_000, 600_000, 3_600_000, 10_800_000, 10_800_000, 10_800_000]);
    assert.equal(retryDelay(1, () => 0), 24_000);
    assert.equal(retryDelay(1, () => 0.999999), 36_000);
    for (let i = 0; i < 50; i += 1) {
      const d = retryDelay(2);
      assert.ok(d >= 96_000 && d <= 144_000, String(d));
    }
  });

  test('never past the 24 h window; none once it has closed', () => {
    const event = 1_000_000;
    const giveUp = event + DELIVERY_WINDOW_MS;
    assert.equal(nextAttemptAt(event, 1, giveUp, () => 0.5), event + 30_000);
    assert.equal(nextAttemptAt(giveUp - 1000, 6, giveUp, () => 0.5), giveUp);
    assert.equal(nextAttemptAt(giveUp, 7, giveUp), null);
  });
});

describe('sending', () => {
  const receiver = new WebhookReceiver();
  before(() => receiver.start());
  after(() => receiver.stop());
  const post = (url: string, publicAddressesOnly: boolean, resolve?: (host: string) => Promise<string[]>) =>
    sendWebhook({ url, headers: { 'webhook-id': 'evt_x' }, body: '{}', timeoutMs: 2000, publicAddressesOnly, resolve });

  test('production never connects to a literal private address, nor to a name that resolves to one (checked, then pinned)', async () => {
    const before = receiver.received.length;
    assert.deepEqual(await post(receiver.url(), true), { statusCode: null, error: 'refused: non-public address' });
    const sneaky = `http://internal.example:${receiver.port}/hooks`;
    assert.deepEqual(await post(sneaky, true, async () => ['127.0.0.1']), { statusCode: null, error: 'refused: non-public address' });
    assert.deepEqual(await post(sneaky, true, async () => ['93.184.216.34', '127.0.0.1']), { statusCode: null, error: 'refused: non-public address' });
    assert.equal(receiver.received.length, before, 'the receiver on 127.0.0.1 was never reached');
    // Development (publicAddressesOnly off) reaches it: the refusal above was the policy.
    assert.deepEqual(await post(receiver.url(), false), { statusCode: 204, error: null });
  });

  test('a redirect is not followed and does not count as delivered; 2xx does; the body is not kept', async () => {
    receiver.status = 302;
    assert.deepEqual(await post(receiver.url(), false), { statusCode: 302, error: 'HTTP 302' });
    receiver.status = 500;
    assert.deepEqual(await post(receiver.url(), false), { statusCode: 500, error: 'HTTP 500' });
    receiver.status = 200;
    assert.deepEqual(await post(receiver.url(), false), { statusCode: 200, error: null });
  });

  test('a receiver that never answers times out', async () => {
    receiver.hang = true;
    try {
      const outcome = await sendWebhook({ url: receiver.url(), headers: {}, body: '{}', timeoutMs: 200, publicAddressesOnly: false });
      assert.deepEqual(outcome, { statusCode: null, error: 'timeout after 200 ms' });
    } finally {
      receiver.hang = false;
    }
  });

  test('nothing listening: a connection error, no throw', async () => {
    const outcome = await post('http://127.0.0.1:1/hooks', false);
    assert.equal(outcome.statusCode, null);
    assert.equal(outcome.error, 'ECONNREFUSED');
  });
});
