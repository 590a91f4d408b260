// Sign-in by emailed link: R1–R12, R15 (and R23's other half in auth-pin.test.ts).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { signInLink, signInPage } from '../../server/auth/link-url.js';
import { MAX_TOKEN_LENGTH, newToken, tokenHash } from '../../server/auth/secrets.js';
import { transaction } from '../../server/db/transaction.js';
import { redactSignInTokens } from '../../server/mail/links.js';
import type { MailTransport } from '../../server/mail/transport.js';
import { MailWorker } from '../../server/mail/worker.js';
import { findAccountByEmail } from '../../server/repos/clients.js';
import { findPracticeBySlug } from '../../server/repos/practices.js';
import { countLiveLinks } from '../../server/repos/sign-in-links.js';
import {
  admin,
  advanceToUtc,
  auditSince,
  auditTip,
  call,
  comparableHeaders,
  issuePin,
  mailTo,
  newAccount,
  newLinkToken,
  pinSignIn,
  previewLink,
  redeemLink,
  requestLink,
  tokenIn,
} from './auth-helpers.js';
import { createTestApp, HARBOR_ORIGIN, LAKESIDE_DEMO_ORIGIN, LAKESIDE_ORIGIN, REQUIRED_SECURITY_HEADERS, type TestApp } from './helpers.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Sent = Parameters<MailTransport['sendMail']>[0];
const recorder = () => {
  const sent: Sent[] = [];
  return { sent, transport: { sendMail: async (m: Sent) => void sent.push(m) } satisfies MailTransport };
};

