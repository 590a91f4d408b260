// A real clamd for the malware-scanning tests (R52): a temp config (unix socket and a
// loopback TCP port), Foreground, and a one-line custom database that detects the EICAR test
// file, so it starts in about a second without the official signatures (no freshclam).
// Missing clamd fails the tests with a clear message: nothing is skipped (.ci/run installs it).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The 68-byte EICAR anti-virus test file (eicar.org): harmless, detected by every scanner. */
export const EICAR = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*', 'latin1');

const CLAMD_PATHS = ['/usr/sbin/clamd', '/usr/bin/clamd', '/usr/local/sbin/clamd', '/opt/homebrew/sbin/clamd'];

export function clamdBinary(): string {
  const found = CLAMD_PATHS.find((path) => existsSync(path)) ?? whichClamd();
  if (!found) {
    throw new Error(
      'clamd is not installed, and the malware-scanning tests (R52) need it: install it (Debian/Ubuntu: `apt-get install -y clamav-daemon`; ' +
        'macOS: `brew install clamav`). The tests start their own clamd with a tiny test database; do not run freshclam.',
    );
  }
  return found;
}

function whichClamd(): string | undefined {
  const result = spawnSync('sh', ['-c', 'command -v clamd'], { encoding: 'utf8' });
  const path = result.stdout.trim();
  return result.status === 0 && path ? path : undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Clamd {
  socket: string;
  host: string;
  port: number;
  /** Stops clamd (the socket goes away): the "scanner down" case. */
  stop(): Promise<void>;
  /** Starts it again on the same socket and port. */
  start(): Promise<void>;
  /** Stops clamd and removes its folder. */
  close(): Promise<void>;
}

export async function startClamd(): Promise<Clamd> {
  const binary = clamdBinary();
  const dir = mkdtempSync(join(tmpdir(), 'portal-clamd-'));
  const db = join(dir, 'db');
  mkdirSync(db);
  // A body signature (.ndb, target 0 = any file): the EICAR bytes anywhere in the stream.
  writeFileSync(join(db, 'portal-test.ndb'), `Eicar-Test-Signature:0:*:${EICAR.toString('hex')}\n`);
  const socket = join(dir, 'clamd.sock');
  const port = await freePort();
  const config = join(dir, 'clamd.conf');
  writeFileSync(
    config,
    [`LocalSocket ${socket}`, `TCPSocket ${port}`, 'TCPAddr 127.0.0.1', 'Foreground yes', `DatabaseDirectory ${db}`, `LogFile ${join(dir, 'clamd.log')}`, ''].join('\n'),
  );
  let child: ChildProcess | undefined;

  const start = async () => {
    if (child && child.exitCode === null) return;
    let output = '';
    const proc = spawn(binary, ['-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 20_000;
    while (!existsSync(socket)) {
      if (proc.exitCode !== null) throw new Error(`clamd exited (${proc.exitCode}) before listening:\n${output}`);
      if (Date.now() > deadline) throw new Error(`clamd did not create ${socket} within 20 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    await exited;
    rmSync(socket, { force: true });
  };
  await start();
  return {
    socket,
    host: '127.0.0.1',
    port,
    stop,
    start,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
