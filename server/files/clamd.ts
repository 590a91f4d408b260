import { createReadStream } from 'node:fs';
import { connect, type Socket } from 'node:net';

/** Where clamd listens: a unix socket (`CLAMD_SOCKET`) or a loopback TCP port (`CLAMD_HOST`/`CLAMD_PORT`). */
export type ClamdTarget = { socket: string } | { host: string; port: number };

export type ScanVerdict = { infected: false } | { infected: true; signature: string };

/** clamd could not give a verdict: not reachable, timed out, or answered with an error. The file stays pending. */
export class ScannerUnavailable extends Error {
  override name = 'ScannerUnavailable';
}

/** clamd's own default StreamMaxLength is 25 MiB; chunks are far smaller than any limit. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Scans one file with clamd's INSTREAM command (R52): `zINSTREAM\0`, then the bytes as chunks
 * each prefixed with its length (4 bytes, big-endian), then a zero-length chunk. clamd answers
 * one NUL-terminated line: `stream: OK`, `stream: <signature> FOUND`, or `… ERROR` (for example
 * `INSTREAM size limit exceeded`). Anything but OK or FOUND, and any socket error or timeout,
 * throws ScannerUnavailable: the caller keeps the file pending and tries again later.
 */
export async function clamdScanFile(target: ClamdTarget, path: string, timeoutMs: number): Promise<ScanVerdict> {
  const socket = 'socket' in target ? connect(target.socket) : connect(target.port, target.host);
  socket.setTimeout(timeoutMs);
  const reply = readReply(socket);
  reply.catch(() => undefined); // awaited below, or not at all when the writes fail first
  try {
    await once(socket, 'connect');
    await write(socket, Buffer.from('zINSTREAM\0', 'latin1'));
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(chunk.length);
      await write(socket, Buffer.concat([length, chunk]));
    }
    await write(socket, Buffer.alloc(4));
    return parseReply(await reply);
  } catch (error) {
    // clamd may answer (size limit) and close while we still write: its answer says more.
    const answer = await Promise.race([reply, Promise.resolve(undefined)]).catch(() => undefined);
    if (answer !== undefined) return parseReply(answer);
    throw error instanceof ScannerUnavailable ? error : new ScannerUnavailable(`clamd: ${(error as Error).message}`);
  } finally {
    socket.destroy();
  }
}

export function parseReply(line: string): ScanVerdict {
  const text = line.replace(/\0+$/, '').trim();
  if (text === 'stream: OK') return { infected: false };
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found) return { infected: true, signature: found[1].replace(/\.UNOFFICIAL$/, '') };
  throw new ScannerUnavailable(`clamd answered: ${text.slice(0, 200)}`);
}

function readReply(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    socket.on('data', (data: Buffer) => {
      parts.push(data);
      size += data.length;
      if (data.includes(0) || size > 4096) resolve(Buffer.concat(parts).toString('latin1'));
    });
    socket.on('end', () => (size > 0 ? resolve(Buffer.concat(parts).toString('latin1')) : reject(new ScannerUnavailable('clamd closed the connection without an answer'))));
    socket.on('timeout', () => reject(new ScannerUnavailable('clamd timed out')));
    socket.on('error', (err) => reject(new ScannerUnavailable(`clamd: ${err.message}`)));
    socket.on('close', () => reject(new ScannerUnavailable('clamd closed the connection')));
  });
}

function once(socket: Socket, event: 'connect'): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once(event, () => resolve());
    socket.once('error', reject);
    socket.once('timeout', () => reject(new ScannerUnavailable('clamd timed out')));
  });
}

function write(socket: Socket, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.destroyed || !socket.writable) {
      reject(new ScannerUnavailable('clamd closed the connection'));
      return;
    }
    socket.write(bytes, (err) => (err ? reject(err) : resolve()));
  });
}
