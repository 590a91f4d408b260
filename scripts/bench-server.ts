/**
 * Server latency and throughput against a bare Fastify route (performance.md N3, N6).
 *
 * Starts two servers in two child processes on 127.0.0.1: the real portal endpoint (temp
 * SQLite file, migrated and seeded, production mode, logging off) and a bare Fastify `GET /`.
 * For each: a warm-up, then a closed-loop client with microsecond timing (keep-alive,
 * 10 connections) for p50/p99/p99.9, then autocannon (10 connections) for req/s. Measured:
 * a public read (`GET /info`), an authenticated read (`GET /auth/session` with a bearer
 * session: the session check restarts the idle timer and the read is audited, so each call
 * is two small writes), and bare Fastify. Prints the figures and the ratios; asserts nothing. Client and servers share this machine's cores,
 * so read the ratios, not the absolute numbers.
 *
 *   npx tsx scripts/bench-server.ts [--seconds 5] [--warmup 2] [--connections 10]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const THIS_FILE = fileURLToPath(import.meta.url);
const ALLOWED_ORIGIN = 'http://localhost:8080';

function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i === -1 ? undefined : Number(process.argv[i + 1]);
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

// ---------------------------------------------------------------------------------------
// Child side: serve one target and print its port.
// ---------------------------------------------------------------------------------------

async function serveApp(): Promise<void> {
  const [
    { buildApp },
    { systemClock },
    { migrate },
    { closeDatabase, openDatabase },
    { seedDemo },
    { createSession },
    { newToken, tokenHash },
    { findPracticeBySlug },
    { findAccountByEmail },
  ] = await Promise.all([
    import('../server/app.js'),
    import('../server/clock.js'),
    import('../server/db/migrate.js'),
    import('../server/db/open.js'),
    import('../server/seed/demo.js'),
    import('../server/repos/sessions.js'),
    import('../server/auth/secrets.js'),
    import('../server/repos/practices.js'),
    import('../server/repos/clients.js'),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'portal-bench-'));
  const db = openDatabase(join(dir, 'portal.sqlite'));
  migrate(db, systemClock);
  seedDemo(db, systemClock, { origins: [ALLOWED_ORIGIN], portalUrl: null });
  // A signed-in client for the authenticated read, as a PIN or link sign-in would leave it.
  const practice = findPracticeBySlug(db, 'lakeside')!;
  const sessionToken = newToken();
  createSession(db, systemClock.now(), {
    practiceId: practice.id,
    accountId: findAccountByEmail(db, practice.id, 'alex@example.com')!.id,
    tokenHash: tokenHash(sessionToken),
    method: 'pin',
    idleTimeoutSeconds: practice.idleTimeoutSeconds,
    absoluteTimeoutSeconds: practice.absoluteTimeoutSeconds,
  });
  const app = await buildApp({
    db,
    clock: systemClock,
    config: {
      mode: 'production',
      adminToken: 'b'.repeat(64),
      bodyLimitBytes: 100 * 1024,
      // The limiter still runs on every request (its cost is measured); it just never trips.
      rateLimit: { max: 1e9, windowMs: 60_000 },
      trustProxy: false,
      pinPepper: 'b'.repeat(64),
    },
    logger: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`READY ${(app.server.address() as { port: number }).port} ${sessionToken}\n`);
  process.on('SIGTERM', () => {
    void app.close().then(() => {
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

async function serveBare(): Promise<void> {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  app.get('/', (_request, reply) => {
    void reply.send({ hello: 'world' });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`READY ${(app.server.address() as { port: number }).port}\n`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

// ---------------------------------------------------------------------------------------
// Parent side: start the children, measure, print.
// ---------------------------------------------------------------------------------------

function startChild(kind: 'app' | 'bare'): Promise<{ child: ChildProcess; port: number; token: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', THIS_FILE, '--serve', kind], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\d+)(?: (\S+))?\n/.exec(out);
      if (match) resolve({ child, port: Number(match[1]), token: match[2] ?? '' });
    });
    child.on('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

interface LatencyResult {
  requests: number;
  non2xx: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  p999: number;
}

/** `connections` loops, each sending the next request when the last answer ends; µs timing. */
async function closedLoop(url: string, headers: Record<string, string>, connections: number, seconds: number): Promise<LatencyResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const samples: number[] = [];
  let non2xx = 0;
  const stopAt = performance.now() + seconds * 1000;
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = request(url, { agent, headers }, (res) => {
        if ((res.statusCode ?? 0) >= 300) non2xx += 1;
        res.resume();
        res.on('end', () => {
          samples.push(Number(process.hrtime.bigint() - started) / 1000);
          resolve();
        });
      });
      req.on('error', reject);
      req.end();
    });
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < stopAt) await once();
    }),
  );
  const elapsed = (performance.now() - startedAt) / 1000;
  agent.destroy();
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
  return { requests: samples.length, non2xx, reqPerSec: samples.length / elapsed, p50: at(0.5) / 1000, p99: at(0.99) / 1000, p999: at(0.999) / 1000 };
}

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; headers?: Record<string, string> }) => Promise<AutocannonResult>;

