// The six-digit fallback code in the sign-in email (R16), under the PIN rules R17–R24.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { requestSignInLink } from '../../server/auth/link-sign-in.js';
import { PinHasher } from '../../server/auth/pin-hash.js';
import { ApiError } from '../../server/errors.js';
import { redactSignInTokens } from '../../server/mail/links.js';
import { renderSignInEmail } from '../../server/mail/sign-in-email.js';
import type { MailTransport } from '../../server/mail/transport.js';
import { MailWorker } from '../../server/mail/worker.js';
import { findPracticeBySlug } from '../../server/repos/practices.js';
import {
  auditSince,
  auditTip,
  codeIn,
  codeSignIn,
  assertOneRefusal,
  getSession,
  mailTo,
  newAccount,
  newLinkAndCode,
  pinSignIn,
  redeemLink,
  requestLink,
} from './auth-helpers.js';
import { createTestApp, PIN_PEPPER, type TestApp } from './helpers.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Longer than any per-address wait: the next guess is evaluated. */
const PAST_ANY_WAIT = HOUR;
const GENERIC_401 = { error: { code: 'invalid_credentials', message: 'Email or PIN not recognised.' } };

const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const spaced = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;
/** The code as a whole number in some text, plain or spaced, not inside a longer number. */
const codePattern = (code: string) => new RegExp(`(?<![0-9])(${code}|${spaced(code)})(?![0-9])`);

function linkRow(t: TestApp, email: string) {
  return t.db
    .prepare(
      `SELECT l.* FROM sign_in_links l JOIN accounts a ON a.id = l.account_id
       WHERE a.email = ? ORDER BY l.id DESC LIMIT 1`,
    )
    .get(email) as Record<string, unknown>;
}

