// The public routes: practice info and the health check.
import { Value } from '@sinclair/typebox/value';
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ErrorBody, PracticeInfo } from '../../src/contract/index.js';
import { transaction } from '../../server/db/transaction.js';
import { queueMail } from '../../server/mail/queue.js';
import { markAttemptFailed } from '../../server/repos/outbox.js';
import { createTestApp, type TestApp } from './helpers.js';

describe('GET /p/:practice/info', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('answers the practice facts, matching the contract schema', async () => {
    const res = await t.app.inject({ url: '/p/lakeside/info' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^application\/json; charset=utf-8$/);
    const body = res.json();
    assert.ok(Value.Check(PracticeInfo, body), JSON.stringify([...Value.Errors(PracticeInfo, body)]));
    assert.deepEqual(body, {
      name: 'Lakeside Counseling',
      phone: '+15555550142',
      phoneDisplay: '(555) 555-0142',
      timeZone: 'America/Chicago',
      languages: ['en', 'es'],
    });
  });

  test("each practice answers with its own facts", async () => {
    const res = await t.app.inject({ url: '/p/harbor/info' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().name, 'Harbor Family Therapy');
    assert.deepEqual(res.json().languages, ['en']);
  });

  for (const url of ['/p/nowhere/info', '/p/UPPER/info', '/p/-bad/info', '/p/lakeside/nothing-here', '/p/lakeside', '/nothing']) {
    test(`${url} → 404 not_found in the standard error shape`, async () => {
      const res = await t.app.inject({ url });
      assert.equal(res.statusCode, 404);
      const body = res.json();
      assert.ok(Value.Check(ErrorBody, body));
      assert.equal(body.error.code, 'not_found');
    });
  }

  test('a change to the practice shows on the next request, whichever connection made it', async () => {
    const first = await t.app.inject({ url: '/p/lakeside/info' });
    assert.equal(first.json().name, 'Lakeside Counseling');
    const other = new Database(t.file); // another process, say an admin CLI
    try {
      other.prepare("UPDATE practices SET name = 'Lakeside Counseling Center' WHERE slug = 'lakeside'").run();
      assert.equal((await t.app.inject({ url: '/p/lakeside/info' })).json().name, 'Lakeside Counseling Center');
    } finally {
      other.close();
    }
    t.db.prepare("UPDATE practices SET name = 'Lakeside Counseling' WHERE slug = 'lakeside'").run();
    assert.equal((await t.app.inject({ url: '/p/lakeside/info' })).json().name, 'Lakeside Counseling');
  });

  test('a query string does not change the answer', async () => {
    const res = await t.app.inject({ url: '/p/lakeside/info?lang=es' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().name, 'Lakeside Counseling');
  });
});

function queueOne(t: Awaited<ReturnType<typeof createTestApp>>): number {
  return transaction(t.db, () =>
    queueMail(t.db, t.clock, { practiceId: 1, to: 'alex@example.com', language: 'en', subject: 'Hi', text: 'Hi', html: '<p>Hi</p>' }),
  );
}

describe('GET /healthz', () => {
  test('ok when the database answers, migrations are current and mail flows', async () => {
    const t = await createTestApp();
    try {
      const res = await t.app.inject({ url: '/healthz' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { status: 'ok', checks: { database: 'ok', migrations: 'ok', mail: 'ok' } });
    } finally {
      await t.close();
    }
  });

  test('degraded when queued mail is overdue (no worker) or being retried (SMTP failing)', async () => {
    const t = await createTestApp();
    try {
      const id = queueOne(t);
      t.clock.advance(10 * 60_000);
      let res = await t.app.inject({ url: '/healthz' });
      assert.deepEqual(res.json(), { status: 'degraded', checks: { database: 'ok', migrations: 'ok', mail: 'overdue' } });
      markAttemptFailed(t.db, id, t.clock.now(), 'ECONNREFUSED', t.clock.now() + 60_000);
      res = await t.app.inject({ url: '/healthz' });
      assert.equal(res.json().checks.mail, 'retrying');
    } finally {
      await t.close();
    }
  });

  test('degraded, not crashed, when the database is gone', async () => {
    const t = await createTestApp();
    try {
      t.db.close();
      const res = await t.app.inject({ url: '/healthz' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().status, 'degraded');
      assert.equal(res.json().checks.database, 'error');
    } finally {
      await t.close(); // closing an already closed database is a no-op
    }
  });
});
