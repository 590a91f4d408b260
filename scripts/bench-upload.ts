/**
 * Upload throughput and server memory for one large file (performance.md N7): a 512 MiB
 * audio file sent with tus-js-client (Node build, one streamed PATCH) over loopback to the
 * real endpoint in a child process, against `dd if=/dev/zero bs=1M conv=fdatasync` on the
 * same disk, run before and after each upload (and `sync` before every phase, so none pays
 * for another's dirty pages). The upload's time runs from the tus creation
 * to the answer of the final PATCH, so it includes the content check, the fsync, the rename
 * and the database row, as dd's includes its fdatasync. The child samples its RSS every
 * 10 ms; growth is the peak during the upload minus the idle RSS just before it.
 *
 * Goals (N7): throughput ≥ 0.8 × dd, RSS growth < 64 MB. Prints the figures; asserts nothing.
 * Client and server share this machine's cores, as the figures in performance.md did.
 *
 *   npx tsx scripts/bench-upload.ts [--mib 512]
 */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Upload } from 'tus-js-client';

const THIS_FILE = fileURLToPath(import.meta.url);
const MiB = 1024 * 1024;

function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i === -1 ? undefined : Number(process.argv[i + 1]);
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

// ---------------------------------------------------------------------------------------
// Child side: the endpoint on a temp data directory, with room for the benchmark file.
// ---------------------------------------------------------------------------------------

type ToChild = 'baseline' | 'report' | 'stop';
type FromChild = { ready: { port: number; token: string; profileId: number } } | { rss: number; peak: number };

async function serve(dataDir: string): Promise<void> {
  const [{ buildApp }, { systemClock }, { migrate }, { closeDatabase, openDatabase }, { seedDemo }, { createSession }, { newToken, tokenHash }, practices, clients] =
    await Promise.all([
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
  const db = openDatabase(join(dataDir, 'portal.sqlite'));
  migrate(db, systemClock);
  seedDemo(db, systemClock, { origins: [], portalUrl: null });
  // The demo practice's own quota (500 MiB) would refuse the benchmark file.
  db.prepare("UPDATE practices SET upload_quota_bytes = ? WHERE slug = 'lakeside'").run(8192 * MiB);
  const practice = practices.findPracticeBySlug(db, 'lakeside')!;
  const token = newToken();
  const accountId = clients.findAccountByEmail(db, practice.id, 'alex@example.com')!.id;
  const profileId = clients.listAccessibleProfiles(db, practice.id, accountId)[0].id;
  createSession(db, systemClock.now(), {
    practiceId: practice.id,
    accountId,
    tokenHash: tokenHash(token),
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
      rateLimit: { max: 1e9, windowMs: 60_000 },
      trustProxy: false,
      pinPepper: 'b'.repeat(64),
      uploads: { maxBytes: { mp3: 8192 * MiB }, quotaBytes: 8192 * MiB },
    },
    logger: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });

  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const send = (message: FromChild) => process.send?.(message);
  process.on('message', (message: ToChild) => {
    if (message === 'baseline') {
      (globalThis as { gc?: () => void }).gc?.();
      peak = process.memoryUsage.rss();
      send({ rss: peak, peak });
    } else if (message === 'report') {
      send({ rss: process.memoryUsage.rss(), peak });
    } else {
      clearInterval(sampler);
      void app.close().then(() => {
        closeDatabase(db);
        process.exit(0);
      });
    }
  });
  send({ ready: { port: (app.server.address() as { port: number }).port, token, profileId } });
}

// ---------------------------------------------------------------------------------------
// Parent side.
// ---------------------------------------------------------------------------------------

/** A valid MP3 (ID3 tag, two complete Layer III frames) padded with random bytes to `bytes`; returns its SHA-256. */
async function writeSource(path: string, bytes: number): Promise<string> {
  const frame = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413)]);
  const head = Buffer.concat([Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x00', 'latin1'), frame, frame]);
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  const block = randomBytes(MiB); // incompressible, reused: content does not matter past the frames
  for (let written = 0; written < bytes; ) {
    const chunk = written === 0 ? Buffer.concat([head, block.subarray(head.length)]) : block.subarray(0, Math.min(MiB, bytes - written));
    hash.update(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    written += chunk.length;
  }
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
  return hash.digest('hex');
}

/** dd's own figure for writing `mib` MiB with fdatasync into `dir`, in MB/s (10^6). */
function dd(dir: string, mib: number): { seconds: number; mbPerSecond: number } {
  const target = join(dir, 'dd.tmp');
  const started = performance.now();
  const result = spawnSync('dd', ['if=/dev/zero', `of=${target}`, 'bs=1M', `count=${mib}`, 'conv=fdatasync'], { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  rmSync(target, { force: true });
  if (result.status !== 0) throw new Error(`dd failed: ${result.stderr}`);
  const own = /copied, ([\d.]+) s/.exec(result.stderr);
  const ddSeconds = own ? Number(own[1]) : seconds;
  return { seconds: ddSeconds, mbPerSecond: (mib * MiB) / ddSeconds / 1e6 };
}

function startServer(dataDir: string): Promise<{ child: ChildProcess; port: number; token: string; profileId: number }> {
  const child = fork(THIS_FILE, ['--serve', dataDir], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (message: FromChild) => {
      if ('ready' in message) resolve({ child, ...message.ready });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function ask(child: ChildProcess, message: ToChild): Promise<{ rss: number; peak: number }> {
  return new Promise((resolve) => {
    child.once('message', (answer: FromChild) => {
      if ('rss' in answer) resolve(answer);
    });
    child.send(message);
  });
}

/** tus-js-client as a Node client would use it: a file stream, one PATCH (no chunkSize), no retries. */
function tusUpload(endpoint: string, token: string, path: string, size: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const upload = new Upload(createReadStream(path), {
      endpoint,
      uploadSize: size,
      headers: { Authorization: `Bearer ${token}` },
      metadata: { filename: 'session recording.mp3', filetype: 'audio/mpeg' },
      retryDelays: null,
      onError: reject,
      onSuccess: ({ lastResponse }) => resolve({ status: lastResponse.getStatus(), body: String(lastResponse.getBody()) }),
    });
    upload.start();
  });
}

/** A JSON request with the session; the answer's status, headers and parsed body. */
function call(url: string, token: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: unknown }> {
  return new Promise((resolve, reject) => {
    request(url, { method: options.method ?? 'GET', headers: { authorization: `Bearer ${token}`, ...options.headers } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: body ? (JSON.parse(body) as unknown) : undefined }));
    })
      .on('error', reject)
      .end();
  });
}

/**
 * The same upload by hand, as any HTTP client can do it: the tus creation POST, then one
 * PATCH of the whole file streamed by curl (a client written in C, so the client's own
 * cost on these shared cores is small).
 */
async function curlUpload(endpoint: string, token: string, path: string, size: number): Promise<{ status: number; body: string }> {
  const metadata = `filename ${Buffer.from('session recording.mp3').toString('base64')}`;
  const created = await call(endpoint, token, {
    method: 'POST',
    headers: { 'tus-resumable': '1.0.0', 'upload-length': String(size), 'upload-metadata': metadata },
  });
  if (created.status !== 201) throw new Error(`creation answered ${created.status}`);
  const url = new URL(String(created.headers.location), endpoint).href;
  const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
    const curl = spawn('curl', [
      '-sS', '-X', 'PATCH', '-T', path, '-w', '\n%{http_code}',
      '-H', `Authorization: Bearer ${token}`, '-H', 'Tus-Resumable: 1.0.0', '-H', 'Upload-Offset: 0',
      '-H', 'Content-Type: application/offset+octet-stream', '-H', 'Expect:', url,
    ]);
    let stdout = '';
    curl.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    curl.on('close', (code) => resolve({ code, stdout }));
  });
  const lines = result.stdout.trimEnd().split('\n');
  return { status: Number(lines.pop()), body: lines.join('\n') };
}