// One app per group (building one is the slow part). Each test uses its own accounts, and
// starts a day later than the last, so no budget, link or session carries over.
describe('sign-in link request (R9, R10, R12)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());
  beforeEach(() => t.clock.advance(DAY));

  test('known and unknown addresses get byte-identical 202s; only the known one gets mail', async () => {
    const alex = newAccount(t);
    const known = await requestLink(t, alex);
    const unknown = await requestLink(t, 'nobody@example.com');
    const differentCase = await requestLink(t, 'Nobody.Else@Example.com');
    assert.equal(known.statusCode, 202);
    for (const other of [unknown, differentCase]) {
      assert.equal(other.statusCode, known.statusCode);
      assert.equal(other.body, known.body);
      assert.deepEqual(comparableHeaders(other), comparableHeaders(known));
    }
    assert.deepEqual(known.json(), { status: 'sent', validForSeconds: 86_400, resendAfterSeconds: 60, emailCode: true });
    assert.equal(known.headers['access-control-allow-origin'], LAKESIDE_ORIGIN);
    for (const [name, value] of Object.entries(REQUIRED_SECURITY_HEADERS)) assert.equal(known.headers[name], value, name);
    assert.equal(mailTo(t.db, alex).length, 1);
    assert.equal(mailTo(t.db, 'nobody@example.com').length, 0);
    assert.equal(mailTo(t.db, 'nobody.else@example.com').length, 0);
  });

  test('known and unknown addresses take about as long (|Δmedian| < 5 ms)', async () => {
    const times: Record<'known' | 'unknown', number[]> = { known: [], unknown: [] };
    const known = newAccount(t);
    for (let i = 0; i < 40; i += 1) {
      for (const kind of ['known', 'unknown'] as const) {
        const email = kind === 'known' ? known : `someone${i}@example.com`;
        const start = process.hrtime.bigint();
        const res = await requestLink(t, email, {}, { ip: `198.51.100.${i + 1}` });
        times[kind].push(Number(process.hrtime.bigint() - start) / 1e6);
        assert.equal(res.statusCode, 202);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    assert.ok(Math.abs(median(times.known) - median(times.unknown)) < 5, JSON.stringify({ known: median(times.known), unknown: median(times.unknown) }));
  });

  test('an address gets one email a minute and five an hour; the rest are held, said alike for an unknown address', async () => {
    const casey = newAccount(t);
    const stranger = 'stranger@example.com';
    const answers: Array<{ known: unknown; unknown: unknown }> = [];
    const sends = [0, 30_000, 60_000, 120_000, 180_000, 240_000, 300_000, 3_000_000]; // ms after the first
    const start = t.clock.now();
    const tip = auditTip(t.db);
    for (const offset of sends) {
      t.clock.set(start + offset);
      const ip = `198.51.100.${answers.length + 1}`;
      const known = await requestLink(t, casey, {}, { ip });
      const unknown = await requestLink(t, stranger, {}, { ip });
      assert.equal(known.statusCode, 202);
      assert.equal(unknown.body, known.body, 'nothing tells a known address from an unknown one');
      answers.push({ known: known.json(), unknown: unknown.json() });
    }
    const said = answers.map(({ known }) => {
      const { status, resendAfterSeconds } = known as { status: string; resendAfterSeconds: number };
      return [status, resendAfterSeconds];
    });
    // Sent at 0, 60, 120, 180, 240 s; held at 30 s (30 s to wait) and at 300 s and 50 min (five
    // this hour: until the first leaves the hour). After the fifth, the next is an hour from the first.
    assert.deepEqual(said, [
      ['sent', 60],
      ['held', 30],
      ['sent', 60],
      ['sent', 60],
      ['sent', 60],
      ['sent', 3_360],
      ['held', 3_300],
      ['held', 600],
    ]);
    assert.equal(mailTo(t.db, casey).length, 5);
    t.clock.set(start + HOUR + 1);
    await requestLink(t, casey);
    assert.equal(mailTo(t.db, casey).length, 6, 'the first email has left the hour');
    const throttled = auditSince(t.db, tip).filter((e) => e.action === 'excess_rate_limit_exceeded');
    assert.equal(throttled.length, 3);
    assert.ok(throttled.every((e) => e.resource_type === 'sign_in_email' && e.actor_account_id !== null));
  });

  test('a client gets 50 requests an hour, then 429 with Retry-After and the standard body', async () => {
    const alex = newAccount(t);
    const tip = auditTip(t.db);
    for (let i = 0; i < 50; i += 1) {
      const res = await requestLink(t, `person${i}@example.com`, {}, { ip: '192.0.2.7' });
      assert.equal(res.statusCode, 202);
      t.clock.advance(1000);
    }
    const refused = await requestLink(t, alex, {}, { ip: '192.0.2.7' });
    assert.equal(refused.statusCode, 429);
    assert.deepEqual(refused.json(), { error: { code: 'rate_limited', message: 'Too many requests; retry later.' } });
    assert.equal(refused.headers['retry-after'], String(3600 - 50), 'until the oldest request leaves the hour');
    assert.equal(refused.headers['access-control-allow-origin'], LAKESIDE_ORIGIN, 'readable by the widget');
    assert.equal(mailTo(t.db, alex).length, 0, 'a refused request sends nothing');
    const [event] = auditSince(t.db, tip).filter((e) => e.action === 'excess_rate_limit_exceeded');
    assert.equal(event.ip, '192.0.2.7');
    assert.equal(event.outcome, 'failure');

    assert.equal((await requestLink(t, alex, {}, { ip: '192.0.2.8' })).statusCode, 202, 'another client is unaffected');
    assert.equal((await requestLink(t, 'alex@example.com', {}, { ip: '192.0.2.7', practice: 'harbor' })).statusCode, 202, 'budgets are per practice');
    t.clock.advance(3600 * 1000 - 50 * 1000);
    assert.equal((await requestLink(t, 'x@example.com', {}, { ip: '192.0.2.7' })).statusCode, 202, 'free again after Retry-After');
  });

  test('the link opens an allow-listed returnTo (path and query kept, fragment dropped); the token travels only in the fragment', async () => {
    const alex = newAccount(t);
    await requestLink(t, alex, { returnTo: `${LAKESIDE_ORIGIN}/clients/portal?tab=sign-in#stale` });
    const [mail] = mailTo(t.db, alex);
    const token = tokenIn(mail);
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.ok(mail.text.includes(`${LAKESIDE_ORIGIN}/clients/portal?tab=sign-in#ml=${token}`), mail.text);
    assert.ok(mail.html.includes(`href="${LAKESIDE_ORIGIN}/clients/portal?tab=sign-in#ml=${token}"`));
    assert.ok(!mail.text.includes('stale'));
    assert.ok(!/[?&](ml|token)=/.test(mail.text), 'never in a query string');
  });

  test('an off-list returnTo and forged Host / X-Forwarded-Host headers fall back to portal_url (R12)', async () => {
    const portal = `${LAKESIDE_DEMO_ORIGIN}/portal.html#ml=`;
    const cases: [string, Record<string, unknown>, Record<string, string>][] = [
      [newAccount(t), { returnTo: 'https://evil.test/portal' }, {}],
      [newAccount(t), { returnTo: `${HARBOR_ORIGIN}/portal` }, { host: 'evil.test', 'x-forwarded-host': 'evil.test' }],
      [newAccount(t), {}, { host: 'evil.test:443', 'x-forwarded-host': 'evil.test', 'x-forwarded-proto': 'https' }],
    ];
    const proxied = await createTestApp({ config: { trustProxy: 1 } });
    try {
      for (const app of [t, proxied]) {
        for (const [created, extra, headers] of cases) {
          const email = app === t ? created : 'alex@example.com';
          if (app === proxied) proxied.clock.advance(HOUR);
          assert.equal((await requestLink(app, email, extra, { headers })).statusCode, 202);
          const link = /https?:\/\/\S+/.exec(mailTo(app.db, email)[0].text)![0];
          assert.ok(link.startsWith(portal), link);
        }
      }
    } finally {
      await proxied.close();
    }
  });

  test('only https (or http on loopback) pages on the exact allow-list are used', () => {
    const practice = { allowedOrigins: [LAKESIDE_ORIGIN, LAKESIDE_DEMO_ORIGIN], portalUrl: `${LAKESIDE_ORIGIN}/portal` };
    const fallback = `${LAKESIDE_ORIGIN}/portal`;
    const cases: [string | undefined, string][] = [
      [`${LAKESIDE_ORIGIN}/a/b?c=d#e`, `${LAKESIDE_ORIGIN}/a/b?c=d`],
      [`${LAKESIDE_DEMO_ORIGIN}/portal.html`, `${LAKESIDE_DEMO_ORIGIN}/portal.html`],
      [undefined, fallback],
      ['https://www.lakeside.example.evil.test/portal', fallback],
      ['https://evil-www.lakeside.example/portal', fallback],
      ['http://www.lakeside.example/portal', fallback],
      ['https://www.lakeside.example:8443/portal', fallback],
      ['https://user:pass@www.lakeside.example/portal', fallback],
      ['javascript:alert(1)', fallback],
      ['/relative/portal', fallback],
      ['not a url', fallback],
    ];
    for (const [returnTo, expected] of cases) assert.equal(signInPage(practice, returnTo)?.href, new URL(expected).href, String(returnTo));
    assert.equal(signInPage({ allowedOrigins: [], portalUrl: 'http://portal.example/' }), undefined, 'plain http is refused');
    assert.equal(signInPage({ allowedOrigins: [], portalUrl: null }), undefined);
    assert.equal(signInLink(new URL(`${LAKESIDE_ORIGIN}/p?q=1`), 'abc'), `${LAKESIDE_ORIGIN}/p?q=1#ml=abc`);
  });

  test("the email is in the account's language, from the practice, text + HTML, naming the practice and the time asked", async () => {
    advanceToUtc(t.clock, 15); // 9:00 in Chicago (January: CST)
    const alex = newAccount(t, 'en');
    const maria = newAccount(t, 'es');
    await requestLink(t, alex);
    await requestLink(t, maria, { language: 'en' }); // the account's preference wins
    const [en] = mailTo(t.db, alex);
    const [es] = mailTo(t.db, maria);
    assert.equal(en.language, 'en');
    assert.equal(en.subject, 'Your sign-in link for Lakeside Counseling (requested 9:00 AM)');
    assert.match(en.text, /works? for 24 hours and only once/);
    assert.match(en.text, /only the newest (one|email) works/);
    assert.match(en.text, /Didn't ask to sign in\? You can ignore this email/);
    assert.match(en.html, /<html lang="en">/);
    assert.match(en.html, />Sign in<\/a>/);
    assert.equal(es.language, 'es');
    assert.equal(es.subject, 'Su enlace para iniciar sesión en Lakeside Counseling (solicitado a las 9:00)');
    assert.match(es.text, /funcionan? durante 24 horas y una sola vez/);
    assert.match(es.text, /solo funciona el (correo )?más reciente/);
    assert.match(es.text, /¿No pidió iniciar sesión\?/);
    assert.match(es.html, /<html lang="es">/);
    assert.match(es.html, />Iniciar sesión<\/a>/);

    const { sent, transport } = recorder();
    await new MailWorker({ db: t.db, clock: t.clock, transport }).runOnce();
    const toAlex = sent.find((m) => m.to === alex)!;
    assert.deepEqual(toAlex.from, { name: 'Lakeside Counseling', address: 'no-reply@lakeside.example' });
    assert.equal(toAlex.subject, en.subject);
    const outbox = (await t.app.inject({ url: `/dev/outbox.json?to=${maria}` })).json();
    assert.equal(outbox.length, 1);
    assert.deepEqual(outbox[0].links, [`${LAKESIDE_DEMO_ORIGIN}/portal.html#ml=${tokenIn(es)}`]);
  });

  test('the request time is formatted for the language in the practice time zone', async () => {
    advanceToUtc(t.clock, 7, 5); // 01:05 in Chicago, 02:05 in New York (January)
    const maria = newAccount(t, 'es');
    const harborClient = newAccount(t, 'en', 'harbor');
    await requestLink(t, maria);
    await requestLink(t, harborClient, {}, { practice: 'harbor', headers: { origin: HARBOR_ORIGIN } });
    assert.match(mailTo(t.db, maria)[0].subject, /\(solicitado a la 1:05\)$/);
    assert.equal(mailTo(t.db, harborClient)[0].subject, 'Your sign-in link for Harbor Family Therapy (requested 2:05 AM)');
  });

  test('without a usable portal page nothing is sent, and the answer is still the same 202', async () => {
    const alex = newAccount(t);
    const portal = t.db.prepare("SELECT portal_url FROM practices WHERE slug = 'lakeside'").pluck().get();
    t.db.prepare("UPDATE practices SET portal_url = NULL WHERE slug = 'lakeside'").run();
    try {
      const res = await requestLink(t, alex, { returnTo: 'https://evil.test/' });
      assert.equal(res.statusCode, 202);
      assert.equal(mailTo(t.db, alex).length, 0);
    } finally {
      t.db.prepare("UPDATE practices SET portal_url = ? WHERE slug = 'lakeside'").run(portal);
    }
  });
});

describe('sign-in link use (R1–R8, R11, R15)', () => {
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

  test('tokens are 32 random bytes, base64url; only their SHA-256 is stored; none reaches the logs', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i += 1) seen.add(newToken());
    assert.equal(seen.size, 100_000, 'no duplicates in 10^5');
    for (const token of [...seen].slice(0, 100)) assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.throws(() => tokenHash('x'.repeat(MAX_TOKEN_LENGTH + 1)), RangeError);

    const alex = newAccount(t);
    const token = await newLinkToken(t, alex);
    const preview = await previewLink(t, token);
    const redeemed = await redeemLink(t, token);
    const sessionToken = redeemed.json().token as string;
    await redeemLink(t, token); // reuse
    await call(t, 'GET', '/auth/session', undefined, { bearer: sessionToken });
    await call(t, 'DELETE', '/auth/session', undefined, { bearer: sessionToken });
    const pin = await issuePin(t, alex);
    assert.equal((await pinSignIn(t, alex, pin)).statusCode, 201);
    assert.equal(preview.statusCode, 200);
    assert.equal(redeemed.statusCode, 201);
    assert.match(sessionToken, /^[A-Za-z0-9_-]{43}$/);

    assert.ok(t.db.prepare('SELECT 1 FROM sign_in_links WHERE token_hash = ?').get(tokenHash(token)));
    const logs = lines.join('');
    assert.ok(lines.length > 5, 'the requests were logged');
    for (const secret of [token, sessionToken, tokenHash(token), alex]) assert.ok(!logs.includes(secret), `logs leak ${secret.slice(0, 6)}`);
    assert.doesNotMatch(logs, new RegExp(`(?<![0-9])${pin}(?![0-9])`), 'logs leak the PIN');
    // Outside the outbox (which must hold the link until it is sent), no table holds either token.
    const dump = t.db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT IN ('outbox')")
      .pluck()
      .all()
      .flatMap((table) => t.db.prepare(`SELECT * FROM "${String(table)}"`).all())
      .map((row) => JSON.stringify(row))
      .join('\n');
    assert.ok(!dump.includes(token) && !dump.includes(sessionToken));
  });

  test('sent mail can be kept without its token (production)', async () => {
    const alex = newAccount(t);
    const token = await newLinkToken(t, alex);
    const { transport, sent } = recorder();
    await new MailWorker({ db: t.db, clock: t.clock, transport, redactSentSecrets: true }).runOnce();
    assert.ok(sent.find((m) => m.to === alex)!.text.includes(token), 'the client gets the link');
    const [kept] = mailTo(t.db, alex);
    assert.ok(!kept.text.includes(token) && !kept.html.includes(token));
    assert.match(kept.text, /#ml=\[redacted\]/);
    assert.equal(redactSignInTokens('a https://x.test/p#ml=abc_DEF-1 b'), 'a https://x.test/p#ml=[redacted] b');
  });

  test('mail given up after its last failed attempt keeps no token or code either (production)', async () => {
    const alex = newAccount(t);
    const token = await newLinkToken(t, alex);
    const refusing = { sendMail: () => Promise.reject(new Error('550 no such mailbox')) } satisfies MailTransport;
    const worker = new MailWorker({ db: t.db, clock: t.clock, transport: refusing, redactSentSecrets: true, maxAttempts: 2, backoffBaseMs: 1000 });
    await worker.runOnce();
    assert.ok(mailTo(t.db, alex)[0].text.includes(token), 'kept whole while a retry is due');
    t.clock.advance(MINUTE);
    await worker.runOnce();
    const [kept] = mailTo(t.db, alex);
    assert.equal(t.db.prepare('SELECT status FROM outbox WHERE id = ?').pluck().get(kept.id), 'failed');
    assert.ok(!kept.text.includes(token) && !kept.html.includes(token));
    assert.match(kept.text, /#ml=\[redacted\]/);
    assert.doesNotMatch(kept.text, /: [0-9]{3} [0-9]{3}/, 'nor the code');
  });

  test('preview uses nothing up: 10 previews, then the redeem succeeds', async () => {
    const token = await newLinkToken(t, newAccount(t));
    for (let i = 0; i < 10; i += 1) {
      const res = await previewLink(t, token);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { maskedEmail: 'c•••@example.com' });
    }
    const redeemed = await redeemLink(t, token);
    assert.equal(redeemed.statusCode, 201);
    const body = redeemed.json();
    assert.equal(body.session.maskedEmail, 'c•••@example.com');
    assert.equal(body.session.idleTimeoutSeconds, 900);
    assert.equal(body.session.expiresAt, new Date(t.clock.now() + 43_200_000).toISOString());
    assert.equal((await previewLink(t, token)).json().error.code, 'link_used');
  });

  test('20 concurrent redeems of one token: exactly one 201, nineteen 409 link_used, each reuse audited', async () => {
    const alex = newAccount(t);
    const token = await newLinkToken(t, alex);
    const tip = auditTip(t.db);
    const answers = await Promise.all(Array.from({ length: 20 }, () => redeemLink(t, token)));
    assert.equal(answers.filter((a) => a.statusCode === 201).length, 1);
    const refused = answers.filter((a) => a.statusCode !== 201);
    assert.equal(refused.length, 19);
    for (const a of refused) {
      assert.equal(a.statusCode, 409);
      assert.equal(a.json().error.code, 'link_used');
    }
    const events = auditSince(t.db, tip);
    assert.equal(events.filter((e) => e.action === 'authn_login_success').length, 1);
    assert.equal(events.filter((e) => e.action === 'authn_token_reuse').length, 19);
    const sessions = t.db.prepare('SELECT count(*) FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.email = ?');
    assert.equal(sessions.pluck().get(alex), 1);
  });

  test('only the newest link works: an older one answers 409 link_superseded, a used one 409 link_used', async () => {
    const email = newAccount(t);
    const older = await newLinkToken(t, email);
    t.clock.advance(61_000);
    const newer = await newLinkToken(t, email);
    const lakeside = findPracticeBySlug(t.db, 'lakeside')!;
    const casey = findAccountByEmail(t.db, lakeside.id, email)!;
    assert.equal(countLiveLinks(t.db, lakeside.id, casey.id, t.clock.now()), 1);

    for (const res of [await previewLink(t, older), await redeemLink(t, older)]) {
      assert.equal(res.statusCode, 409);
      assert.deepEqual(res.json(), { error: { code: 'link_superseded', message: 'A newer sign-in link replaced this one.' } });
    }
    assert.equal((await redeemLink(t, newer)).statusCode, 201);
    const again = await redeemLink(t, newer);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'link_used');
    assert.equal((await redeemLink(t, older)).json().error.code, 'link_superseded');
  });

  test('a link request and an invitation racing for one account leave exactly one valid link (R6)', async () => {
    const email = newAccount(t);
    const [requested, invited] = await Promise.all([requestLink(t, email), admin(t, '/invitations', { email })]);
    assert.equal(requested.statusCode, 202);
    assert.equal(invited.statusCode, 202);
    const lakeside = findPracticeBySlug(t.db, 'lakeside')!;
    const account = findAccountByEmail(t.db, lakeside.id, email)!;
    assert.equal(countLiveLinks(t.db, lakeside.id, account.id, t.clock.now()), 1);
    // Whichever lands second supersedes the first, or (a request after the invitation) is
    // dropped by the address's one-a-minute budget: either way one link works.
    const answers = await Promise.all(mailTo(t.db, email).map((mail) => redeemLink(t, tokenIn(mail))));
    const codes = answers.map((a) => a.statusCode).sort();
    assert.equal(codes.filter((c) => c === 201).length, 1);
    assert.ok(codes.every((c) => c === 201 || c === 409), String(codes));
  });

  test('the database refuses a second live link for an account (partial unique index)', async () => {
    await newLinkToken(t, newAccount(t));
    const row = t.db.prepare('SELECT practice_id, account_id FROM sign_in_links ORDER BY id DESC').get() as { practice_id: number; account_id: number };
    assert.throws(
      () =>
        transaction(t.db, () =>
          t.db
            .prepare(
              `INSERT INTO sign_in_links (practice_id, account_id, token_hash, kind, created_at, expires_at)
               VALUES (?, ?, ?, 'sign_in', 1, 2)`,
            )
            .run(row.practice_id, row.account_id, tokenHash(newToken())),
        ),
      /UNIQUE constraint failed/,
    );
  });

  test('the link works until issue + 86 399 s and answers 410 link_expired at + 86 400 s', async () => {
    const alex = newAccount(t);
    const first = await newLinkToken(t, alex);
    t.clock.advance(86_399_000);
    assert.equal((await previewLink(t, first)).statusCode, 200);
    assert.equal((await redeemLink(t, first)).statusCode, 201);

    const second = await newLinkToken(t, alex);
    t.clock.advance(86_400_000);
    for (const res of [await previewLink(t, second), await redeemLink(t, second)]) {
      assert.equal(res.statusCode, 410);
      assert.deepEqual(res.json(), { error: { code: 'link_expired', message: 'This sign-in link has expired.' } });
    }
  });

  test("another practice's token, an unknown token and a malformed one are refused", async () => {
    const harborToken = await newLinkToken(t, newAccount(t, 'en', 'harbor'), { practice: 'harbor', headers: { origin: HARBOR_ORIGIN } });
    for (const res of [await previewLink(t, harborToken), await redeemLink(t, harborToken), await redeemLink(t, newToken())]) {
      assert.equal(res.statusCode, 404);
      assert.deepEqual(res.json(), { error: { code: 'link_invalid', message: 'This sign-in link is not valid.' } });
    }
    const atHarbor = await redeemLink(t, harborToken, { practice: 'harbor', headers: { origin: HARBOR_ORIGIN } });
    assert.equal(atHarbor.statusCode, 201, 'the token still works where it belongs');
    for (const token of ['short', 'x'.repeat(2048), 'has spaces in it........', '../../etc/passwd/aaaaaaa']) {
      const res = await redeemLink(t, token);
      assert.equal(res.statusCode, 400, 'refused by the schema before any hashing (R3)');
      assert.equal(res.json().error.code, 'validation');
    }
  });

  test('a client gets 30 link checks (preview + redeem) per 5 minutes, then 429 (R11)', async () => {
    for (let i = 0; i < 30; i += 1) {
      const res = await (i % 2 ? previewLink : redeemLink)(t, newToken(), { ip: '192.0.2.50' });
      assert.equal(res.statusCode, 404);
    }
    const refused = await redeemLink(t, newToken(), { ip: '192.0.2.50' });
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().error.code, 'rate_limited');
    assert.equal(refused.headers['retry-after'], '300');
    assert.equal((await previewLink(t, newToken(), { ip: '192.0.2.51' })).statusCode, 404, 'another client is unaffected');
    t.clock.advance(5 * MINUTE);
    assert.equal((await previewLink(t, newToken(), { ip: '192.0.2.50' })).statusCode, 404, 'free again after 5 minutes');
  });

  test('every step is audited with the practice, client address, origin and time, never a token or address', async () => {
    const tip = auditTip(t.db);
    const token = await newLinkToken(t, newAccount(t));
    await previewLink(t, token);
    await redeemLink(t, token);
    await redeemLink(t, token);
    await redeemLink(t, newToken());
    const events = auditSince(t.db, tip);
    assert.deepEqual(
      events.map((e) => [e.action, e.outcome]),
      [
        ['authn_token_created', 'success'],
        ['sensitive_read', 'success'],
        ['authn_login_success', 'success'],
        ['authn_token_reuse', 'failure'],
        ['authn_login_fail', 'failure'],
      ],
    );
    const lakeside = findPracticeBySlug(t.db, 'lakeside')!;
    for (const e of events) {
      assert.equal(e.practice_id, lakeside.id);
      assert.equal(e.ip, '203.0.113.10');
      assert.equal(e.origin, LAKESIDE_ORIGIN);
      assert.equal(e.occurred_at, t.clock.now());
      assert.ok(!JSON.stringify(e).includes(token) && !JSON.stringify(e).includes('@'));
    }
  });
});

