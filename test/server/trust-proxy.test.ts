// TRUST_PROXY: only the proxies the operator names decide the client's address, so a forged
// X-Forwarded-For neither escapes the PIN budgets (R22) nor lands in the audit trail (R36).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readServerConfig } from '../../server/config.js';
import { fastifyTrustProxy, trustedProxyMatcher } from '../../server/trust-proxy.js';
import { auditSince, auditTip, pinSignIn } from './auth-helpers.js';
import { ADMIN_TOKEN, createTestApp, PIN_PEPPER, type TestApp } from './helpers.js';

const PROXY = '10.0.0.1';
const REAL_CLIENT = '198.51.100.7';

const trustProxyFrom = (TRUST_PROXY: string | undefined) => readServerConfig({ ADMIN_TOKEN, PIN_PEPPER, TRUST_PROXY }, 'production').trustProxy;

/** A wrong PIN as it reaches the endpoint through the proxy: the client's header, plus the address the proxy appends. */
const forgedThroughProxy = (t: TestApp, i: number, forwardedFor = `${REAL_CLIENT}`) =>
  pinSignIn(t, `sprayed${i}@example.com`, '123456', {
    ip: PROXY,
    headers: { 'x-forwarded-for': `203.0.113.${i % 250}, 192.0.2.${i % 250}, ${forwardedFor}` },
  });

describe('TRUST_PROXY is a hop count or a list of proxies, never "any"', () => {
  test('TRUST_PROXY=true is refused at start with a clear message; counts and address lists are read', () => {
    assert.throws(() => trustProxyFrom('true'), /TRUST_PROXY=true would trust any X-Forwarded-For.*TRUST_PROXY=1/);
    for (const off of [undefined, '', 'false', '0']) assert.equal(trustProxyFrom(off), false);
    assert.equal(trustProxyFrom('1'), 1);
    assert.equal(trustProxyFrom('2'), 2);
    assert.deepEqual(trustProxyFrom(' 10.0.0.1, 10.0.0.0/8 ,fd00::/8 '), ['10.0.0.1', '10.0.0.0/8', 'fd00::/8']);
    for (const bad of ['yes', '10.0.0.0/33', '10.0.0.1/8/1', 'proxy.example', '11']) {
      assert.throws(() => trustProxyFrom(bad), /TRUST_PROXY/, bad);
    }
  });

  describe('behind one proxy (TRUST_PROXY=1), a client rotating forged X-Forwarded-For entries', () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({ config: { trustProxy: trustProxyFrom('1') } });
    });
    after(() => t.close());

    test('is still one client: its 21st wrong PIN gets 429, and the audit trail records its real address', async () => {
      const tip = auditTip(t.db);
      const statuses: number[] = [];
      for (let i = 0; i < 30; i += 1) statuses.push((await forgedThroughProxy(t, i)).statusCode);
      assert.deepEqual(statuses.slice(0, 20), Array<number>(20).fill(401));
      assert.deepEqual(statuses.slice(20), Array<number>(10).fill(429), 'the PIN budget bites');

      const events = auditSince(t.db, tip);
      const failures = events.filter((e) => e.action === 'authn_login_fail');
      assert.equal(failures.length, 20);
      assert.ok(events.some((e) => e.action === 'excess_rate_limit_exceeded'));
      assert.deepEqual([...new Set(events.map((e) => e.ip))], [REAL_CLIENT], 'only the address the proxy saw');

      const other = await pinSignIn(t, 'someone@example.com', '123456', { ip: PROXY, headers: { 'x-forwarded-for': '198.51.100.8' } });
      assert.equal(other.statusCode, 401, 'another client behind the same proxy is unaffected');
    });
  });

  describe('behind listed proxies (TRUST_PROXY=10.0.0.0/8)', () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({ config: { trustProxy: trustProxyFrom('10.0.0.0/8') } });
    });
    after(() => t.close());

    const addressSeen = async (peer: string, forwardedFor: string) => {
      const tip = auditTip(t.db);
      await pinSignIn(t, 'nobody@example.com', '123456', { ip: peer, headers: { 'x-forwarded-for': forwardedFor } });
      return auditSince(t.db, tip).map((e) => e.ip);
    };

    test('the address is the first entry not added by a listed proxy; a client cannot pose as a proxy', async () => {
      assert.deepEqual(await addressSeen('10.0.0.1', `6.6.6.6, ${REAL_CLIENT}`), [REAL_CLIENT]);
      assert.deepEqual(await addressSeen('10.0.0.1', `6.6.6.6, ${REAL_CLIENT}, 10.0.0.2`), [REAL_CLIENT], 'two listed proxies in a row');
      assert.deepEqual(await addressSeen('203.0.113.66', `${REAL_CLIENT}, 10.0.0.2`), ['203.0.113.66'], 'an unlisted peer is the client');
    });

    test('the listed proxies are matched by address and network, also IPv4-mapped; a count trusts that many hops', () => {
      const matches = trustedProxyMatcher(['10.0.0.0/8', '192.0.2.5', 'fd00::/8'])!;
      assert.equal(matches('10.200.1.1'), true);
      assert.equal(matches('::ffff:10.200.1.1'), true);
      assert.equal(matches('192.0.2.5'), true);
      assert.equal(matches('192.0.2.6'), false);
      assert.equal(matches('fd12::1'), true);
      assert.equal(matches('2001:db8::1'), false);
      const twoHops = fastifyTrustProxy(2) as (address: string, hop: number) => boolean;
      assert.deepEqual([0, 1, 2].map((hop) => twoHops('192.0.2.1', hop)), [true, true, false], 'a count trusts the peer and the next entry');
      assert.equal(trustedProxyMatcher(1), undefined);
      assert.equal(trustedProxyMatcher(false), undefined);
    });
  });
});