interface Run {
  client: string;
  status: number;
  seconds: number;
  sha256: string | undefined;
  idleRss: number;
  peakRss: number;
}

/** Flushes every dirty page, so each measured phase starts with the disk idle and pays only for its own writes. */
const sync = () => spawnSync('sync');

async function bench(): Promise<void> {
  const mib = numberArg('mib', 512);
  const size = mib * MiB;
  const dir = mkdtempSync(join(tmpdir(), 'portal-bench-upload-'));
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const sourcePath = join(dir, 'source.mp3');
    const sourceSha = await writeSource(sourcePath, size);
    server = await startServer(join(dir, 'data'));
    const endpoint = `http://127.0.0.1:${server.port}/p/lakeside/profiles/${server.profileId}/uploads`;
    sync();
    // dd, then each client's upload followed by dd again: every upload is compared with the
    // dd runs right before and after it (this shared disk's speed drifts a lot).
    const ddRuns = [dd(dir, mib)];
    const runs: Run[] = [];
    for (const [client, upload] of [
      ['tus-js-client', tusUpload],
      ['curl PATCH', curlUpload],
    ] as const) {
      sync();
      const idle = await ask(server.child, 'baseline');
      const started = performance.now();
      const answer = await upload(endpoint, server.token, sourcePath, size);
      const seconds = (performance.now() - started) / 1000;
      const memory = await ask(server.child, 'report');
      const stored = answer.status === 200 ? (JSON.parse(answer.body) as { file: { sha256: string } }).file : undefined;
      runs.push({ client, status: answer.status, seconds, sha256: stored?.sha256, idleRss: idle.rss, peakRss: memory.peak });
      sync();
      ddRuns.push(dd(dir, mib));
    }

    const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
    const rows: Array<[string, string]> = [
      ['file', `${mib} MiB (${size} bytes), an MP3 (ID3 tag, two frames, random bytes)`],
      ['dd conv=fdatasync, each run', `${ddRuns.map((run) => run.mbPerSecond.toFixed(0)).join(' / ')} MB/s`],
    ];
    runs.forEach((run, i) => {
      const rate = size / run.seconds / 1e6;
      const ddAround = (ddRuns[i].mbPerSecond + ddRuns[i + 1].mbPerSecond) / 2;
      rows.push(
        [`${run.client}`, `${run.status === 200 ? '200 stored' : `answered ${run.status}`}, SHA-256 ${run.sha256 === sourceSha ? 'equals the source' : 'DIFFERS'}`],
        [`  creation → final answer`, `${run.seconds.toFixed(2)} s, ${rate.toFixed(0)} MB/s`],
        [`  ÷ dd before and after (${ddAround.toFixed(0)} MB/s)`, `${(rate / ddAround).toFixed(2)}×  (N7 goal ≥ 0.80×)`],
        [`  server RSS idle → peak`, `${mb(run.idleRss)} → ${mb(run.peakRss)} MB, growth ${((run.peakRss - run.idleRss) / 1e6).toFixed(1)} MB  (N7 goal < 64 MB)`],
      );
    });
    const width = Math.max(...rows.map(([label]) => label.length));
    process.stdout.write(`\nUpload benchmark (N7), ${new Date().toISOString()}\n\n${rows.map(([l, v]) => `  ${l.padEnd(width)}  ${v}`).join('\n')}\n\n`);
  } finally {
    if (server) {
      const exited = new Promise((resolve) => server!.child.once('exit', resolve));
      server.child.send('stop');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt !== -1) {
  await serve(process.argv[serveAt + 1]);
} else {
  await bench();
}
