// Sign-in with an office-issued PIN: R17–R24, R3, F7, F14.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  DEV_PEPPER_FILE,
  generatePin,
  loadOrCreateDevPepper,
  normalizePin,
  PIN_KDF_LABEL,
  PinHasher,
  pinKdfLabel,
} from '../../server/auth/pin-hash.js';
import { ConfigError, readServerConfig } from '../../server/config.js';
import { findAccountByEmail } from '../../server/repos/clients.js';
import { claimPinAttempt, listPins, PIN_MAX_ATTEMPTS } from '../../server/repos/pins.js';
import { findPracticeBySlug } from '../../server/repos/practices.js';
import { pinFailureDelayMs } from '../../server/repos/throttles.js';
import {
  admin,
  auditSince,
  auditTip,
  assertOneRefusal,
  call,
  getSession,
  issuePin,
  newAccount,
  newLinkToken,
  pinSignIn,
  redeemLink,
  RestartableApp,
} from './auth-helpers.js';
import { ADMIN_TOKEN, createTestApp, PIN_PEPPER, tempDir, TEST_PIN_SCRYPT_LOG_N, type TestApp } from './helpers.js';
import { newApiKey } from './staff-helpers.js';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;
/** Longer than any per-address wait: the next guess is evaluated. */
const PAST_ANY_WAIT = HOUR;

const GENERIC_401 = { error: { code: 'invalid_credentials', message: 'Email or PIN not recognised.' } };

const otherPin = (pin: string) => String((Number(pin) + 1) % 1_000_000).padStart(6, '0');

function pinsOf(t: { db: TestApp['db'] }, email: string) {
  const practice = findPracticeBySlug(t.db, 'lakeside')!;
  return listPins(t.db, practice.id, findAccountByEmail(t.db, practice.id, email)!.id);
}

