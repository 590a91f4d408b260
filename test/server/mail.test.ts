import assert from 'node:assert/strict';
import type { DevOutboxMessage } from '../../src/contract/index.js';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { transaction } from '../../server/db/transaction.js';
import { extractLinks } from '../../server/mail/links.js';
import { queueMail } from '../../server/mail/queue.js';
import { emailDocument, escapeHtml, html, safeHref } from '../../server/mail/template.js';
import { createMailTransport, type MailTransport } from '../../server/mail/transport.js';
import { backoffDelay, MailWorker } from '../../server/mail/worker.js';
import { findOutboxMessage } from '../../server/repos/outbox.js';
import { findPracticeBySlug } from '../../server/repos/practices.js';
import { createTestApp, createTestDb, type TestApp, type TestDb } from './helpers.js';

type Sent = Parameters<MailTransport['sendMail']>[0];

/** A transport that records what it sends and fails the first `failures` attempts. */
function recordingTransport(failures = 0): MailTransport & { sent: Sent[]; attempts: number } {
  const transport = {
    sent: [] as Sent[],
    attempts: 0,
    async sendMail(message: Sent) {
      transport.attempts += 1;
      if (transport.attempts <= failures) throw Object.assign(new Error(`550 rejected <${message.to}>`), { code: 'EENVELOPE' });
      transport.sent.push(message);
      return { messageId: `<${transport.attempts}@test>` };
    },
  };
  return transport;
}

function signInMail(practiceId: number, to = 'alex@example.com') {
  const link = 'http://localhost:8080/portal.html#token=abc_DEF-123';
  const body = html`<p>Hello ${'Alex <b>'} &amp; welcome.</p><p><a href="${safeHref(link)}">Sign in</a></p>`;
  return {
    practiceId,
    to,
    language: 'en',
    subject: 'Your sign-in link',
    text: `Hello Alex,\n\nSign in: ${link}\n\nThe link works for 24 hours.`,
    html: emailDocument({ language: 'en', title: 'Your sign-in link', body }),
  };
}