async function throughput(url: string, headers: Record<string, string>, connections: number, seconds: number): Promise<AutocannonResult> {
  // autocannon ships no type declarations; this is the slice of its API used here.
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  return autocannon({ url, connections, duration: seconds, headers });
}

async function measure(label: string, url: string, headers: Record<string, string>, options: { seconds: number; warmup: number; connections: number }) {
  process.stderr.write(`${label}: warming up ${options.warmup}s, then ${options.seconds}s µs client + ${options.seconds}s autocannon…\n`);
  await closedLoop(url, headers, options.connections, options.warmup);
  const latency = await closedLoop(url, headers, options.connections, options.seconds);
  const cannon = await throughput(url, headers, options.connections, options.seconds);
  return { label, latency, cannon };
}

const fmt = (n: number, digits = 3) => n.toFixed(digits);

async function main(): Promise<void> {
  const options = { seconds: numberArg('seconds', 5), warmup: numberArg('warmup', 2), connections: numberArg('connections', 10) };
  const [app, bare] = await Promise.all([startChild('app'), startChild('bare')]);
  try {
    const appRun = await measure('GET /p/lakeside/info', `http://127.0.0.1:${app.port}/p/lakeside/info`, { origin: ALLOWED_ORIGIN }, options);
    const sessionRun = await measure(
      'GET /p/lakeside/auth/session (bearer)',
      `http://127.0.0.1:${app.port}/p/lakeside/auth/session`,
      { origin: ALLOWED_ORIGIN, authorization: `Bearer ${app.token}` },
      options,
    );
    const bareRun = await measure('bare fastify GET /', `http://127.0.0.1:${bare.port}/`, {}, options);

    console.log(`\nServer benchmark: ${options.connections} keep-alive connections, ${options.seconds}s per measurement after ${options.warmup}s warm-up, loopback, Node ${process.version}\n`);
    console.log('| endpoint | µs client p50 / p99 / p99.9 (ms) | µs client req/s | autocannon req/s | autocannon p50 / p99 (ms) | non-2xx |');
    console.log('|---|---|---:|---:|---|---:|');
    for (const run of [appRun, sessionRun, bareRun]) {
      const l = run.latency;
      const c = run.cannon;
      console.log(
        `| ${run.label} | ${fmt(l.p50)} / ${fmt(l.p99)} / ${fmt(l.p999)} | ${Math.round(l.reqPerSec)} | ${Math.round(c.requests.average)} | ${c.latency.p50} / ${c.latency.p99} | ${l.non2xx + c.non2xx} |`,
      );
    }
    const p99Ratio = appRun.latency.p99 / bareRun.latency.p99;
    const rpsRatio = appRun.cannon.requests.average / bareRun.cannon.requests.average;
    console.log(`\nN3  p99 info / p99 bare = ${fmt(p99Ratio, 2)}× (goal ≤ 3×)`);
    console.log(`N6  req/s info / req/s bare = ${fmt(rpsRatio, 3)}× (goal ≥ 0.15×, and ≥ 5,000 req/s absolute: ${Math.round(appRun.cannon.requests.average)})`);
    console.log(
      `    authenticated read: p99 session / p99 bare = ${fmt(sessionRun.latency.p99 / bareRun.latency.p99, 2)}×, ` +
        `req/s session / req/s bare = ${fmt(sessionRun.cannon.requests.average / bareRun.cannon.requests.average, 3)}× ` +
        '(each call restarts the idle timer and writes one audit record)',
    );
  } finally {
    app.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
  }
}

const serveIndex = process.argv.indexOf('--serve');
if (serveIndex !== -1) {
  const kind = process.argv[serveIndex + 1];
  await (kind === 'app' ? serveApp() : serveBare());
} else {
  await main();
}
