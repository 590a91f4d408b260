// Staff sign-in to the console: the clients' link rules (R1–R12, R14, R15, R31, R32, R34, R40)
// in tables of their own, and neither kind of session is taken for the other.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { tokenHash } from '../../server/auth/secrets.js';
import { consolePage, staffSignInLink } from '../../server/staff/console-page.js';
import { renderStaffSignInEmail } from '../../server/mail/staff-sign-in-email.js';
import { auditSince, auditTip, comparableHeaders, getSession, mailTo, newLinkToken, newAccount, redeemLink, signedIn } from './auth-helpers.js';
import type { TestApp } from './helpers.js';
import {
  createStaffTestApp,
  LAKESIDE_CONSOLE,
  LAKESIDE_OWNER,
  newApiKey,
  newStaff,
  newStaffLinkToken,
  office,
  staffSignedIn,
  staffTokenIn,
} from './staff-helpers.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let ips = 0;
/** A fresh client address per test, so no client budget carries over. */
const freshIp = () => `198.51.100.${(ips += 1) % 250}`;

describe('staff sign-in link request (R6, R7, R9, R10, R12)', () => {
  let t: TestApp;
  before(async () => {
    t = await createStaffTestApp();
  });
  after(() => t.close());
  beforeEach(() => t.clock.advance(DAY));

  test("the link opens the practice's console page with the token in the fragment only, in the member's language", async () => {
    const member = newStaff(t, 'office');
    const res = await office(t, 'POST', '/auth/link', { email: member.email.toUpperCase() }, { ip: freshIp() });
    assert.equal(res.statusCode, 202);
    assert.deepEqual(res.json(), { status: 'sent', resendAfterSeconds: 60, emailCode: true });
    const [mail] = mailTo(t.db, member.email);
    const token = staffTokenIn(mail);
    assert.ok(mail.text.includes(`${LAKESIDE_CONSOLE}#staff-token=${token}`));
    assert.equal(new URL(`${LAKESIDE_CONSOLE}#staff-token=${token}`).search, '', 'never in the query (R7, R30)');
    assert.match(mail.subject, /console sign-in link for Lakeside Counseling/);
    assert.equal(mail.language, 'en');
    // R2: only the hash is stored.
    const stored = t.db.prepare('SELECT token_hash FROM staff_sign_in_links ORDER BY id DESC LIMIT 1').pluck().get();
    assert.equal(stored, tokenHash(token));

    const spanish = newStaff(t, 'office', 'lakeside', 'es');
    await office(t, 'POST', '/auth/link', { email: spanish.email }, { ip: freshIp() });
    const [es] = mailTo(t.db, spanish.email);
    assert.equal(es.language, 'es');
    assert.match(es.subject, /Su enlace para entrar en la consola de Lakeside Counseling/);
  });

  test('unknown, deactivated and client addresses get the byte-identical answer, the same audit work, and no mail (R9)', async () => {
    const known = newStaff(t, 'office');
    const gone = newStaff(t, 'office');
    t.db.prepare('UPDATE staff_members SET active = 0 WHERE id = ?').run(gone.id);
    const client = newAccount(t);
    const answers = {
      known: await office(t, 'POST', '/auth/link', { email: known.email }, { ip: freshIp() }),
      unknown: await office(t, 'POST', '/auth/link', { email: 'nobody@lakeside.example' }, { ip: freshIp() }),
      deactivated: await office(t, 'POST', '/auth/link', { email: gone.email }, { ip: freshIp() }),
      client: await office(t, 'POST', '/auth/link', { email: client }, { ip: freshIp() }),
    };
    for (const [name, res] of Object.entries(answers)) {
      assert.equal(res.statusCode, 202, name);
      assert.equal(res.body, answers.known.body, name);
      assert.deepEqual(comparableHeaders(res), comparableHeaders(answers.known), name);
    }
    assert.equal(mailTo(t.db, known.email).length, 1);
    assert.equal(mailTo(t.db, gone.email).length, 0);
    assert.equal(mailTo(t.db, client).length, 0, 'a client address is not a staff address');
    // The address budget is spent alike: a second request a moment later is held for both.
    const tip = auditTip(t.db);
    const again = await office(t, 'POST', '/auth/link', { email: known.email }, { ip: freshIp() });
    const againUnknown = await office(t, 'POST', '/auth/link', { email: 'nobody@lakeside.example' }, { ip: freshIp() });
    assert.equal(again.json().status, 'held');
    assert.equal(again.body, againUnknown.body);
    assert.equal(auditSince(t.db, tip).length, 2, 'one audit event each');
  });

  test('known and unknown addresses take about as long (|Δmedian| < 5 ms) (R9)', async () => {
    const times: Record<'known' | 'unknown', number[]> = { known: [], unknown: [] };
    const known = newStaff(t, 'office');
    for (let i = 0; i < 40; i += 1) {
      for (const kind of ['known', 'unknown'] as const) {
        const email = kind === 'known' ? known.email : `someone${i}@lakeside.example`;
        const start = process.hrtime.bigint();
        const res = await office(t, 'POST', '/auth/link', { email }, { ip: freshIp() });
        times[kind].push(Number(process.hrtime.bigint() - start) / 1e6);
        assert.equal(res.statusCode, 202);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    assert.ok(Math.abs(median(times.known) - median(times.unknown)) < 5, JSON.stringify({ known: median(times.known), unknown: median(times.unknown) }));
  });

  test('an address gets at most one email a minute and five an hour (R10)', async () => {
    const member = newStaff(t, 'office');
    const statuses: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      statuses.push((await office(t, 'POST', '/auth/link', { email: member.email }, { ip: freshIp() })).json().status);
      t.clock.advance(MINUTE + 1000);
    }
    assert.deepEqual(statuses, ['sent', 'sent', 'sent', 'sent', 'sent', 'held', 'held']);
    assert.equal(mailTo(t.db, member.email).length, 5);
  });

  test('a client gets 50 link requests an hour, then 429 with Retry-After (R10); the staff budget is not the clients\'', async () => {
    const ip = freshIp();
    for (let i = 0; i < 50; i += 1) {
      assert.equal((await office(t, 'POST', '/auth/link', { email: `n${i}@lakeside.example` }, { ip })).statusCode, 202);
    }
    const refused = await office(t, 'POST', '/auth/link', { email: 'n51@lakeside.example' }, { ip });
    assert.equal(refused.statusCode, 429);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    const clientSide = await t.app.inject({ method: 'POST', url: '/p/lakeside/auth/link', payload: { email: 'x@example.com' }, remoteAddress: ip });
    assert.equal(clientSide.statusCode, 202, 'the clients\' budget is counted apart');
  });

  test('the link is built from the configured console page, never from Host or X-Forwarded-Host (R12)', async () => {
    const member = newStaff(t, 'office');
    await office(t, 'POST', '/auth/link', { email: member.email }, { ip: freshIp(), headers: { host: 'evil.test', 'x-forwarded-host': 'evil.test' } });
    const [mail] = mailTo(t.db, member.email);
    assert.doesNotMatch(mail.text, /evil\.test/);
    assert.ok(mail.text.includes(LAKESIDE_CONSOLE));
  });

  test('without a usable console page no email leaves, and the answer is the same', async () => {
    const member = newStaff(t, 'office', 'lakeside');
    t.db.prepare("UPDATE practices SET console_url = 'http://console.example/' WHERE slug = 'lakeside'").run();
    try {
      const res = await office(t, 'POST', '/auth/link', { email: member.email }, { ip: freshIp() });
      assert.equal(res.statusCode, 202);
      assert.equal(res.json().status, 'sent');
      assert.equal(mailTo(t.db, member.email).length, 0);
    } finally {
      t.db.prepare('UPDATE practices SET console_url = ? WHERE slug = ?').run(LAKESIDE_CONSOLE, 'lakeside');
    }
  });
});

describe('staff link redemption (R5, R6, R8, R11, R14)', () => {
  let t: TestApp;
  before(async () => {
    t = await createStaffTestApp();
  });
  after(() => t.close());
  beforeEach(() => t.clock.advance(DAY));

  test('preview masks the address and uses nothing up; redeem signs in with the role and the practice timeouts', async () => {
    const ip = freshIp();
    const token = await newStaffLinkToken(t, LAKESIDE_OWNER, { ip });
    const preview = await office(t, 'POST', '/auth/link/preview', { token }, { ip });
    assert.equal(preview.statusCode, 200);
    assert.deepEqual(preview.json(), { maskedEmail: 'o•••@lakeside.example' });
    const res = await office(t, 'POST', '/auth/link/redeem', { token }, { ip });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    assert.match(body.token, /^[A-Za-z0-9_-]{43}$/, '256 bits (R14)');
    assert.deepEqual(body.staff, { id: body.staff.id, name: 'Lee Park', email: LAKESIDE_OWNER, role: 'owner', clinicianId: null, language: 'en' });
    assert.equal(body.session.idleTimeoutSeconds, 900);
    assert.equal(Date.parse(body.session.expiresAt) - t.clock.now(), 43_200_000);
    const stored = t.db.prepare('SELECT count(*) FROM staff_sessions WHERE token_hash = ?').pluck().get(tokenHash(body.token));
    assert.equal(stored, 1, 'only the hash is stored');
    const me = await office(t, 'GET', '/me', undefined, { bearer: body.token });
    assert.equal(me.statusCode, 200);
    assert.deepEqual(me.json().permissions, ['office:owner', 'office:read', 'office:webhooks', 'office:write']);
    assert.equal(me.json().kind, 'staff');
  });

  test('a link works once; of concurrent redeems exactly one wins (R5)', async () => {
    const member = newStaff(t, 'office');
    const token = await newStaffLinkToken(t, member.email, { ip: freshIp() });
    const answers = await Promise.all(Array.from({ length: 10 }, () => office(t, 'POST', '/auth/link/redeem', { token }, { ip: freshIp() })));
    assert.equal(answers.filter((r) => r.statusCode === 201).length, 1);
    for (const r of answers.filter((a) => a.statusCode !== 201)) {
      assert.equal(r.statusCode, 409);
      assert.equal(r.json().error.code, 'link_used');
    }
  });

  test('a newer link supersedes the older one (R6)', async () => {
    const member = newStaff(t, 'office');
    const first = await newStaffLinkToken(t, member.email, { ip: freshIp() });
    t.clock.advance(2 * MINUTE);
    const second = await newStaffLinkToken(t, member.email, { ip: freshIp() });
    const old = await office(t, 'POST', '/auth/link/redeem', { token: first }, { ip: freshIp() });
    assert.equal(old.statusCode, 409);
    assert.equal(old.json().error.code, 'link_superseded');
    assert.equal((await office(t, 'POST', '/auth/link/redeem', { token: second }, { ip: freshIp() })).statusCode, 201);
  });

  test("a link expires at the practice's link lifetime (R4)", async () => {
    const member = newStaff(t, 'office');
    const token = await newStaffLinkToken(t, member.email, { ip: freshIp() });
    t.clock.advance(DAY);
    const res = await office(t, 'POST', '/auth/link/redeem', { token }, { ip: freshIp() });
    assert.equal(res.statusCode, 410);
    assert.equal(res.json().error.code, 'link_expired');
  });

  test('a deactivated member cannot use an earlier link', async () => {
    const member = newStaff(t, 'office');
    const token = await newStaffLinkToken(t, member.email, { ip: freshIp() });
    const owner = await staffSignedIn(t, LAKESIDE_OWNER, { ip: freshIp() });
    assert.equal((await office(t, 'PATCH', `/staff/${member.id}`, { active: false }, { bearer: owner })).statusCode, 200);
    const res = await office(t, 'POST', '/auth/link/redeem', { token }, { ip: freshIp() });
    assert.equal(res.statusCode, 409);
  });

  test("client links and staff links are not each other's (R8)", async () => {
    const client = newAccount(t);
    const clientToken = await newLinkToken(t, client, { ip: freshIp() });
    const onStaff = await office(t, 'POST', '/auth/link/redeem', { token: clientToken }, { ip: freshIp() });
    assert.equal(onStaff.statusCode, 404);
    assert.equal(onStaff.json().error.code, 'link_invalid');
    const member = newStaff(t, 'office');
    const staffToken = await newStaffLinkToken(t, member.email, { ip: freshIp() });
    const onClient = await redeemLink(t, staffToken, { ip: freshIp() });
    assert.equal(onClient.statusCode, 404);
    const harbor = await office(t, 'POST', '/auth/link/redeem', { token: staffToken }, { ip: freshIp(), practice: 'harbor' });
    assert.equal(harbor.statusCode, 404, "another practice's link is unknown here");
  });

  test('31 link checks from one client within 5 minutes: the 31st is 429 (R11)', async () => {
    const ip = freshIp();
    for (let i = 0; i < 30; i += 1) {
      const res = await office(t, 'POST', '/auth/link/redeem', { token: `bad-token-${String(i).padStart(30, '0')}` }, { ip });
      assert.equal(res.statusCode, 404);
    }
    const refused = await office(t, 'POST', '/auth/link/preview', { token: 'bad-token-000000000000000000000000000031' }, { ip });
    assert.equal(refused.statusCode, 429);
  });

  test('sign-in is audited with the staff id and never the token (R15)', async () => {
    const member = newStaff(t, 'office');
    const tip = auditTip(t.db);
    const ip = freshIp();
    const token = await newStaffLinkToken(t, member.email, { ip });
    await office(t, 'POST', '/auth/link/redeem', { token }, { ip });
    const events = t.db.prepare('SELECT * FROM audit_events WHERE seq > ? ORDER BY seq').all(tip) as { action: string; actor_staff_id: number | null }[];
    assert.deepEqual(events.map((e) => e.action), ['authn_token_created', 'authn_login_success']);
    assert.ok(events.every((e) => e.actor_staff_id === member.id));
    assert.doesNotMatch(JSON.stringify(events), new RegExp(token));
  });
});

describe('staff sessions (R31, R32, R34, R40) and the two kinds of session', () => {
  let t: TestApp;
  before(async () => {
    t = await createStaffTestApp();
  });
  after(() => t.close());
  beforeEach(() => t.clock.advance(DAY));

  test('idle timeout: activity keeps it, 15 minutes of silence ends it (R31)', async () => {
    const member = newStaff(t, 'office');
    const token = await staffSignedIn(t, member.email, { ip: freshIp() });
    t.clock.advance(14 * MINUTE + 59_000);
    assert.equal((await office(t, 'GET', '/me', undefined, { bearer: token })).statusCode, 200);
    t.clock.advance(15 * MINUTE + 1000);
    const res = await office(t, 'GET', '/me', undefined, { bearer: token });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'session_expired');
  });

  test('absolute timeout: 12 hours, however active (R32)', async () => {
    const member = newStaff(t, 'office');
    const token = await staffSignedIn(t, member.email, { ip: freshIp() });
    for (let elapsed = 0; elapsed < 12 * HOUR - 10 * MINUTE; elapsed += 10 * MINUTE) {
      t.clock.advance(10 * MINUTE);
      assert.equal((await office(t, 'GET', '/me', undefined, { bearer: token })).statusCode, 200);
    }
    t.clock.advance(10 * MINUTE + 1000);
    assert.equal((await office(t, 'GET', '/me', undefined, { bearer: token })).statusCode, 401);
  });

  test('sign-out ends the session on the server (R34); an API key cannot sign out', async () => {
    const member = newStaff(t, 'office');
    const token = await staffSignedIn(t, member.email, { ip: freshIp() });
    assert.equal((await office(t, 'DELETE', '/session', undefined, { bearer: token })).statusCode, 204);
    const after = await office(t, 'GET', '/me', undefined, { bearer: token });
    assert.equal(after.statusCode, 401);
    assert.equal(after.json().error.code, 'unauthorized');
  });

  test('deactivating a member ends their live sessions at once', async () => {
    const member = newStaff(t, 'office');
    const token = await staffSignedIn(t, member.email, { ip: freshIp() });
    const owner = await staffSignedIn(t, LAKESIDE_OWNER, { ip: freshIp() });
    await office(t, 'PATCH', `/staff/${member.id}`, { active: false }, { bearer: owner });
    assert.equal((await office(t, 'GET', '/me', undefined, { bearer: token })).statusCode, 401);
  });

  test('a member holds at most 5 sessions: the sixth sign-in ends the oldest (R40)', async () => {
    const member = newStaff(t, 'office');
    const tokens: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      tokens.push(await staffSignedIn(t, member.email, { ip: freshIp() }));
      // Five emails an hour per address (R10): space the sign-ins out, keeping every session alive.
      t.clock.advance(13 * MINUTE);
      if (i < 5) for (const token of tokens) assert.equal((await office(t, 'GET', '/me', undefined, { bearer: token })).statusCode, 200);
    }
    assert.equal((await office(t, 'GET', '/me', undefined, { bearer: tokens[0] })).statusCode, 401);
    for (const token of tokens.slice(1)) assert.equal((await office(t, 'GET', '/me', undefined, { bearer: token })).statusCode, 200);
  });

  test("a client's session token is refused on office routes, a staff token on client routes", async () => {
    const clientToken = await signedIn(t, 'alex@example.com', { ip: freshIp() });
    const onOffice = await office(t, 'GET', '/me', undefined, { bearer: clientToken });
    assert.equal(onOffice.statusCode, 401);
    const member = newStaff(t, 'office');
    const staffToken = await staffSignedIn(t, member.email, { ip: freshIp() });
    const onClient = await getSession(t, staffToken);
    assert.equal(onClient.statusCode, 401);
    const profiles = await t.app.inject({ url: '/p/lakeside/me/profiles', headers: { authorization: `Bearer ${staffToken}` } });
    assert.equal(profiles.statusCode, 401);
  });

  test('GET /admin/me for an API key and the development token', async () => {
    const key = newApiKey(t, ['read', 'webhooks']);
    const res = await office(t, 'GET', '/me', undefined, { bearer: key });
    assert.deepEqual(res.json(), { kind: 'api_key', staff: null, permissions: ['office:read', 'office:webhooks'] });
    const signOut = await office(t, 'DELETE', '/session', undefined, { bearer: key });
    assert.equal(signOut.statusCode, 400);
  });
});