describe('PIN sign-in', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());
  beforeEach(() => t.clock.advance(DAY));

  test('the office issues a PIN: six digits, 72 hours, stored only as a salted, peppered scrypt hash', async () => {
    const email = newAccount(t);
    const res = await admin(t, '/pins', { email });
    assert.equal(res.statusCode, 201);
    const { pin, expiresAt } = res.json();
    assert.match(pin, /^[0-9]{6}$/);
    assert.equal(expiresAt, new Date(t.clock.now() + 72 * HOUR).toISOString());
    const row = t.db.prepare('SELECT * FROM sign_in_pins ORDER BY id DESC LIMIT 1').get() as Record<string, unknown>;
    assert.equal((row.salt as Buffer).length, 16);
    assert.equal((row.pin_hash as Buffer).length, 32);
    assert.equal(row.kdf, pinKdfLabel(TEST_PIN_SCRYPT_LOG_N));
    const dump = JSON.stringify(t.db.prepare('SELECT * FROM sign_in_pins').all(), (_k, v: unknown) =>
      Buffer.isBuffer(v) ? v.toString('hex') : v,
    );
    assert.ok(!dump.includes(pin), 'no plaintext PIN in the table');
    const kdf = String(row.kdf);
    assert.ok(await new PinHasher(PIN_PEPPER).verify(pin, row.salt as Buffer, row.pin_hash as Buffer, kdf));
    assert.equal(await new PinHasher(`${PIN_PEPPER}x`).verify(pin, row.salt as Buffer, row.pin_hash as Buffer, kdf), false, 'the pepper matters');
    assert.equal(await new PinHasher(PIN_PEPPER).verify(pin, row.salt as Buffer, row.pin_hash as Buffer, 'md5'), false, 'unknown recipe');
    assert.ok(auditSince(t.db, 0).some((e) => e.action === 'authn_token_created' && e.resource_type === 'sign_in_pin'));

    assert.equal((await admin(t, '/pins', { email: 'nobody@example.com' })).statusCode, 404);
    assert.equal((await admin(t, '/pins', { email }, 'harbor')).statusCode, 404, "another practice's client");
    const anonymous = await t.app.inject({ method: 'POST', url: '/p/lakeside/admin/pins', payload: { email } });
    assert.equal(anonymous.statusCode, 401);
  });

  test('happy path: email + PIN (spaces ignored) → 201 and a working session; the PIN works once', async () => {
    const email = newAccount(t, 'es');
    const pin = await issuePin(t, email);
    const res = await pinSignIn(t, email.toUpperCase(), ` ${pin.slice(0, 3)} ${pin.slice(3)} `);
    assert.equal(res.statusCode, 201);
    const { token, session } = res.json();
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(session.maskedEmail, 'c•••@example.com');
    assert.equal(session.language, 'es');
    assert.equal((await getSession(t, token)).statusCode, 200);
    const again = await pinSignIn(t, email, pin);
    assert.equal(again.statusCode, 401);
    assert.deepEqual(again.json(), GENERIC_401);
    assert.ok(pinsOf(t, email)[0].usedAt !== null);
  });

  test('re-issuing voids the earlier PIN (R18)', async () => {
    const email = newAccount(t);
    const first = await issuePin(t, email);
    const second = await issuePin(t, email);
    assert.equal((await pinSignIn(t, email, first === second ? otherPin(second) : first)).statusCode, 401);
    t.clock.advance(PAST_ANY_WAIT);
    assert.equal((await pinSignIn(t, email, second)).statusCode, 201);
    assert.deepEqual(
      pinsOf(t, email).map((p) => p.voidReason),
      [null, 'reissued'],
    );
  });

  test('five wrong PINs void it: the right PIN on the sixth try is refused (R20)', async () => {
    const email = newAccount(t);
    const pin = await issuePin(t, email);
    for (let i = 0; i < 5; i += 1) {
      t.clock.advance(PAST_ANY_WAIT);
      assert.equal((await pinSignIn(t, email, otherPin(pin))).statusCode, 401);
    }
    t.clock.advance(PAST_ANY_WAIT);
    const right = await pinSignIn(t, email, pin);
    assert.equal(right.statusCode, 401);
    assert.deepEqual(right.json(), GENERIC_401);
    const [row] = pinsOf(t, email);
    assert.equal(row.attempts, 5);
    assert.equal(row.voidReason, 'locked');
  });

  test('after a failure the address waits 30 s, doubling up to an hour; a success resets it (R21)', async () => {
    const email = newAccount(t);
    const pin = await issuePin(t, email);
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 100].map((n) => pinFailureDelayMs(n) / SECOND),
      [30, 60, 120, 240, 480, 960, 1920, 3600, 3600],
    );
    assert.equal((await pinSignIn(t, email, otherPin(pin))).statusCode, 401);
    let waiting = await pinSignIn(t, email, pin);
    assert.equal(waiting.statusCode, 429, 'even the right PIN waits: it is not evaluated');
    assert.equal(waiting.headers['retry-after'], '30');
    assert.equal(waiting.json().error.code, 'rate_limited');
    t.clock.advance(29 * SECOND);
    assert.equal((await pinSignIn(t, email, pin)).headers['retry-after'], '1');
    t.clock.advance(1 * SECOND);
    assert.equal((await pinSignIn(t, email, otherPin(pin))).statusCode, 401);
    waiting = await pinSignIn(t, email, pin);
    assert.equal(waiting.headers['retry-after'], '60');
    t.clock.advance(60 * SECOND);
    assert.equal((await pinSignIn(t, email, pin)).statusCode, 201, 'the PIN had attempts left');
    // Success forgot the failures: the next failure waits 30 s again.
    assert.equal((await pinSignIn(t, email, pin)).statusCode, 401);
    assert.equal((await pinSignIn(t, email, pin)).headers['retry-after'], '30');
    assert.equal(pinsOf(t, email)[0].attempts, 3, 'a refused (429) guess never touched the counter');
  });

  test('an unknown address waits exactly like a known one (no existence leak)', async () => {
    const known = newAccount(t);
    await issuePin(t, known);
    const answers = [];
    for (const email of [known, 'stranger@example.com']) {
      const first = await pinSignIn(t, email, '000000');
      const second = await pinSignIn(t, email, '000000');
      answers.push([first.statusCode, first.body, second.statusCode, second.headers['retry-after'], second.body]);
    }
    assert.deepEqual(answers[0], answers[1]);
  });

  test('unknown email, wrong, malformed, expired, used and locked PINs get one identical answer (R24)', async () => {
    const [wrong, expired, used, locked] = [newAccount(t), newAccount(t), newAccount(t), newAccount(t)];
    const pins = { wrong: await issuePin(t, wrong), expired: await issuePin(t, expired), used: await issuePin(t, used), locked: await issuePin(t, locked) };
    assert.equal((await pinSignIn(t, used, pins.used)).statusCode, 201);
    for (let i = 0; i < 5; i += 1) {
      t.clock.advance(PAST_ANY_WAIT);
      await pinSignIn(t, locked, otherPin(pins.locked));
    }
    t.clock.advance(72 * HOUR);
    const expiredIssue = pinsOf(t, expired)[0];
    assert.ok(expiredIssue.expiresAt <= t.clock.now());
    const responses = {
      unknownEmail: await pinSignIn(t, 'nobody-here@example.com', '123456'),
      wrongPin: await pinSignIn(t, wrong, otherPin(pins.wrong)),
      malformedPin: await pinSignIn(t, wrong.replace('client', 'other'), '12a456'),
      tooShort: await pinSignIn(t, 'short@example.com', '12345'),
      expiredPin: await pinSignIn(t, expired, pins.expired),
      usedPin: await pinSignIn(t, used, pins.used),
      lockedPin: await pinSignIn(t, locked, pins.locked),
    };
    assertOneRefusal(responses, GENERIC_401);
  });

  test('a locked PIN never blocks the emailed link (R23)', async () => {
    const email = newAccount(t);
    const pin = await issuePin(t, email);
    for (let i = 0; i < 5; i += 1) {
      t.clock.advance(PAST_ANY_WAIT);
      await pinSignIn(t, email, otherPin(pin));
    }
    assert.equal(pinsOf(t, email)[0].voidReason, 'locked');
    const token = await newLinkToken(t, email);
    assert.equal((await redeemLink(t, token)).statusCode, 201);
  });

  test('50 concurrent wrong guesses: at most 5 are evaluated, the rest are refused unchecked (R20, F7)', async () => {
    const email = newAccount(t);
    const pin = await issuePin(t, email);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => pinSignIn(t, email, otherPin(pin), { ip: `198.51.100.${i + 1}` })));
    const evaluated = answers.filter((a) => a.statusCode === 401).length;
    assert.ok(evaluated >= 1 && evaluated <= 5, `${evaluated} evaluated`);
    assert.equal(answers.filter((a) => a.statusCode === 429).length, 50 - evaluated);
    assert.ok(pinsOf(t, email)[0].attempts <= PIN_MAX_ATTEMPTS);
  });

  test('the per-PIN counter alone holds under 50 racing checks: 5 claims, never a sixth (R20)', async () => {
    const email = newAccount(t);
    await issuePin(t, email);
    const practice = findPracticeBySlug(t.db, 'lakeside')!;
    const account = findAccountByEmail(t.db, practice.id, email)!;
    const hasher = new PinHasher(PIN_PEPPER);
    let compared = 0;
    // Each guess claims an attempt, then yields (scrypt runs on the thread pool) before comparing.
    const guess = async () => {
      const attempt = claimPinAttempt(t.db, t.clock.now(), practice.id, account.id);
      if (!attempt) return;
      compared += 1;
      await hasher.verify('000000', attempt.salt, attempt.hash);
    };
    await Promise.all(Array.from({ length: 50 }, guess));
    assert.equal(compared, PIN_MAX_ATTEMPTS);
    assert.equal(pinsOf(t, email)[0].attempts, PIN_MAX_ATTEMPTS);
    assert.throws(() => t.db.prepare('UPDATE sign_in_pins SET attempts = 6').run(), /CHECK constraint failed/);
  });

  test('a client gets 20 failed PIN checks an hour across all addresses, even when sprayed at once; then 429 (R22)', async () => {
    const tip = auditTip(t.db);
    const sprayed = await Promise.all(
      Array.from({ length: 25 }, (_, i) => pinSignIn(t, `spray${i}@example.com`, '123456', { ip: '192.0.2.99' })),
    );
    assert.equal(sprayed.filter((r) => r.statusCode === 401).length, 20, 'exactly 20 checked');
    const refused = sprayed.filter((r) => r.statusCode === 429);
    assert.equal(refused.length, 5);
    assert.equal(refused[0].json().error.code, 'rate_limited');
    assert.equal(refused[0].headers['retry-after'], '3600');
    t.clock.advance(20 * SECOND);
    assert.equal((await pinSignIn(t, 'spray-last@example.com', '123456', { ip: '192.0.2.99' })).headers['retry-after'], String(3600 - 20));
    assert.equal((await pinSignIn(t, 'spray-last@example.com', '123456', { ip: '192.0.2.100' })).statusCode, 401, 'another client is unaffected');
    const events = auditSince(t.db, tip);
    assert.equal(events.filter((e) => e.action === 'authn_login_fail').length, 21);
    assert.equal(events.filter((e) => e.action === 'excess_rate_limit_exceeded').length, 6);
  });

  test('a successful sign-in does not count against the client', async () => {
    await Promise.all(Array.from({ length: 19 }, (_, i) => pinSignIn(t, `miss${i}@example.com`, '123456', { ip: '192.0.2.120' })));
    const email = newAccount(t);
    const pin = await issuePin(t, email);
    assert.equal((await pinSignIn(t, email, pin, { ip: '192.0.2.120' })).statusCode, 201);
    assert.equal((await pinSignIn(t, 'one-more@example.com', '123456', { ip: '192.0.2.120' })).statusCode, 401, 'the 20th failure');
    assert.equal((await pinSignIn(t, 'one-more2@example.com', '123456', { ip: '192.0.2.120' })).statusCode, 429);
  });

  test('over-long input is refused by the schema before any hashing (R3)', async () => {
    for (const body of [
      { email: 'alex@example.com', pin: '1'.repeat(33) },
      { email: 'alex@example.com', pin: '1'.repeat(2048) },
      { email: `${'a'.repeat(2048)}@example.com`, pin: '123456' },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/p/lakeside/auth/pin', payload: body });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.code, 'validation');
    }
    assert.equal(normalizePin('1'.repeat(33)), undefined);
    assert.equal(normalizePin('12 34 56'), '123456');
    assert.equal(normalizePin('１２３４５６'), undefined, 'ASCII digits only');
  });
});