describe('mail: transactional outbox and worker', () => {
  let t: TestDb;
  let practiceId: number;
  beforeEach(() => {
    t = createTestDb();
    practiceId = findPracticeBySlug(t.db, 'lakeside')!.id;
  });
  afterEach(() => t.close());

  test('queueMail refuses to run outside a transaction', () => {
    assert.throws(() => queueMail(t.db, t.clock, signInMail(practiceId)), /inside the transaction/);
  });

  test('mail queued in a rolled-back transaction is never sent', async () => {
    assert.throws(() =>
      transaction(t.db, () => {
        queueMail(t.db, t.clock, signInMail(practiceId));
        throw new Error('the change failed');
      }),
    );
    const transport = recordingTransport();
    const worker = new MailWorker({ db: t.db, clock: t.clock, transport });
    assert.deepEqual(await worker.runOnce(), { sent: 0, failed: 0 });
  });

  test('the worker sends queued mail as multipart text + HTML from the practice', async () => {
    const id = transaction(t.db, () => queueMail(t.db, t.clock, signInMail(practiceId, ' Alex@Example.com ')));
    const transport = recordingTransport();
    const worker = new MailWorker({ db: t.db, clock: t.clock, transport });
    assert.deepEqual(await worker.runOnce(), { sent: 1, failed: 0 });
    const [sent] = transport.sent;
    assert.deepEqual(sent?.from, { name: 'Lakeside Counseling', address: 'no-reply@lakeside.example' });
    assert.equal(sent?.to, 'alex@example.com');
    assert.match(sent.text, /Sign in: http/);
    assert.match(sent.html, /<a href="http:\/\/localhost:8080\/portal.html#token=abc_DEF-123">/);
    assert.equal(findOutboxMessage(t.db, id)?.status, 'sent');
    assert.equal(findOutboxMessage(t.db, id)?.sentAt, t.clock.now());
    assert.deepEqual(await worker.runOnce(), { sent: 0, failed: 0 }, 'sent once only');
  });

  test('a transport failure is retried with exponential backoff on the clock', async () => {
    const id = transaction(t.db, () => queueMail(t.db, t.clock, signInMail(practiceId)));
    const transport = recordingTransport(2);
    const worker = new MailWorker({ db: t.db, clock: t.clock, transport, backoffBaseMs: 5_000 });

    assert.deepEqual(await worker.runOnce(), { sent: 0, failed: 1 });
    let row = findOutboxMessage(t.db, id)!;
    assert.equal(row.status, 'queued');
    assert.equal(row.attempts, 1);
    assert.equal(row.nextAttemptAt, t.clock.now() + 5_000);
    assert.match(row.lastError!, /EENVELOPE/);

    t.clock.advance(4_999);
    assert.deepEqual(await worker.runOnce(), { sent: 0, failed: 0 }, 'not before the backoff');
    t.clock.advance(1);
    assert.deepEqual(await worker.runOnce(), { sent: 0, failed: 1 });
    row = findOutboxMessage(t.db, id)!;
    assert.equal(row.nextAttemptAt, t.clock.now() + 10_000, 'the second wait doubles');

    t.clock.advance(10_000);
    assert.deepEqual(await worker.runOnce(), { sent: 1, failed: 0 });
    row = findOutboxMessage(t.db, id)!;
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 3);
    assert.equal(row.lastError, null);
    assert.equal(transport.sent.length, 1, 'exactly one email after recovery (F8)');
  });

  test('after maxAttempts the message is marked failed and left alone', async () => {
    const id = transaction(t.db, () => queueMail(t.db, t.clock, signInMail(practiceId)));
    const transport = recordingTransport(Infinity);
    const worker = new MailWorker({ db: t.db, clock: t.clock, transport, maxAttempts: 3, backoffBaseMs: 1000 });
    for (let i = 0; i < 5; i += 1) {
      await worker.runOnce();
      t.clock.advance(60_000);
    }
    assert.equal(transport.attempts, 3);
    assert.equal(findOutboxMessage(t.db, id)?.status, 'failed');
  });

  test('a message whose worker died mid-send is retried when its lease runs out', async () => {
    const id = transaction(t.db, () => queueMail(t.db, t.clock, signInMail(practiceId)));
    const { claimDueMessages } = await import('../../server/repos/outbox.js');
    assert.equal(claimDueMessages(t.db, t.clock.now(), 60_000, 10).length, 1); // claimed, then "crash"
    const transport = recordingTransport();
    const worker = new MailWorker({ db: t.db, clock: t.clock, transport, leaseMs: 60_000 });
    assert.deepEqual(await worker.runOnce(), { sent: 0, failed: 0 }, 'leased elsewhere');
    t.clock.advance(60_000);
    assert.deepEqual(await worker.runOnce(), { sent: 1, failed: 0 });
    assert.equal(findOutboxMessage(t.db, id)?.status, 'sent');
  });

  test('start() polls, kick() sends at once, stop() ends the loop', async () => {
    const transport = recordingTransport();
    const worker = new MailWorker({ db: t.db, clock: t.clock, transport, pollIntervalMs: 60_000 });
    worker.start();
    await new Promise((r) => setTimeout(r, 20));
    transaction(t.db, () => queueMail(t.db, t.clock, signInMail(practiceId)));
    worker.kick();
    for (let i = 0; i < 50 && transport.sent.length === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    assert.equal(transport.sent.length, 1);
    await worker.stop();
  });

  test('the development transport builds the message without a mail server', async () => {
    const { transport, kind } = createMailTransport({ smtpUrl: undefined });
    assert.equal(kind, 'development');
    const info = (await transport.sendMail({
      from: { name: 'Lakeside Counseling', address: 'no-reply@lakeside.example' },
      ...signInMail(practiceId),
    })) as { message: string };
    const message = JSON.parse(info.message) as { text: string; html: string; from: { address: string } };
    assert.ok(message.text && message.html, 'both parts');
    assert.equal(message.from.address, 'no-reply@lakeside.example');
  });

  test('backoff doubles and is capped', () => {
    assert.deepEqual([1, 2, 3, 4].map((n) => backoffDelay(n, 5_000, 30_000)), [5_000, 10_000, 20_000, 30_000]);
  });
});

describe('mail templates and links', () => {
  test('html`` escapes everything interpolated, except nested html``', () => {
    const name = '<img src=x onerror=alert(1)> "Tom" & \'Jerry\'';
    const out = html`<p>${name}</p>${html`<b>${'<i>'}</b>`}`.value;
    assert.equal(out, '<p>&lt;img src=x onerror=alert(1)&gt; &quot;Tom&quot; &amp; &#39;Jerry&#39;</p><b>&lt;i&gt;</b>');
    assert.equal(escapeHtml('a&b'), 'a&amp;b');
    assert.throws(() => safeHref('javascript:alert(1)'), /http/);
  });

  test('links are found in text and HTML, each once, entities decoded, punctuation trimmed', () => {
    const links = extractLinks(
      'Open https://a.example/x?y=1&z=2#token=abc. Or (https://b.example/).',
      '<a href="https://a.example/x?y=1&amp;z=2#token=abc">x</a> <a href=\'https://c.example\'>c</a> <a href="javascript:alert(1)">no</a>',
    );
    assert.deepEqual(links, ['https://a.example/x?y=1&z=2#token=abc', 'https://b.example/', 'https://c.example']);
  });
});

