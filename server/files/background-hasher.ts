import { Worker } from 'node:worker_threads';

/**
 * The worker's code, plain CommonJS run with `eval`, so it needs no TypeScript loader or
 * build step in any environment the server runs in. It keeps one SHA-256 state per upload
 * and advances it by reading the upload's partial file from its own offset up to a length
 * the main thread says is written; reads come from the page cache the write just filled.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const states = new Map();
const buffer = Buffer.allocUnsafe(1024 * 1024);
function advance(id, path, upTo) {
  let state = states.get(id);
  if (!state) {
    state = { hash: createHash('sha256'), offset: 0 };
    states.set(id, state);
  }
  if (state.offset >= upTo) return state;
  const fd = openSync(path, 'r');
  try {
    while (state.offset < upTo) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, upTo - state.offset), state.offset);
      if (n === 0) throw new Error('short read');
      state.hash.update(buffer.subarray(0, n));
      state.offset += n;
    }
  } finally {
    closeSync(fd);
  }
  return state;
}
parentPort.on('message', (m) => {
  try {
    if (m.type === 'advance') advance(m.id, m.path, m.upTo);
    else if (m.type === 'forget') states.delete(m.id);
    else {
      const state = advance(m.id, m.path, m.size);
      states.delete(m.id);
      parentPort.postMessage({ ask: m.ask, digest: state.offset === m.size ? state.hash.digest('hex') : undefined });
    }
  } catch {
    states.delete(m.id);
    if (m.type === 'digest') parentPort.postMessage({ ask: m.ask, digest: undefined });
  }
});
`;

type ToWorker =
  | { type: 'advance'; id: string; path: string; upTo: number }
  | { type: 'forget'; id: string }
  | { type: 'digest'; id: string; path: string; size: number; ask: number };

/**
 * SHA-256 of uploads computed while they are written (R56), on a worker thread. Hashing on
 * the main thread would cost about a third of its time during a large upload (SHA-256 runs
 * near 1 GB/s here) and slow every upload and request with it; the worker trails the writer
 * instead and is usually done when the last byte lands. Because it hashes what is on disk,
 * the digest is of the stored bytes whatever happened in between: dropped connections,
 * resumed PATCHes, a server restart (a new worker then starts from byte 0). If the worker is
 * gone, `digest` answers undefined and the caller hashes the file itself.
 */
export class BackgroundHasher {
  #worker: Worker | undefined;
  #failed = false;
  readonly #asks = new Map<number, (digest: string | undefined) => void>();
  #nextAsk = 0;

  /** Bytes [0, upTo) of the upload's file are written: hash them when there is time. */
  advance(id: string, path: string, upTo: number): void {
    this.#post({ type: 'advance', id, path, upTo });
  }

  forget(id: string): void {
    if (this.#worker) this.#post({ type: 'forget', id });
  }

  /** The hex SHA-256 of bytes [0, size) of the upload's file; undefined if the worker could not tell. */
  digest(id: string, path: string, size: number): Promise<string | undefined> {
    const ask = this.#nextAsk++;
    return new Promise((resolve) => {
      this.#asks.set(ask, resolve);
      if (!this.#post({ type: 'digest', id, path, size, ask })) this.#answer(ask, undefined);
    });
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#failed = true;
    if (worker) await worker.terminate();
    for (const ask of [...this.#asks.keys()]) this.#answer(ask, undefined);
  }

  #post(message: ToWorker): boolean {
    const worker = this.#start();
    if (!worker) return false;
    worker.postMessage(message);
    return true;
  }

  /** The worker, started on first use (most apps, tests included, never hash anything). */
  #start(): Worker | undefined {
    if (this.#worker || this.#failed) return this.#worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    worker.on('message', (message: { ask: number; digest: string | undefined }) => this.#answer(message.ask, message.digest));
    const fail = () => {
      this.#failed = true;
      this.#worker = undefined;
      for (const ask of [...this.#asks.keys()]) this.#answer(ask, undefined);
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    this.#worker = worker;
    return worker;
  }

  #answer(ask: number, digest: string | undefined): void {
    const resolve = this.#asks.get(ask);
    this.#asks.delete(ask);
    resolve?.(digest);
  }
}