describe('sign-in code in the link email (R16)', () => {
  const lines: string[] = [];
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ logger: { level: 'debug', stream: { write: (line: string) => void lines.push(line) } } });
  });
  after(() => t.close());
  beforeEach(() => {
    lines.length = 0;
    t.clock.advance(DAY);
  });

  test('the code (spaces ignored) works once, starts a session, and uses the link up', async () => {
    const email = newAccount(t);
    const { token, code } = await newLinkAndCode(t, email);
    const tip = auditTip(t.db);
    const res = await codeSignIn(t, email, spaced(code));
    assert.equal(res.statusCode, 201, res.body);
    const { token: session } = res.json<{ token: string }>();
    assert.equal((await getSession(t, session)).statusCode, 200);
    const success = auditSince(t.db, tip).find((e) => e.action === 'authn_login_success');
    assert.ok(success && success.resource_type === 'session');
    assert.equal(t.db.prepare('SELECT method FROM sessions WHERE id = ?').pluck().get(success.resource_id), 'link');

    t.clock.advance(PAST_ANY_WAIT);
    const again = await codeSignIn(t, email, code);
    assert.equal(again.statusCode, 401);
    assert.deepEqual(again.json(), GENERIC_401);
    assert.equal((await redeemLink(t, token)).json().error.code, 'link_used', 'the code used the link up');
  });

  test('using the link voids the code', async () => {
    const email = newAccount(t);
    const { token, code } = await newLinkAndCode(t, email);
    assert.equal((await redeemLink(t, token)).statusCode, 201);
    assert.equal((await codeSignIn(t, email, code)).statusCode, 401);
  });

  test('five wrong codes void it: the right one on the sixth try is refused, and the link still works (R20, R23)', async () => {
    const email = newAccount(t);
    const { token, code } = await newLinkAndCode(t, email);
    const tip = auditTip(t.db);
    for (let i = 0; i < 5; i += 1) {
      t.clock.advance(PAST_ANY_WAIT);
      assert.equal((await codeSignIn(t, email, otherCode(code))).statusCode, 401);
    }
    const row = linkRow(t, email);
    assert.equal(row.code_attempts, 5);
    assert.equal(row.code_hash, null, 'the fifth failure dropped the hash');
    t.clock.advance(PAST_ANY_WAIT);
    const right = await codeSignIn(t, email, code);
    assert.equal(right.statusCode, 401);
    assert.deepEqual(right.json(), GENERIC_401);
    const fails = auditSince(t.db, tip).filter((e) => e.action === 'authn_login_fail');
    assert.equal(fails.length, 6);
    assert.ok(fails.every((e) => e.resource_type === 'sign_in_code'));
    assert.equal((await redeemLink(t, token)).statusCode, 201, 'a locked code never blocks the link');
  });

  test('50 concurrent wrong guesses: at most 5 are evaluated (R20)', async () => {
    const email = newAccount(t);
    const { code } = await newLinkAndCode(t, email);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => codeSignIn(t, email, otherCode(code), { ip: `198.51.100.${i + 1}` })),
    );
    assert.ok(answers.every((a) => a.statusCode === 401 || a.statusCode === 429));
    assert.ok(Number(linkRow(t, email).code_attempts) <= 5);
  });

  test('after a failure the address waits (429 with Retry-After), shared with PIN sign-in (R21)', async () => {
    const email = newAccount(t);
    const { code } = await newLinkAndCode(t, email);
    assert.equal((await codeSignIn(t, email, otherCode(code))).statusCode, 401);
    const waiting = await codeSignIn(t, email, code);
    assert.equal(waiting.statusCode, 429, 'even the right code waits');
    assert.equal(waiting.headers['retry-after'], '30');
    assert.equal(waiting.json().error.code, 'rate_limited');
    assert.equal((await pinSignIn(t, email, '123456')).statusCode, 429, 'the PIN path waits too');
    t.clock.advance(30 * SECOND);
    assert.equal((await codeSignIn(t, email, code)).statusCode, 201, 'the code had attempts left');
  });

  test('a client gets 20 failed checks an hour across addresses, then 429 (R22)', async () => {
    const ip = '192.0.2.77';
    const statuses = [];
    for (let i = 0; i < 21; i += 1) statuses.push((await codeSignIn(t, `spray${i}@example.com`, '123456', { ip })).statusCode);
    assert.deepEqual(statuses, [...Array(20).fill(401), 429]);
  });

  test('the code expires with its link (24 h)', async () => {
    const email = newAccount(t);
    const { code } = await newLinkAndCode(t, email);
    t.clock.advance(DAY);
    assert.equal((await codeSignIn(t, email, code)).statusCode, 401);
  });

  test('a newer link request voids the older code; the newer code works', async () => {
    const email = newAccount(t);
    const first = await newLinkAndCode(t, email);
    t.clock.advance(2 * MINUTE); // past the address's one-email-a-minute budget
    const second = await newLinkAndCode(t, email);
    const row = linkRow(t, email);
    assert.ok(row.code_hash, 'the newest link carries the code');
    // One in a million, both codes are the same digits: the old one then proves nothing.
    if (first.code !== second.code) {
      assert.equal((await codeSignIn(t, email, first.code)).statusCode, 401);
      t.clock.advance(PAST_ANY_WAIT);
    }
    assert.equal((await codeSignIn(t, email, second.code)).statusCode, 201);
  });

  test('unknown address, wrong, expired, used and locked codes get one identical answer (R24)', async () => {
    const [wrong, expired, used, locked] = [newAccount(t), newAccount(t), newAccount(t), newAccount(t)];
    const codes = {
      wrong: (await newLinkAndCode(t, wrong)).code,
      expired: (await newLinkAndCode(t, expired)).code,
      used: (await newLinkAndCode(t, used)).code,
      locked: (await newLinkAndCode(t, locked)).code,
    };
    assert.equal((await codeSignIn(t, used, codes.used)).statusCode, 201);
    for (let i = 0; i < 5; i += 1) {
      t.clock.advance(PAST_ANY_WAIT);
      await codeSignIn(t, locked, otherCode(codes.locked));
    }
    t.clock.advance(DAY);
    const responses = {
      unknownEmail: await codeSignIn(t, 'nobody-here@example.com', '123456'),
      wrongCode: await codeSignIn(t, wrong, otherCode(codes.wrong)),
      malformed: await codeSignIn(t, 'other-here@example.com', '12a456'),
      expiredCode: await codeSignIn(t, expired, codes.expired),
      usedCode: await codeSignIn(t, used, codes.used),
      lockedCode: await codeSignIn(t, locked, codes.locked),
    };
    assertOneRefusal(responses, GENERIC_401);
  });

  test('only a salted, peppered scrypt hash is stored; no table but the outbox, no log and no audit event holds the code', async () => {
    const email = newAccount(t);
    const { code } = await newLinkAndCode(t, email);
    const row = linkRow(t, email);
    assert.equal((row.code_salt as Buffer).length, 16);
    assert.equal((row.code_hash as Buffer).length, 32);
    assert.ok(await new PinHasher(PIN_PEPPER).verify(code, row.code_salt as Buffer, row.code_hash as Buffer, String(row.code_kdf)));
    await codeSignIn(t, email, otherCode(code));
    t.clock.advance(PAST_ANY_WAIT);
    assert.equal((await codeSignIn(t, email, code)).statusCode, 201);

    const dump = t.db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT IN ('outbox')")
      .pluck()
      .all()
      .flatMap((table) => t.db.prepare(`SELECT * FROM "${String(table)}"`).all())
      .map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)))
      .join('\n');
    assert.doesNotMatch(dump, codePattern(code), 'no table outside the outbox holds the code');
    assert.ok(lines.length > 2, 'the requests were logged');
    assert.doesNotMatch(lines.join(''), codePattern(code), 'the logs hold no code');

    // Mail kept after sending (production) loses its code with its token.
    const sent: Parameters<MailTransport['sendMail']>[0][] = [];
    const transport: MailTransport = { sendMail: async (m) => void sent.push(m) };
    await new MailWorker({ db: t.db, clock: t.clock, transport, redactSentSecrets: true }).runOnce();
    assert.match(sent.find((m) => m.to === email)!.text, codePattern(code), 'the client gets the code');
    const [kept] = mailTo(t.db, email);
    assert.doesNotMatch(kept.text, codePattern(code));
    assert.doesNotMatch(kept.html, codePattern(code));
    assert.match(kept.text, /code on the sign-in page: \[redacted\]/);
  });

  test('known and unknown addresses still get byte-identical 202s and about the same time (R9)', async () => {
    const times: Record<'known' | 'unknown', number[]> = { known: [], unknown: [] };
    let reference: string | undefined;
    for (let i = 0; i < 20; i += 1) {
      // Each address asks once, so known and unknown ones meet the same state of their budget.
      const known = newAccount(t);
      for (const kind of ['known', 'unknown'] as const) {
        const start = process.hrtime.bigint();
        const res = await requestLink(t, kind === 'known' ? known : `ghost${i}@example.com`, {}, { ip: `198.51.100.${i + 100}` });
        times[kind].push(Number(process.hrtime.bigint() - start) / 1e6);
        reference ??= res.body;
        assert.equal(res.statusCode, 202);
        assert.equal(res.body, reference);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    assert.ok(Math.abs(median(times.known) - median(times.unknown)) < 5, JSON.stringify({ known: median(times.known), unknown: median(times.unknown) }));
  });

  test('a client over its link-request budget is refused before any code is hashed', async () => {
    const practice = findPracticeBySlug(t.db, 'lakeside')!;
    let hashed = 0;
    const hasher = new PinHasher(PIN_PEPPER, { logN: 10 });
    const counting = Object.assign(Object.create(hasher) as PinHasher, {
      create: (pin: string) => ((hashed += 1), hasher.create(pin)),
    });
    const deps = { db: t.db, clock: t.clock, pins: counting };
    const meta = { ip: '203.0.113.50', client: '203.0.113.50', origin: null, presentedTokenHash: undefined };
    for (let i = 0; i < 50; i += 1) await requestSignInLink(deps, practice, { email: `flood${i}@example.com` }, meta);
    assert.equal(hashed, 50);
    await assert.rejects(requestSignInLink(deps, practice, { email: 'flood-last@example.com' }, meta), (e: ApiError) => e.statusCode === 429);
    assert.equal(hashed, 50, 'the refused request hashed nothing');
  });
});