describe('development outbox routes', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    const practiceId = findPracticeBySlug(t.db, 'lakeside')!.id;
    transaction(t.db, () => {
      queueMail(t.db, t.clock, signInMail(practiceId));
      queueMail(t.db, t.clock, { ...signInMail(practiceId, 'maria@example.com'), subject: 'Su enlace <script>alert(1)</script>', language: 'es' });
      queueMail(t.db, t.clock, { ...signInMail(practiceId, 'jordan@example.com'), subject: 'Not sent yet' });
    });
    // Send the two oldest only (claims go oldest first), so the third stays queued.
    const { claimDueMessages, markSent } = await import('../../server/repos/outbox.js');
    for (const m of claimDueMessages(t.db, t.clock.now(), 60_000, 2)) markSent(t.db, m.id, t.clock.now());
  });
  after(() => t.close());

  test('/dev/outbox.json lists sent mail newest first, with links', async () => {
    const res = await t.app.inject({ url: '/dev/outbox.json' });
    assert.equal(res.statusCode, 200);
    const messages = res.json<DevOutboxMessage[]>();
    assert.deepEqual(messages.map((m) => m.to), ['maria@example.com', 'alex@example.com']);
    assert.deepEqual(messages[1].links, ['http://localhost:8080/portal.html#token=abc_DEF-123']);
    assert.equal(messages[0].language, 'es');
    assert.equal(messages[0].practice, 'lakeside');
    assert.equal(typeof messages[0].createdAt, 'number');
    assert.ok(messages[1].html.includes('<a href='));
  });

  test('?to= filters by recipient', async () => {
    const res = await t.app.inject({ url: '/dev/outbox.json?to=ALEX@example.com' });
    assert.deepEqual(res.json().map((m: { to: string }) => m.to), ['alex@example.com']);
  });

  test('/dev/outbox is a readable page that escapes everything and has its own CSP', async () => {
    const res = await t.app.inject({ url: '/dev/outbox' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
    assert.match(String(res.headers['content-security-policy']), /style-src 'self'/);
    assert.doesNotMatch(String(res.headers['content-security-policy']), /script-src|unsafe/);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.ok(res.body.includes('Su enlace &lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!res.body.includes('<script'));
    assert.ok(res.body.includes('<a href="http://localhost:8080/portal.html#token=abc_DEF-123">'));
    assert.ok(res.body.indexOf('maria@example.com') < res.body.indexOf('alex@example.com'), 'newest first');
    assert.ok(!res.body.includes('Not sent yet'));
    assert.doesNotMatch(res.body, / style=/);
    const css = await t.app.inject({ url: '/dev/outbox.css' });
    assert.match(String(css.headers['content-type']), /^text\/css/);
  });

  test("a message's HTML part is served sandboxed", async () => {
    const [first] = (await t.app.inject({ url: '/dev/outbox.json' })).json<DevOutboxMessage[]>();
    const res = await t.app.inject({ url: `/dev/outbox/${first.id}/html` });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-security-policy']), /sandbox/);
    const missing = await t.app.inject({ url: '/dev/outbox/999/html' });
    assert.equal(missing.statusCode, 404);
  });

  test('end to end: queued in a transaction, fails once, retried by the worker, then listed with its links', async () => {
    const e2e = await createTestApp();
    try {
      const practiceId = findPracticeBySlug(e2e.db, 'lakeside')!.id;
      transaction(e2e.db, () => queueMail(e2e.db, e2e.clock, signInMail(practiceId, 'casey@example.com')));
      const worker = new MailWorker({ db: e2e.db, clock: e2e.clock, transport: recordingTransport(1) });
      assert.deepEqual(await worker.runOnce(), { sent: 0, failed: 1 });
      assert.deepEqual((await e2e.app.inject({ url: '/dev/outbox.json' })).json(), [], 'not listed before it is sent');
      e2e.clock.advance(60_000);
      assert.deepEqual(await worker.runOnce(), { sent: 1, failed: 0 });
      const [message] = (await e2e.app.inject({ url: '/dev/outbox.json' })).json<DevOutboxMessage[]>();
      assert.equal(message?.to, 'casey@example.com');
      assert.deepEqual(message?.links, ['http://localhost:8080/portal.html#token=abc_DEF-123']);
    } finally {
      await e2e.close();
    }
  });

  test('none of it exists in production mode', async () => {
    const prod = await createTestApp({ config: { mode: 'production' } });
    try {
      for (const url of ['/dev/outbox', '/dev/outbox.json', '/dev/outbox.css']) {
        const res = await prod.app.inject({ url });
        assert.equal(res.statusCode, 404, url);
      }
    } finally {
      await prod.close();
    }
  });
});