describe('welcome email (POST /admin/invitations)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());
  beforeEach(() => t.clock.advance(DAY));

  test("sends the welcome email in the client's language with a link to the portal page; it supersedes older links", async () => {
    const maria = newAccount(t, 'es');
    const older = await newLinkToken(t, maria);
    const res = await admin(t, '/invitations', { email: maria.toUpperCase() });
    assert.equal(res.statusCode, 202);
    assert.deepEqual(res.json(), { status: 'sent', validForSeconds: 86_400 }, 'an invitation carries no code');
    const [welcome] = mailTo(t.db, maria);
    assert.equal(welcome.language, 'es');
    assert.equal(welcome.subject, 'Le damos la bienvenida al portal de clientes de Lakeside Counseling');
    assert.match(welcome.text, /¡Bienvenido\/a! Lakeside Counseling preparó su portal de clientes/);
    assert.match(welcome.text, /funcionan? durante 24 horas y una sola vez/);
    const token = tokenIn(welcome);
    assert.ok(welcome.text.includes(`${LAKESIDE_DEMO_ORIGIN}/portal.html#ml=${token}`));
    assert.equal((await redeemLink(t, older)).json().error.code, 'link_superseded');
    assert.equal((await redeemLink(t, token)).statusCode, 201);

    const alex = newAccount(t);
    await admin(t, '/invitations', { email: alex });
    const [en] = mailTo(t.db, alex);
    assert.equal(en.subject, 'Welcome to the client portal of Lakeside Counseling');
    assert.match(en.text, /^Hello,\n\nWelcome! Lakeside Counseling has set up your client portal/);
    assert.match(en.text, /works? for 24 hours and only once/);
  });

  test('404 for an address with no account here, 401 without the admin token, 409 without a portal page', async () => {
    assert.equal((await admin(t, '/invitations', { email: 'nobody@example.com' })).statusCode, 404);
    const alex = newAccount(t);
    assert.equal((await admin(t, '/invitations', { email: alex }, 'harbor')).statusCode, 404, "another practice's client");
    const anonymous = await call(t, 'POST', '/admin/invitations', { email: alex });
    assert.equal(anonymous.statusCode, 401);
    const portal = t.db.prepare("SELECT portal_url FROM practices WHERE slug = 'lakeside'").pluck().get();
    t.db.prepare("UPDATE practices SET portal_url = NULL WHERE slug = 'lakeside'").run();
    try {
      const conflict = await admin(t, '/invitations', { email: alex });
      assert.equal(conflict.statusCode, 409);
      assert.equal(conflict.json().error.code, 'conflict');
      assert.equal(mailTo(t.db, alex).length, 0);
    } finally {
      t.db.prepare("UPDATE practices SET portal_url = ? WHERE slug = 'lakeside'").run(portal);
    }
  });
});
