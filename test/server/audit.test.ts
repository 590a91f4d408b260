import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { transaction } from '../../server/db/transaction.js';
import { appendAudit, GENESIS_HASH, verifyAuditChain } from '../../server/repos/audit.js';
import { createTestDb, type TestDb } from './test-db.js';

describe('audit trail: append-only, hash-chained (R36, R37)', () => {
  let t: TestDb;
  beforeEach(() => {
    t = createTestDb();
    for (let i = 1; i <= 5; i += 1) {
      t.clock.advance(1000);
      appendAudit(t.db, t.clock, {
        practiceId: 1,
        actorAccountId: i,
        actingProfileId: i,
        action: 'sensitive_read',
        resourceType: 'document',
        resourceId: i,
        outcome: 'success',
        ip: '127.0.0.1',
        origin: 'https://www.lakeside.example',
      });
    }
  });
  afterEach(() => t.close());

  test('events chain from the genesis hash and verify', () => {
    const first = t.db.prepare('SELECT prev_hash FROM audit_events WHERE seq = 1').get() as { prev_hash: string };
    assert.equal(first.prev_hash, GENESIS_HASH);
    assert.deepEqual(verifyAuditChain(t.db), { ok: true, events: 5 });
  });

  test('records time in UTC milliseconds from the injected clock', () => {
    const row = t.db.prepare('SELECT occurred_at FROM audit_events WHERE seq = 5').get() as { occurred_at: number };
    assert.equal(row.occurred_at, t.clock.now());
  });

  test('UPDATE and DELETE are refused by the database', () => {
    assert.throws(() => t.db.prepare("UPDATE audit_events SET outcome = 'failure' WHERE seq = 2").run(), /append-only/);
    assert.throws(() => t.db.prepare('DELETE FROM audit_events WHERE seq = 5').run(), /append-only/);
    assert.throws(() => t.db.prepare('DELETE FROM audit_events').run(), /append-only/);
  });

  test('an insert that does not extend the tip is refused', () => {
    assert.throws(
      () =>
        t.db
          .prepare(
            `INSERT INTO audit_events (seq, occurred_at, action, outcome, prev_hash, hash)
             VALUES (9, 0, 'sensitive_read', 'success', ?, ?)`,
          )
          .run(GENESIS_HASH, 'f'.repeat(64)),
      /extend the chain tip/,
    );
  });

  test('an edited record is detected, at the first broken link', () => {
    // An attacker with the file can drop the trigger; the chain still tells.
    const raw = new Database(t.file);
    raw.exec('DROP TRIGGER audit_events_append_only_update');
    raw.prepare("UPDATE audit_events SET outcome = 'failure' WHERE seq = 3").run();
    raw.close();
    assert.deepEqual(verifyAuditChain(t.db), { ok: false, events: 2, brokenAt: 3, reason: 'hash_mismatch' });
  });

  test('an edited record whose hash was recomputed breaks the next link', () => {
    const raw = new Database(t.file);
    raw.exec('DROP TRIGGER audit_events_append_only_update');
    raw.prepare("UPDATE audit_events SET hash = ? WHERE seq = 2").run('a'.repeat(64));
    raw.close();
    const report = verifyAuditChain(t.db);
    assert.equal(report.ok, false);
    assert.equal(report.ok === false && report.brokenAt, 2);
  });

  test('a deleted record is detected as a gap', () => {
    const raw = new Database(t.file);
    raw.exec('DROP TRIGGER audit_events_append_only_delete');
    raw.prepare('DELETE FROM audit_events WHERE seq = 4').run();
    raw.close();
    assert.deepEqual(verifyAuditChain(t.db), { ok: false, events: 3, brokenAt: 4, reason: 'gap' });
  });

  test('a CR/LF in a client-supplied value cannot forge a record boundary', () => {
    appendAudit(t.db, t.clock, {
      practiceId: 1,
      action: 'authz_fail',
      outcome: 'failure',
      origin: 'https://x.test\r\n{"seq":99,"action":"session_created"}',
    });
    assert.deepEqual(verifyAuditChain(t.db), { ok: true, events: 6 });
    const row = t.db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number };
    assert.equal(row.n, 6);
  });

  test('an event appended inside a rolled-back transaction disappears with it', () => {
    assert.throws(() =>
      transaction(t.db, () => {
        appendAudit(t.db, t.clock, { practiceId: 1, action: 'sensitive_update', outcome: 'success' });
        throw new Error('the change failed');
      }),
    );
    assert.deepEqual(verifyAuditChain(t.db), { ok: true, events: 5 });
  });
});
