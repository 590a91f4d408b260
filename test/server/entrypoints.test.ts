import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FakeClock } from '../../server/clock.js';
import { readServerConfig } from '../../server/config.js';
import { createEndpointRuntime } from '../../server/runtime.js';
import { seedDemo } from '../../server/seed/demo.js';
import { ADMIN_TOKEN, PIN_PEPPER, tempDir } from './helpers.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** A GET on a fresh connection (no keep-alive pool), so "refused" really means not listening. */
function freshGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('graceful shutdown (F13)', () => {
  test('close() lets the in-flight request finish, refuses new connections, stops mail, closes the DB', async () => {
    const dir = tempDir();
    const clock = new FakeClock();
    const config = { ...readServerConfig({ ADMIN_TOKEN, PIN_PEPPER, DATA_DIR: dir.path }, 'production'), host: '127.0.0.1' };
    const runtime = await createEndpointRuntime({
      config,
      clock,
      logger: false,
      prepare: (db) => seedDemo(db, clock, { origins: [], portalUrl: null }),
    });
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inHandler = new Promise<void>((r) => (entered = r));
    runtime.app.get('/p/:practice/test-slow', async () => {
      entered();
      await released;
      return { finished: true };
    });
    try {
      await runtime.app.listen({ port: 0, host: '127.0.0.1' });
      runtime.worker.start();
      const base = `http://127.0.0.1:${(runtime.app.server.address() as { port: number }).port}`;

      const slow = freshGet(`${base}/p/lakeside/test-slow`);
      await inHandler;
      const closing = runtime.close();
      await new Promise((r) => setTimeout(r, 50));
      await assert.rejects(freshGet(`${base}/p/lakeside/info`), /ECONNREFUSED/, 'no new connections while closing');
      assert.ok(runtime.db.open, 'the database stays open for the request in flight');
      release();
      const answer = await slow;
      assert.equal(answer.status, 200);
      assert.deepEqual(JSON.parse(answer.body), { finished: true });
      await closing;
      assert.equal(runtime.db.open, false);
      assert.equal(statSync(runtime.databaseFile + '-wal', { throwIfNoEntry: false })?.size ?? 0, 0, 'WAL checkpointed');
      await runtime.close(); // idempotent
    } finally {
      await runtime.close();
      dir.cleanup();
    }
  });

  test('server/main.ts exits 0 on SIGTERM after a clean close', { timeout: 30_000 }, async () => {
    const dir = tempDir();
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--seed', 'demo'], {
        cwd: REPO,
        env: { ...process.env, ADMIN_TOKEN, PIN_PEPPER, DATA_DIR: dir.path, ENDPOINT_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', MODE: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening at (http:\/\/127\.0\.0\.1:\d+)/i.exec(out);
          if (match && out.includes('portal endpoint ready')) resolve(match[1]);
        });
        child.on('exit', (code) => reject(new Error(`main.ts exited early (${code}): ${stderr}`)));
      });
      const info = await freshGet(`${url}/p/lakeside/info`);
      assert.equal(info.status, 200, 'seeded by --seed demo');
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exit, 0, stderr);
      assert.ok(existsSync(join(dir.path, 'portal.sqlite')));
    } finally {
      dir.cleanup();
    }
  });
});

describe('server configuration from the environment', () => {
  test('development defaults: ports, data dir, host, a generated admin token', () => {
    const config = readServerConfig({}, 'development');
    assert.equal(config.mode, 'development');
    assert.equal(config.endpointPort, 8081);
    assert.equal(config.demoPort, 8080);
    assert.equal(config.dataDir, '.data');
    assert.equal(config.host, 'localhost');
    assert.match(config.adminToken, /^[0-9a-f]{64}$/);
    assert.notEqual(readServerConfig({}, 'development').adminToken, config.adminToken, 'random per start');
    assert.equal(config.smtpUrl, undefined);
  });

  test('production ignores ADMIN_TOKEN (staff and API keys instead) and requires a long PIN_PEPPER', () => {
    assert.equal(readServerConfig({ PIN_PEPPER }, 'production').adminToken, '');
    assert.equal(readServerConfig({ PIN_PEPPER }, 'production').adminTokenIgnored, false);
    const ignored = readServerConfig({ ADMIN_TOKEN, PIN_PEPPER }, 'production');
    assert.equal(ignored.adminToken, '');
    assert.equal(ignored.adminTokenIgnored, true);
    assert.throws(() => readServerConfig({ ADMIN_TOKEN }, 'production'), /PIN_PEPPER is required/);
    assert.throws(() => readServerConfig({ ADMIN_TOKEN, PIN_PEPPER: 'short' }, 'production'), /PIN_PEPPER must be at least 32/);
    assert.throws(() => readServerConfig({ PIN_PEPPER: 'short' }, 'development'), /PIN_PEPPER must be at least 32/);
  });

  test('development without PIN_PEPPER keeps a generated one under DATA_DIR, so PINs survive a restart', async () => {
    const dir = tempDir();
    const clock = new FakeClock();
    const start = () =>
      createEndpointRuntime({
        config: { ...readServerConfig({ ADMIN_TOKEN, DATA_DIR: dir.path }, 'development'), host: '127.0.0.1' },
        clock,
        logger: false,
        prepare: (db) => seedDemo(db, clock, { origins: [], portalUrl: null }),
      });
    try {
      const first = await start();
      const issued = await first.app.inject({
        method: 'POST',
        url: '/p/lakeside/admin/pins',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        payload: { email: 'alex@example.com' },
      });
      await first.close();
      assert.equal(issued.statusCode, 201);
      assert.ok(existsSync(join(dir.path, 'pin-pepper')));
      const second = await start();
      try {
        const signedIn = await second.app.inject({
          method: 'POST',
          url: '/p/lakeside/auth/pin',
          payload: { email: 'alex@example.com', pin: issued.json().pin },
        });
        assert.equal(signedIn.statusCode, 201);
      } finally {
        await second.close();
      }
    } finally {
      dir.cleanup();
    }
  });

  test('MODE, ports, SMTP_URL and PUBLIC_ENDPOINT_URL are read and checked', () => {
    const config = readServerConfig(
      {
        MODE: 'production',
        ADMIN_TOKEN,
        PIN_PEPPER,
        ENDPOINT_PORT: '9001',
        PORT: '9000',
        HOST: '0.0.0.0',
        DATA_DIR: '/var/lib/portal',
        SMTP_URL: 'smtps://u:p@smtp.example.com',
        PUBLIC_ENDPOINT_URL: 'https://portal.example.com/',
        RATE_LIMIT_MAX: '50',
      },
      'development',
    );
    assert.equal(config.mode, 'production');
    assert.equal(config.endpointPort, 9001);
    assert.equal(config.demoPort, 9000);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.dataDir, '/var/lib/portal');
    assert.equal(config.smtpUrl, 'smtps://u:p@smtp.example.com');
    assert.equal(config.publicEndpointUrl, 'https://portal.example.com');
    assert.equal(config.rateLimit.max, 50);
    assert.equal(config.pinPepper, PIN_PEPPER);
    assert.throws(() => readServerConfig({ MODE: 'staging' }, 'development'), /MODE/);
    assert.throws(() => readServerConfig({ ENDPOINT_PORT: 'http' }, 'development'), /ENDPOINT_PORT/);
    assert.throws(() => readServerConfig({ PUBLIC_ENDPOINT_URL: 'ftp://x' }, 'development'), /PUBLIC_ENDPOINT_URL/);
  });
});
