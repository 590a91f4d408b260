// Slow and silent clients against the real HTTP server (F12): real TCP sockets on loopback
// only, short limits, and every wait bounded.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { readServerConfig } from '../../server/config.js';
import type { ConnectionLimits } from '../../server/plugins/connection-limits.js';
import { ADMIN_TOKEN, createTestApp, PIN_PEPPER, type TestApp } from './helpers.js';

const LOOPBACK = '127.0.0.1';
/** Another loopback address: the server sees it as a second client (all of 127/8 is loopback on Linux). */
const OTHER_CLIENT = '127.0.0.2';

interface Held {
  socket: Socket;
  /** Resolves with the milliseconds from connect to close. */
  closed: Promise<number>;
}

/** A socket that connects and never sends a byte. */
function silentSocket(port: number, localAddress = LOOPBACK): Promise<Held> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect({ host: LOOPBACK, port, localAddress });
    const closed = new Promise<number>((r) => socket.once('close', () => r(Date.now() - started)));
    socket.on('error', () => {}); // a reset by the server is an expected close
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('close', () => reject(new Error('closed before connecting')));
  });
}

/** Whether `promise` settles within `ms` (bounded waits only). */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return Promise.race([promise, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref())]);
}

/** One GET over a fresh socket from `localAddress`; the status line's code, or an error. */
function rawGet(port: number, path: string, localAddress = LOOPBACK): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: LOOPBACK, port, localAddress });
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.once('connect', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`));
    socket.once('close', () => {
      const match = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (match) resolve(Number(match[1]));
      else reject(new Error(`no answer: ${JSON.stringify(answer)}`));
    });
  });
}

async function listening(limits: Partial<ConnectionLimits>, trustProxy: string[] | false = false): Promise<{ t: TestApp; port: number }> {
  const t = await createTestApp({ config: { connections: limits, trustProxy } });
  await t.app.listen({ port: 0, host: LOOPBACK });
  return { t, port: (t.app.server.address() as { port: number }).port };
}

describe('idle and excess connections are closed (F12)', { timeout: 60_000 }, () => {
  describe('a socket that never sends a byte', () => {
    let t: TestApp;
    let port: number;
    before(async () => ({ t, port } = await listening({ idleTimeoutMs: 400, headersTimeoutMs: 500 })));
    after(() => t.close());

    test('is closed by the server after the idle timeout, not held open', async () => {
      const held = await Promise.all(Array.from({ length: 5 }, () => silentSocket(port)));
      try {
        const times = await Promise.all(held.map((h) => within(h.closed, 5_000)));
        for (const time of times) {
          assert.notEqual(time, 'timeout', 'still open 5 s later');
          assert.ok((time as number) >= 300, `closed after ${time} ms, not at once`);
        }
      } finally {
        for (const h of held) h.socket.destroy();
      }
    });

    test('headers sent a byte at a time are cut by the headers timeout, though the socket never idles', async () => {
      const slow = await listening({ idleTimeoutMs: 2_000, headersTimeoutMs: 500 });
      try {
        const { socket, closed } = await silentSocket(slow.port);
        const request = 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ' + 'a'.repeat(200);
        let i = 0;
        const drip = setInterval(() => {
          if (!socket.destroyed && i < request.length) socket.write(request[i++]);
        }, 50);
        try {
          const time = await within(closed, 5_000);
          assert.notEqual(time, 'timeout', 'still open 5 s later');
          assert.ok(i < request.length, 'cut before the headers were complete');
          assert.ok((time as number) < 1_900, `cut after ${time} ms: by the headers timeout, before the idle one`);
        } finally {
          clearInterval(drip);
          socket.destroy();
        }
      } finally {
        await slow.t.close();
      }
    });
  });

  describe('connection caps', () => {
    let t: TestApp;
    let port: number;
    before(async () => ({ t, port } = await listening({ idleTimeoutMs: 10_000, maxConnectionsPerClient: 3, maxConnections: 6 })));
    after(() => t.close());

    test('sockets past the per-client cap are closed at once, while another client is still served', async () => {
      const held = await Promise.all(Array.from({ length: 3 }, () => silentSocket(port)));
      try {
        for (let i = 0; i < 3; i += 1) {
          const extra = await silentSocket(port);
          held.push(extra);
          assert.notEqual(await within(extra.closed, 2_000), 'timeout', `extra socket ${i + 1} was kept`);
        }
        await assert.rejects(within(rawGet(port, '/healthz'), 2_000), 'the capped client gets no answer');
        assert.equal(await rawGet(port, '/healthz', OTHER_CLIENT), 200, 'another client is served');
        for (const h of held.slice(0, 3)) assert.equal(h.socket.destroyed, false, 'the first sockets are untouched');
      } finally {
        for (const h of held) h.socket.destroy();
        await Promise.all(held.map((h) => h.closed));
      }
      // Closed sockets free the client's slots.
      assert.equal(await rawGet(port, '/healthz'), 200);
    });

    test('past the total cap, new sockets are closed whoever opens them', async () => {
      const held = [
        ...(await Promise.all(Array.from({ length: 3 }, () => silentSocket(port)))),
        ...(await Promise.all(Array.from({ length: 3 }, () => silentSocket(port, OTHER_CLIENT)))),
      ];
      try {
        const third = await silentSocket(port, '127.0.0.3');
        held.push(third);
        assert.notEqual(await within(third.closed, 2_000), 'timeout', 'a seventh socket was kept');
      } finally {
        for (const h of held) h.socket.destroy();
        await Promise.all(held.map((h) => h.closed));
      }
      assert.equal(await rawGet(port, '/healthz', '127.0.0.3'), 200, 'served again once sockets close');
    });
  });

  test('a listed proxy (TRUST_PROXY) is not capped per client: its sockets carry many clients', async () => {
    const proxied = await listening({ idleTimeoutMs: 10_000, maxConnectionsPerClient: 2 }, [LOOPBACK]);
    const held: Held[] = [];
    try {
      for (let i = 0; i < 4; i += 1) held.push(await silentSocket(proxied.port));
      held.push(...(await Promise.all([1, 2, 3].map(() => silentSocket(proxied.port, OTHER_CLIENT)))));
      assert.equal(await within(held[3].closed, 500), 'timeout', 'the proxy keeps all 4 sockets');
      assert.notEqual(await within(held[6].closed, 2_000), 'timeout', 'an unlisted client is capped at 2');
    } finally {
      for (const h of held) h.socket.destroy();
      await proxied.t.close();
    }
  });

  test('the limits are read from the environment, with defaults of 60 s idle and caps of 1000 and 50', () => {
    const base = { ADMIN_TOKEN, PIN_PEPPER };
    assert.deepEqual(readServerConfig(base, 'production').connections, {
      idleTimeoutMs: 60_000,
      keepAliveTimeoutMs: 5_000,
      headersTimeoutMs: 20_000,
      maxConnections: 1_000,
      maxConnectionsPerClient: 50,
    });
    const set = readServerConfig(
      {
        ...base,
        CONNECTION_TIMEOUT_MS: '30000',
        KEEP_ALIVE_TIMEOUT_MS: '65000',
        HEADERS_TIMEOUT_MS: '10000',
        MAX_CONNECTIONS: '200',
        MAX_CONNECTIONS_PER_CLIENT: '0',
      },
      'production',
    );
    assert.deepEqual(set.connections, {
      idleTimeoutMs: 30_000,
      keepAliveTimeoutMs: 65_000,
      headersTimeoutMs: 10_000,
      maxConnections: 200,
      maxConnectionsPerClient: 0,
    });
    assert.throws(() => readServerConfig({ ...base, CONNECTION_TIMEOUT_MS: '0' }, 'production'), /CONNECTION_TIMEOUT_MS/);
    assert.throws(() => readServerConfig({ ...base, MAX_CONNECTIONS: '-1' }, 'production'), /MAX_CONNECTIONS/);
  });
});