describe('the code in the email (en, es)', () => {
  const base = {
    kind: 'sign_in' as const,
    practice: { name: 'Lakeside Counseling', phoneDisplay: '(555) 010-0100', timeZone: 'America/Chicago', brandColor: '#1d5f8a' },
    url: 'https://www.lakeside.example/portal#ml=abc',
    requestedAt: Date.UTC(2026, 0, 5, 15),
    ttlSeconds: 86_400,
  };

  test('text and HTML show the code as "123 456" with the link\'s lifetime, in both languages', () => {
    const en = renderSignInEmail({ ...base, language: 'en', code: '012345' });
    assert.match(en.text, /Or enter this code on the sign-in page: 012 345\n/);
    assert.match(en.text, /The link and the code work for 24 hours and only once \(using one uses up the other\)\. If you asked for more than one link, only the newest email works\./);
    assert.match(en.html, /Or enter this code on the sign-in page: <strong[^>]*>012 345<\/strong>/);
    assert.equal(en.text.match(/24 hours/g)?.length, 1, 'the lifetime is said once, for the link and the code together');
    const es = renderSignInEmail({ ...base, language: 'es', code: '987654' });
    assert.match(es.text, /O escriba este código en la página de inicio de sesión: 987 654\n/);
    assert.match(es.text, /El enlace y el código funcionan durante 24 horas y una sola vez \(usar uno anula el otro\)\. Si pidió más de un enlace, solo funciona el correo más reciente\./);
    assert.equal(es.text.match(/24 horas/g)?.length, 1, 'el plazo se dice una vez');
    assert.match(es.html, /<strong[^>]*>987 654<\/strong>/);
    assert.equal(codeIn({ id: 0, to: '', language: 'es', subject: '', html: '', text: es.text }), '987654');
    for (const mail of [en, es]) {
      assert.equal(redactSignInTokens(mail.text).match(/\[redacted\]/g)?.length, 2, 'token and code');
      assert.doesNotMatch(redactSignInTokens(mail.html), /(012 345|987 654)/);
    }
  });

  test('without a code (no pepper configured) the email is the link alone', () => {
    const en = renderSignInEmail({ ...base, language: 'en' });
    assert.doesNotMatch(en.text, /code/i);
    assert.doesNotMatch(en.html, /<strong/);
    assert.equal(redactSignInTokens(en.text).match(/\[redacted\]/g)?.length, 1, 'nothing else looks like a code');
  });

  test('a production app without a pepper sends the link without a code and refuses codes (503)', async () => {
    const t = await createTestApp({ config: { mode: 'production', pinPepper: undefined } });
    try {
      const email = newAccount(t);
      const sent = await requestLink(t, email);
      assert.equal(sent.statusCode, 202);
      assert.equal(sent.json().emailCode, false, 'the widget then offers no code form');
      const [mail] = mailTo(t.db, email);
      assert.ok(mail, 'the link email is still sent');
      assert.equal(codeIn(mail), undefined);
      assert.equal(linkRow(t, email).code_hash, null);
      const res = await codeSignIn(t, email, '123456');
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().error.code, 'unavailable');
    } finally {
      await t.close();
    }
  });
});