describe('console link page (R12)', () => {
  test('https, or http on loopback only; the fragment carries the token', () => {
    assert.equal(consolePage('https://practice.example/console#x')?.href, 'https://practice.example/console');
    assert.equal(consolePage('http://localhost:8080/console.html')?.href, 'http://localhost:8080/console.html');
    assert.equal(consolePage('http://practice.example/console'), undefined);
    assert.equal(consolePage('https://user:pw@practice.example/'), undefined);
    assert.equal(consolePage(null), undefined);
    assert.equal(staffSignInLink(new URL('https://p.example/c?a=1'), 'tok'), 'https://p.example/c?a=1#staff-token=tok');
  });

  test('the invitation email says it is an invitation, in both languages', () => {
    const practice = { name: 'Lakeside Counseling', phoneDisplay: '555', timeZone: 'America/Chicago', brandColor: '#1d5f8a' };
    const base = { kind: 'invitation' as const, practice, url: 'https://p.example/c#staff-token=abc', requestedAt: 0, ttlSeconds: 86_400 };
    assert.match(renderStaffSignInEmail({ ...base, language: 'en' }).subject, /Your access to the Lakeside Counseling console/);
    const es = renderStaffSignInEmail({ ...base, language: 'es' });
    assert.match(es.subject, /Su acceso a la consola de Lakeside Counseling/);
    assert.match(es.text, /24 horas/);
  });
});
