// The endpoint with the tus client the widget will load (tus-js-client, its Node build here):
// what the browser developer relies on, end to end over real HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DetailedError, Upload, type UploadOptions } from 'tus-js-client';
import { signedIn } from './auth-helpers.js';
import { assertClean, profileIdOf, sha256 } from './files-helpers.js';
import { samplePdf, samplePng } from './files-samples.js';
import { createTestApp, LAKESIDE_ORIGIN, type TestApp } from './helpers.js';

describe('tus-js-client against the endpoint', () => {
  let t: TestApp;
  let endpoint: string;
  let token: string;
  before(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    token = await signedIn(t, 'alex@example.com');
    endpoint = `http://127.0.0.1:${port}/p/lakeside/profiles/${profileIdOf(t.db, 'Alex Morgan')}/uploads`;
  });
  after(() => t.close());

  /** The options the widget would pass: the session header, name and type, no retries in tests. */
  function run(bytes: Buffer, name: string, options: Partial<UploadOptions> = {}) {
    return new Promise<{ status: number; body: unknown; url: string | null }>((resolve, reject) => {
      const upload = new Upload(bytes, {
        endpoint,
        headers: { Authorization: `Bearer ${token}`, Origin: LAKESIDE_ORIGIN },
        metadata: { filename: name, filetype: 'application/octet-stream' },
        retryDelays: null,
        ...options,
        onError: reject,
        onSuccess: ({ lastResponse }) =>
          resolve({ status: lastResponse.getStatus(), body: JSON.parse(String(lastResponse.getBody())), url: upload.url }),
      });
      upload.start();
    });
  }

  test('a completed upload: the last response is 200 with the stored file', async () => {
    const bytes = samplePdf();
    const result = await run(bytes, 'from the widget.pdf', { chunkSize: 200 });
    assert.equal(result.status, 200);
    assert.match(String(result.url), /\/uploads\/[0-9a-f]{32}$/, 'the relative Location resolved against the endpoint');
    const { file } = result.body as { file: { name: string; sha256: string; type: string } };
    assert.deepEqual([file.name, file.type, file.sha256], ['from the widget.pdf', 'pdf', sha256(bytes)]);
  });

  test('a refused upload: onError carries the status and the JSON error code, and tus does not retry it', async () => {
    const error = await run(samplePng(), 'not really.pdf', { retryDelays: [0, 10] }).then(
      () => assert.fail('expected a refusal'),
      (err: unknown) => err as DetailedError,
    );
    assert.equal(error.originalResponse?.getStatus(), 415);
    assert.equal((JSON.parse(String(error.originalResponse?.getBody())) as { error: { code: string } }).error.code, 'unsupported_type');
    assertClean(t, 1);
  });
});