describe('PIN state survives a restart (F14)', () => {
  test('3 wrong, restart, 2 wrong: the PIN is void and the wait still runs', async () => {
    const r = await RestartableApp.start();
    try {
      const email = newAccount(r);
      const pin = await issuePin(r, email);
      for (let i = 0; i < 3; i += 1) {
        r.clock.advance(PAST_ANY_WAIT);
        assert.equal((await pinSignIn(r, email, otherPin(pin))).statusCode, 401);
      }
      await r.restart();
      const waiting = await pinSignIn(r, email, pin);
      assert.equal(waiting.statusCode, 429, 'the per-address wait came back with the database');
      assert.equal(waiting.headers['retry-after'], '120');
      for (let i = 0; i < 2; i += 1) {
        r.clock.advance(PAST_ANY_WAIT);
        assert.equal((await pinSignIn(r, email, otherPin(pin))).statusCode, 401);
      }
      r.clock.advance(PAST_ANY_WAIT);
      assert.equal((await pinSignIn(r, email, pin)).statusCode, 401, 'the sixth try, right or not, is refused');
      assert.equal(pinsOf(r, email)[0].voidReason, 'locked');
    } finally {
      await r.close();
    }
  });
});

describe('PIN generation, hashing and the pepper (R17, R19)', () => {
  test('by default new PINs get scrypt N=2^14, r=8, p=1; a PIN keeps working when the configured cost changes', async () => {
    assert.equal(PIN_KDF_LABEL, 'hmac-sha256(pepper)+scrypt(N=16384,r=8,p=1,len=32)');
    const r = await RestartableApp.start({ pinScryptLogN: undefined });
    try {
      const email = newAccount(r);
      const pin = await issuePin(r, email);
      assert.equal(r.db.prepare('SELECT kdf FROM sign_in_pins ORDER BY id DESC').pluck().get(), PIN_KDF_LABEL);
      await r.restart({ pinScryptLogN: TEST_PIN_SCRYPT_LOG_N });
      assert.equal((await pinSignIn(r, email, pin)).statusCode, 201);
    } finally {
      await r.close();
    }
  });

  test('PINs are uniform six-digit strings (χ² on the first digit over 10^5 draws)', () => {
    const counts = new Array<number>(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i += 1) {
      const pin = generatePin();
      assert.equal(pin.length, 6);
      counts[Number(pin[0])] += 1;
    }
    const expected = n / 10;
    const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    assert.ok(chi2 < 27.88, `χ² = ${chi2} (9 dof, p = 0.001)`);
  });

  test('production requires PIN_PEPPER of at least 32 characters; development may leave it out', () => {
    assert.throws(() => readServerConfig({ ADMIN_TOKEN }, 'production'), /PIN_PEPPER is required/);
    assert.throws(() => readServerConfig({ ADMIN_TOKEN, PIN_PEPPER: 'short' }, 'production'), ConfigError);
    assert.equal(readServerConfig({ ADMIN_TOKEN, PIN_PEPPER }, 'production').pinPepper, PIN_PEPPER);
    assert.equal(readServerConfig({}, 'development').pinPepper, undefined);
  });

  test('development keeps a generated pepper in the data directory (0600), so PINs survive a restart', () => {
    const dir = tempDir();
    try {
      const first = loadOrCreateDevPepper(join(dir.path, 'data'));
      const file = join(dir.path, 'data', DEV_PEPPER_FILE);
      assert.ok(existsSync(file));
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.ok(first.length >= 32);
      assert.equal(readFileSync(file, 'utf8').trim(), first);
      assert.equal(loadOrCreateDevPepper(join(dir.path, 'data')), first);
    } finally {
      dir.cleanup();
    }
  });

  test('a production app built without a pepper refuses PINs (503) instead of inventing one', async () => {
    const t = await createTestApp({ config: { mode: 'production', pinPepper: undefined } });
    try {
      // Production has no admin token: the office calls with an API key.
      const key = newApiKey(t, ['write']);
      const issued = await call(t, 'POST', '/admin/pins', { email: 'alex@example.com' }, { headers: { authorization: `Bearer ${key}` } });
      assert.equal(issued.statusCode, 503);
      const res = await pinSignIn(t, 'alex@example.com', '123456');
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().error.code, 'unavailable');
    } finally {
      await t.close();
    }
  });
});
