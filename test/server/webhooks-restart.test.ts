// The webhook outbox survives restarts. In process: events made while the receiver is down,
// the runtime closed between attempts and a new one opened on the same database, the missed
// events arriving exactly once. As a real process: the endpoint killed with SIGKILL between
// attempts (and once in the middle of a send), restarted, and the receiver gets what it missed.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { WebhookEndpointWithSecret } from '../../src/contract/index.js';
import { FakeClock, systemClock } from '../../server/clock.js';
import { readServerConfig } from '../../server/config.js';
import { closeDatabase, openDatabase } from '../../server/db/open.js';
import { transaction } from '../../server/db/transaction.js';
import { emitPracticeEvent } from '../../server/events/emit.js';
import { findPracticeBySlug } from '../../server/repos/practices.js';
import { createEndpointRuntime, DATABASE_FILE_NAME } from '../../server/runtime.js';
import { seedDemo } from '../../server/seed/demo.js';
import { ADMIN_TOKEN, PIN_PEPPER, tempDir } from './helpers.js';
import { verifyStandardWebhook, waitFor, WebhookReceiver } from './webhook-helpers.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

function createEndpoint(base: string, url: string): Promise<WebhookEndpointWithSecret> {
  return fetch(`${base}/p/lakeside/admin/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url }),
  }).then(async (res) => {
    assert.equal(res.status, 201, await res.clone().text());
    return res.json() as Promise<WebhookEndpointWithSecret>;
  });
}

describe('webhook outbox across restarts', () => {
  test('in process: close the runtime between attempts, reopen on the same database, missed events arrive once', async () => {
    const dir = tempDir();
    const clock = new FakeClock();
    const receiver = new WebhookReceiver();
    await receiver.start();
    await receiver.stop(); // its port is known; nothing listens there now
    const config = { ...readServerConfig({ ADMIN_TOKEN, PIN_PEPPER, DATA_DIR: dir.path }, 'development'), host: '127.0.0.1' };
    const start = () => createEndpointRuntime({ config, clock, logger: false, prepare: (db) => seedDemo(db, clock, { origins: [], portalUrl: null }) });
    try {
      let runtime = await start();
      const created = await runtime.app.inject({
        method: 'POST',
        url: '/p/lakeside/admin/webhooks',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        payload: { url: receiver.url() },
      });
      assert.equal(created.statusCode, 201, created.body);
      const { secret } = created.json<WebhookEndpointWithSecret>();
      const practiceId = findPracticeBySlug(runtime.db, 'lakeside')!.id;
      transaction(runtime.db, () => {
        for (let fileId = 1; fileId <= 3; fileId += 1) {
          emitPracticeEvent({ db: runtime.db, clock }, practiceId, { type: 'file.uploaded', data: { fileId, profileId: null, fileType: 'pdf' } });
        }
      });
      assert.deepEqual(await runtime.webhookWorker.runOnce(), { delivered: 0, failed: 3 }, 'the receiver is down');
      await runtime.close();

      clock.advance(60_000); // past the first retry
      await receiver.start();
      runtime = await start();
      assert.deepEqual(await runtime.webhookWorker.runOnce(), { delivered: 3, failed: 0 });
      clock.advance(24 * 60 * 60_000);
      assert.deepEqual(await runtime.webhookWorker.runOnce(), { delivered: 0, failed: 0 });
      await runtime.close();

      assert.deepEqual(receiver.events().map((e) => Number(e.data.fileId)).sort(), [1, 2, 3], 'each missed event once (in any order)');
      assert.ok(receiver.received.every((r) => verifyStandardWebhook(secret, r.headers, r.body, Math.floor(clock.now() / 1000), 24 * 3600 + 60)));
    } finally {
      await receiver.stop();
      dir.cleanup();
    }
  });

  test('a real process: SIGKILL between attempts and mid-send, restart, the receiver gets what it missed', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const receiver = new WebhookReceiver();
    await receiver.start();
    await receiver.stop();
    const children: ChildProcess[] = [];
    const startEndpoint = async (): Promise<{ child: ChildProcess; base: string }> => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--seed', 'demo'], {
        cwd: REPO,
        env: { ...process.env, MODE: 'development', ADMIN_TOKEN, PIN_PEPPER, DATA_DIR: dir.path, ENDPOINT_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const base = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening at (http:\/\/127\.0\.0\.1:\d+)/i.exec(out);
          if (match && out.includes('portal endpoint ready')) resolve(match[1]);
        });
        child.on('exit', (code) => reject(new Error(`main.ts exited early (${code}): ${stderr}`)));
      });
      return { child, base };
    };
    const kill = (child: ChildProcess) =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    const db = () => openDatabase(join(dir.path, DATABASE_FILE_NAME));
    const deliveries = (file: ReturnType<typeof db>) =>
      file.prepare('SELECT id, status, attempts FROM webhook_deliveries ORDER BY id').all() as { id: number; status: string; attempts: number }[];

    try {
      // 1. The endpoint runs; the receiver is down; three changes happen.
      let { child, base } = await startEndpoint();
      const { secret } = await createEndpoint(base, receiver.url());
      const side = db();
      const practiceId = findPracticeBySlug(side, 'lakeside')!.id;
      transaction(side, () => {
        for (let fileId = 1; fileId <= 3; fileId += 1) {
          emitPracticeEvent({ db: side, clock: systemClock }, practiceId, { type: 'file.uploaded', data: { fileId, profileId: null, fileType: 'pdf' } });
        }
      });
      const eventIds = (side.prepare('SELECT public_id FROM practice_events ORDER BY id').all() as { public_id: string }[]).map((r) => r.public_id);
      await waitFor(() => deliveries(side).every((d) => d.attempts === 1 && d.status === 'queued'), 15_000, 'a failed first attempt of each');

      // 2. Killed between attempts. The next attempts are 24–36 s away: the test moves them to now
      //    rather than waiting (the wait itself is the retry schedule, tested on the fake clock).
      await kill(child);
      side.prepare("UPDATE webhook_deliveries SET next_attempt_at = ? WHERE status = 'queued'").run(Date.now());

      // 3. The receiver comes back, then the endpoint: each missed event arrives once.
      await receiver.start();
      ({ child, base } = await startEndpoint());
      await waitFor(() => receiver.received.length >= 3, 15_000, 'the missed events');
      await new Promise((r) => setTimeout(r, 2500)); // two more worker polls: nothing is sent twice
      assert.equal(receiver.received.length, 3);
      assert.deepEqual(receiver.received.map((r) => r.headers['webhook-id']).sort(), [...eventIds].sort());
      assert.ok(receiver.received.every((r) => verifyStandardWebhook(secret, r.headers, r.body, Math.floor(Date.now() / 1000))));
      assert.deepEqual(deliveries(side).map((d) => [d.status, d.attempts]), [['delivered', 2], ['delivered', 2], ['delivered', 2]]);

      // 4. Killed in the middle of a send (the receiver holds the request): the lease makes it due
      //    again after a restart, and it is delivered (at least once; receivers dedupe by webhook-id).
      receiver.hang = true;
      receiver.received.length = 0;
      transaction(side, () => {
        emitPracticeEvent({ db: side, clock: systemClock }, practiceId, { type: 'file.uploaded', data: { fileId: 4, profileId: null, fileType: 'pdf' } });
      });
      await waitFor(() => receiver.received.length === 1, 15_000, 'the send in progress');
      await kill(child);
      const [, , , inFlight] = deliveries(side);
      assert.equal(inFlight.status, 'sending', 'leased when the process died');
      side.prepare('UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?').run(Date.now(), inFlight.id); // the 60 s lease ran out
      receiver.hang = false;
      await receiver.stop();
      await receiver.start();
      ({ child, base } = await startEndpoint());
      await waitFor(() => deliveries(side)[3].status === 'delivered', 15_000, 'the interrupted delivery');
      assert.equal(receiver.received.length, 2);
      assert.equal(receiver.received[0].headers['webhook-id'], receiver.received[1].headers['webhook-id'], 'the same message, to dedupe');
      closeDatabase(side);
      void base;
    } finally {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await receiver.stop();
      dir.cleanup();
    }
  });
});
