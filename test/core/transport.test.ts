import { expect } from '@open-wc/testing';
import { KEEPALIVE_MAX_BYTES, createFetchTransport } from '../../src/core/api/transport.js';
import { PortalApiError } from '../../src/core/api/errors.js';

type Call = { url: string; init: RequestInit };

function fakeFetch(...answers: Array<Response | Error | ((init: RequestInit) => Promise<Response>)>) {
  const calls: Call[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.length > 1 ? answers.shift()! : answers[0];
    if (next instanceof Error) throw next;
    if (typeof next === 'function') return next(init);
    return next.clone();
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const errorBody = (code: string, fields?: Record<string, string>) => ({ error: { code, message: 'dev text', fields } });

async function rejection(promise: Promise<unknown>): Promise<PortalApiError> {
  try {
    await promise;
  } catch (error) {
    return error as PortalApiError;
  }
  throw new Error('expected a rejection');
}

describe('createFetchTransport', () => {
  it('sends JSON with the token, the locale and an idempotency key, and no credentials', async () => {
    const { fetch, calls } = fakeFetch(json(201, { ok: true }));
    const transport = createFetchTransport({
      baseUrl: 'https://portal.test/p/a/',
      fetch,
      getToken: () => 'tok',
      getLocale: () => 'es',
    });
    const result = await transport.send({ method: 'POST', path: '/things', body: { a: 1 }, idempotencyKey: 'k1' });
    expect(result).to.deep.equal({ ok: true });
    expect(calls[0].url).to.equal('https://portal.test/p/a/things');
    const headers = calls[0].init.headers as Record<string, string>;
    expect(headers.Authorization).to.equal('Bearer tok');
    expect(headers['Accept-Language']).to.equal('es');
    expect(headers['Idempotency-Key']).to.equal('k1');
    expect(headers['Content-Type']).to.equal('application/json');
    expect(calls[0].init.body).to.equal('{"a":1}');
    expect(calls[0].init.credentials).to.equal('omit');
  });

  it('asks fetch for keepalive when the request wants it, and only then', async () => {
    const { fetch, calls } = fakeFetch(new Response(null, { status: 204 }));
    const transport = createFetchTransport({ baseUrl: 'https://portal.test/p/a', fetch, getToken: () => 'tok' });
    await transport.send({ method: 'PUT', path: '/forms/contact/draft', body: { answers: { city: 'Springfield' } }, keepalive: true });
    await transport.send({ method: 'PUT', path: '/forms/contact/draft', body: { answers: {} } });
    expect(calls[0].init.keepalive).to.equal(true);
    expect(calls[0].init.body).to.equal('{"answers":{"city":"Springfield"}}');
    expect(calls[1].init.keepalive).to.equal(undefined);
  });

  it('sends a keepalive body over 64 KB as an ordinary request, which the browser would refuse otherwise', async () => {
    const { fetch, calls } = fakeFetch(new Response(null, { status: 204 }));
    const transport = createFetchTransport({ baseUrl: 'https://portal.test/p/a', fetch });
    // 64 KiB exactly still goes with keepalive; a byte more does not (bytes, not characters: "é" is 2).
    const exact = 'x'.repeat(KEEPALIVE_MAX_BYTES - '{"a":""}'.length);
    await transport.send({ method: 'PUT', path: '/d', body: { a: exact }, keepalive: true });
    await transport.send({ method: 'PUT', path: '/d', body: { a: exact.slice(1) + 'é' }, keepalive: true });
    expect((calls[0].init.body as string).length).to.equal(KEEPALIVE_MAX_BYTES);
    expect(calls[0].init.keepalive).to.equal(true);
    expect(calls[1].init.keepalive).to.equal(undefined);
    expect(calls[1].init.body).to.be.a('string');
  });

  it('keepalive reaches the real fetch: the browser accepts it and answers', async () => {
    const seen: RequestInit[] = [];
    const real = globalThis.fetch.bind(globalThis);
    const spy = ((input: RequestInfo | URL, init: RequestInit) => {
      seen.push(init);
      return real(input, init);
    }) as typeof globalThis.fetch;
    // The test runner's own server answers 404 for this path: what matters is that fetch took it.
    const transport = createFetchTransport({ baseUrl: location.origin, fetch: spy });
    const error = await rejection(transport.send({ method: 'PUT', path: '/__keepalive-probe__', body: { a: 1 }, keepalive: true }));
    expect(error.status).to.be.a('number');
    expect(seen[0].keepalive).to.equal(true);
  });

  it('sends a GET without a token as a simple request (no Authorization, no Content-Type)', async () => {
    const { fetch, calls } = fakeFetch(json(200, {}));
    await createFetchTransport({ baseUrl: 'https://portal.test/p/a', fetch }).send({ method: 'GET', path: '/info' });
    const headers = calls[0].init.headers as Record<string, string>;
    expect(headers).to.not.have.property('Authorization');
    expect(headers).to.not.have.property('Content-Type');
  });

  const cases: Array<[number, string | undefined, string]> = [
    [400, 'validation', 'validation'],
    [401, 'unauthorized', 'unauthorized'],
    [401, 'session_expired', 'session_expired'],
    [403, 'forbidden', 'forbidden'],
    [404, 'not_found', 'not_found'],
    [409, 'conflict', 'conflict'],
    [413, 'payload_too_large', 'payload_too_large'],
    [415, 'unsupported_media_type', 'unsupported_type'],
    [422, undefined, 'validation'],
    [500, 'server', 'server'],
    [418, undefined, 'server'],
  ];
  for (const [status, reason, code] of cases) {
    it(`maps HTTP ${status}${reason ? ` (${reason})` : ''} to "${code}"`, async () => {
      const { fetch } = fakeFetch(json(status, reason ? errorBody(reason) : {}));
      const error = await rejection(createFetchTransport({ baseUrl: 'https://p.test', fetch }).send({ method: 'POST', path: '/x' }));
      expect(error).to.be.instanceOf(PortalApiError);
      expect(error.code).to.equal(code);
      expect(error.status).to.equal(status);
      expect(error.message).to.not.contain('dev text');
    });
  }

  it('answers a file download as a Blob, with the token, and errors still as codes', async () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46]);
    const { fetch, calls } = fakeFetch(new Response(bytes, { status: 200, headers: { 'Content-Type': 'application/pdf' } }));
    const transport = createFetchTransport({ baseUrl: 'https://portal.test/p/a', fetch, getToken: () => 'tok' });
    const blob = await transport.send<Blob>({ method: 'GET', path: '/profiles/1/files/2', responseType: 'blob' });
    expect(blob).to.be.instanceOf(Blob);
    expect(blob.type).to.equal('application/pdf');
    expect([...new Uint8Array(await blob.arrayBuffer())]).to.deep.equal([...bytes]);
    const headers = calls[0].init.headers as Record<string, string>;
    expect(headers.Authorization).to.equal('Bearer tok');
    expect(headers.Accept).to.equal('*/*');
    const missing = fakeFetch(json(404, errorBody('not_found')));
    const refused = createFetchTransport({ baseUrl: 'https://portal.test/p/a', fetch: missing.fetch, retries: 0 });
    expect((await rejection(refused.send({ method: 'GET', path: '/x', responseType: 'blob' }))).code).to.equal('not_found');
  });

  it('keeps per-field validation codes and the server reason', async () => {
    const { fetch } = fakeFetch(json(400, errorBody('validation', { email: 'invalid' })));
    const error = await rejection(createFetchTransport({ baseUrl: 'https://p.test', fetch }).send({ method: 'POST', path: '/x' }));
    expect(error.fields).to.deep.equal({ email: 'invalid' });
    expect(error.reason).to.equal('validation');
  });

  it('reads Retry-After on 429', async () => {
    const { fetch } = fakeFetch(json(429, errorBody('rate_limited'), { 'Retry-After': '42' }));
    const error = await rejection(createFetchTransport({ baseUrl: 'https://p.test', fetch }).send({ method: 'POST', path: '/x' }));
    expect(error.code).to.equal('rate_limited');
    expect(error.retryAfter).to.equal(42);
  });

  it('copes with a non-JSON error page', async () => {
    const { fetch } = fakeFetch(new Response('<html>Bad gateway</html>', { status: 502 }));
    const error = await rejection(
      createFetchTransport({ baseUrl: 'https://p.test', fetch, retries: 0 }).send({ method: 'GET', path: '/x' }),
    );
    expect(error.code).to.equal('server');
  });

  it('retries a safe GET twice after network failures, then succeeds', async () => {
    const { fetch, calls } = fakeFetch(new TypeError('Failed to fetch'), json(503, {}), json(200, { n: 1 }));
    const transport = createFetchTransport({ baseUrl: 'https://p.test', fetch, retryDelayMs: 1 });
    expect(await transport.send({ method: 'GET', path: '/x' })).to.deep.equal({ n: 1 });
    expect(calls).to.have.length(3);
  });

  it('gives up on a GET after two retries with "network"', async () => {
    const { fetch, calls } = fakeFetch(new TypeError('Failed to fetch'));
    const error = await rejection(
      createFetchTransport({ baseUrl: 'https://p.test', fetch, retryDelayMs: 1 }).send({ method: 'GET', path: '/x' }),
    );
    expect(error.code).to.equal('network');
    expect(calls).to.have.length(3);
  });

  it('never retries a POST', async () => {
    const { fetch, calls } = fakeFetch(new TypeError('Failed to fetch'));
    const error = await rejection(
      createFetchTransport({ baseUrl: 'https://p.test', fetch, retryDelayMs: 1 }).send({ method: 'POST', path: '/x' }),
    );
    expect(error.code).to.equal('network');
    expect(calls).to.have.length(1);
  });

  it('does not retry a 4xx', async () => {
    const { fetch, calls } = fakeFetch(json(404, errorBody('not_found')));
    await rejection(createFetchTransport({ baseUrl: 'https://p.test', fetch, retryDelayMs: 1 }).send({ method: 'GET', path: '/x' }));
    expect(calls).to.have.length(1);
  });

  it('times out with "timeout"', async () => {
    const hang = (init: RequestInit) =>
      new Promise<Response>((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)));
    const { fetch } = fakeFetch(hang);
    const error = await rejection(
      createFetchTransport({ baseUrl: 'https://p.test', fetch, timeoutMs: 20, retries: 0 }).send({ method: 'GET', path: '/x' }),
    );
    expect(error.code).to.equal('timeout');
  });

  it("passes the caller's abort through as an abort, not a portal error", async () => {
    const hang = (init: RequestInit) =>
      new Promise<Response>((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)));
    const { fetch } = fakeFetch(hang);
    const controller = new AbortController();
    const pending = createFetchTransport({ baseUrl: 'https://p.test', fetch }).send({
      method: 'GET',
      path: '/x',
      signal: controller.signal,
    });
    controller.abort(new DOMException('stop', 'AbortError'));
    const error = (await rejection(pending)) as unknown as DOMException;
    expect(error).to.not.be.instanceOf(PortalApiError);
    expect(error.name).to.equal('AbortError');
  });

  it('reports a 401 to onUnauthorized only when a token was sent', async () => {
    const seen: string[] = [];
    const { fetch } = fakeFetch(json(401, errorBody('session_expired')));
    let token: string | undefined = 'tok';
    const transport = createFetchTransport({
      baseUrl: 'https://p.test',
      fetch,
      getToken: () => token,
      onUnauthorized: (e) => seen.push(e.code),
    });
    await rejection(transport.send({ method: 'POST', path: '/x' }));
    token = undefined;
    await rejection(transport.send({ method: 'POST', path: '/x' }));
    expect(seen).to.deep.equal(['session_expired']);
  });
});
