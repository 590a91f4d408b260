// Time limits on request bodies (F12) that do not cut long uploads: every route gets the
// whole-request limit except upload PATCH/POST, which get an idle limit instead.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { installRequestTimeout } from '../../server/plugins/request-timeout.js';
import { signedIn } from './auth-helpers.js';
import { createUpload, profileIdOf } from './files-helpers.js';
import { createTestApp } from './helpers.js';

const LIMIT_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends `chunks` with `gapMs` between them (Content-Length announces them all); resolves
 * with the status, or 'cut' when the server closed the connection first.
 */
function trickleTo(port: number, method: string, path: string, chunks: Buffer[], gapMs: number, headers: Record<string, string>): Promise<number | 'cut'> {
  return new Promise((resolve) => {
    const total = chunks.reduce((n, c) => n + c.length, 0);
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: { ...headers, 'content-length': String(total) } });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve('cut'));
    void (async () => {
      for (const chunk of chunks) {
        if (req.destroyed) return;
        req.write(chunk);
        await sleep(gapMs);
      }
      if (!req.destroyed) req.end();
    })();
  });
}

describe('request time limits', () => {
  const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  let port = 0;
  before(async () => {
    installRequestTimeout(app, LIMIT_MS);
    app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
    app.post('/json', async (request) => ({ got: request.body }));
    app.patch('/upload', { config: { streamedBody: { idleTimeoutMs: LIMIT_MS } } }, async (request) => {
      let bytes = 0;
      for await (const chunk of request.raw as AsyncIterable<Buffer>) bytes += chunk.length;
      return { bytes };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  });
  after(() => app.close());

  const trickle = (method: string, path: string, contentType: string, chunks: Buffer[], gapMs: number) =>
    trickleTo(port, method, path, chunks, gapMs, { 'content-type': contentType });

  test('a JSON body still arriving after the limit is cut', async () => {
    const body = Buffer.from(JSON.stringify({ a: 'x'.repeat(100) }));
    const result = await trickle('POST', '/json', 'application/json', [body.subarray(0, 10), body.subarray(10, 20), body.subarray(20)], LIMIT_MS);
    assert.equal(result, 'cut');
  });

  test('a prompt JSON body is answered', async () => {
    assert.equal(await trickle('POST', '/json', 'application/json', [Buffer.from('{"a":1}')], 0), 200);
  });

  test('an upload streaming for three times the limit, a chunk every third of it, completes', async () => {
    const chunks = Array.from({ length: 9 }, () => Buffer.alloc(1000, 7));
    assert.equal(await trickle('PATCH', '/upload', 'application/offset+octet-stream', chunks, LIMIT_MS / 3), 200);
  });

  test('an upload idle for longer than its idle limit is cut', async () => {
    const chunks = [Buffer.alloc(10), Buffer.alloc(10)];
    assert.equal(await trickle('PATCH', '/upload', 'application/offset+octet-stream', chunks, LIMIT_MS * 2), 'cut');
  });

  test('the portal app: Node’s whole-request timeout is off (this hook replaces it), upload PATCHes get the idle limit', async () => {
    const t = await createTestApp({ config: { uploads: { idleTimeoutMs: LIMIT_MS } } });
    try {
      assert.equal(t.app.server.requestTimeout, 0);
      assert.ok(t.app.server.headersTimeout > 0, 'slow headers are still cut by Node');
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const appPort = (t.app.server.address() as { port: number }).port;
      const token = await signedIn(t, 'alex@example.com');
      const created = await createUpload(t, token, profileIdOf(t.db, 'Alex Morgan'), { name: 'slow.csv', length: 9000 });
      const patch = (chunks: Buffer[], gapMs: number, offset: number) =>
        trickleTo(appPort, 'PATCH', String(created.headers.location), chunks, gapMs, {
          authorization: `Bearer ${token}`,
          'tus-resumable': '1.0.0',
          'upload-offset': String(offset),
          'content-type': 'application/offset+octet-stream',
        });
      const steady = Array.from({ length: 6 }, () => Buffer.alloc(1000, 0x61));
      assert.equal(await patch(steady, LIMIT_MS / 3, 0), 204, 'slow but steady: twice the idle limit in total');
      assert.equal(await patch([Buffer.alloc(100, 0x61), Buffer.alloc(100, 0x61)], LIMIT_MS * 2, 6000), 'cut', 'stalled');
    } finally {
      await t.close();
    }
  });
});
