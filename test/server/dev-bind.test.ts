// Development mode (the outbox with every sign-in link, the console with the admin token)
// refuses to listen anywhere but loopback.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FakeClock } from '../../server/clock.js';
import { ConfigError, readServerConfig } from '../../server/config.js';
import { startDev } from '../../server/dev.js';
import { createEndpointRuntime } from '../../server/runtime.js';
import { ADMIN_TOKEN, PIN_PEPPER, tempDir } from './helpers.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const REFUSAL = /Development mode serves sign-in links \(\/dev\/outbox\) and the admin token to anyone who can reach it, so it listens only on 127\.0\.0\.1, ::1 or localhost/;

/** Runs an entry point to its exit (bounded): exit code and stderr. */
function run(entry: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: REPO,
      env: { ...process.env, ENDPOINT_PORT: '0', PORT: '0', PAYMENT_PORT: '0', LOG_LEVEL: 'error', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} still running after 20 s: it started instead of refusing`));
    }, 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('development mode binds loopback only', () => {
  test('startDev on a non-loopback HOST fails with a clear message before creating or serving anything', async () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.10', 'portal.example.com']) {
      const dir = tempDir();
      try {
        await assert.rejects(startDev({ host, port: 0, endpointPort: 0, dataDir: dir.path, quiet: true }), REFUSAL, host);
        assert.deepEqual(readdirSync(dir.path), [], 'no database, no pepper');
      } finally {
        dir.cleanup();
      }
    }
  });

  test('development accepts 127.0.0.1, ::1 and localhost; production may bind any interface', async () => {
    const dir = tempDir();
    const clock = new FakeClock();
    const cases: Array<[Record<string, string>, 'development' | 'production']> = [
      [{ HOST: '127.0.0.1' }, 'development'],
      [{ HOST: '::1' }, 'development'],
      [{ HOST: 'localhost' }, 'development'],
      [{ HOST: '0.0.0.0', PIN_PEPPER }, 'production'],
    ];
    try {
      for (const [env, mode] of cases) {
        const config = readServerConfig({ ADMIN_TOKEN, DATA_DIR: dir.path, ...env }, mode);
        const runtime = await createEndpointRuntime({ config, clock, logger: false });
        await runtime.close();
      }
      const open = readServerConfig({ ADMIN_TOKEN, DATA_DIR: dir.path, HOST: '0.0.0.0' }, 'development');
      await assert.rejects(createEndpointRuntime({ config: open, clock, logger: false }), (err: unknown) => err instanceof ConfigError && REFUSAL.test(err.message));
    } finally {
      dir.cleanup();
    }
  });

  test('npm start (server/dev.ts) and MODE=development server/main.ts exit 1 on HOST=0.0.0.0, saying why', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    try {
      const [dev, main] = await Promise.all([
        run('server/dev.ts', { HOST: '0.0.0.0', DATA_DIR: dir.path }),
        run('server/main.ts', { HOST: '0.0.0.0', MODE: 'development', ADMIN_TOKEN, DATA_DIR: dir.path }),
      ]);
      assert.equal(dev.code, 1, dev.stderr);
      assert.match(dev.stderr, REFUSAL);
      assert.equal(main.code, 1, main.stderr);
      assert.match(main.stderr, /^Configuration error: Development mode serves sign-in links/m);
    } finally {
      dir.cleanup();
    }
  });
});
