import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildDemoSite } from '../../server/demo-site.js';
import { tempDir } from './helpers.js';

const ENDPOINT = 'http://localhost:8081/p/lakeside';
const TOKEN = 'a'.repeat(64);

/** A raw GET with the path sent exactly as written (fetch and inject would normalise `..`). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('demo site server', () => {
  const dir = tempDir();
  const demo = join(dir.path, 'demo');
  const dist = join(dir.path, 'dist');
  let site: FastifyInstance;
  let base: string;

  before(async () => {
    mkdirSync(join(demo, 'sub'), { recursive: true });
    mkdirSync(dist);
    writeFileSync(join(demo, 'index.html'), '<meta name="portal-endpoint" content="__PORTAL_ENDPOINT__"><p>__PORTAL_ORIGIN__</p><p>__ADMIN_TOKEN__</p>');
    writeFileSync(join(demo, 'console.html'), '<meta name="portal-admin-token" content="__ADMIN_TOKEN__">');
    writeFileSync(join(demo, 'site.js'), 'console.log("__PORTAL_ENDPOINT__")');
    writeFileSync(join(demo, 'site.css'), 'body{}');
    writeFileSync(join(demo, 'sub', 'index.html'), '<p>sub __PORTAL_ENDPOINT__</p>');
    writeFileSync(join(demo, '.env'), 'SECRET=1');
    writeFileSync(join(dir.path, 'outside.txt'), 'outside');
    symlinkSync(join(dir.path, 'outside.txt'), join(demo, 'escape.txt'));
    writeFileSync(join(dist, 'portal-widgets.js'), 'export const x = 1; import("./chunk-abc.js");');
    writeFileSync(join(dist, 'chunk-abc.js'), 'export default 2;');
    site = await buildDemoSite({ demoDir: demo, distDir: dist, endpointUrl: ENDPOINT, endpointOrigin: 'http://localhost:8081', adminToken: TOKEN, logger: false });
    await site.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(site.server.address() as { port: number }).port}`;
  });
  after(async () => {
    await site.close();
    dir.cleanup();
  });

  test('HTML pages get the endpoint URL and origin; the admin token only in console.html', async () => {
    const index = await rawGet(base, '/');
    assert.equal(index.status, 200);
    assert.match(String(index.headers['content-type']), /^text\/html; charset=utf-8/);
    assert.equal(index.body, `<meta name="portal-endpoint" content="${ENDPOINT}"><p>http://localhost:8081</p><p>__ADMIN_TOKEN__</p>`);
    const consolePage = await rawGet(base, '/console.html');
    assert.equal(consolePage.body, `<meta name="portal-admin-token" content="${TOKEN}">`);
    const sub = await rawGet(base, '/sub/');
    assert.equal(sub.body, `<p>sub ${ENDPOINT}</p>`);
  });

  test('other files are served as they are, with their content type, and no-cache', async () => {
    const js = await rawGet(base, '/site.js');
    assert.equal(js.body, 'console.log("__PORTAL_ENDPOINT__")');
    assert.match(String(js.headers['content-type']), /^text\/javascript/);
    assert.equal(js.headers['cache-control'], 'no-cache');
    assert.equal(js.headers['x-content-type-options'], 'nosniff');
    assert.match(String((await rawGet(base, '/site.css?v=1')).headers['content-type']), /^text\/css/);
  });

  test('the widget bundle and its chunks are served from dist/ under /widgets/', async () => {
    const bundle = await rawGet(base, '/widgets/portal-widgets.js');
    assert.equal(bundle.status, 200);
    assert.match(String(bundle.headers['content-type']), /javascript/);
    assert.equal(bundle.headers['cache-control'], 'no-cache');
    assert.equal((await rawGet(base, '/widgets/chunk-abc.js')).body, 'export default 2;');
  });

  test('a directory without its slash is redirected', async () => {
    const res = await rawGet(base, '/sub');
    assert.equal(res.status, 302);
    assert.equal(res.headers.location, '/sub/');
  });

  for (const path of [
    '/../outside.txt',
    '/%2e%2e/outside.txt',
    '/..%2foutside.txt',
    '/sub/..%2f..%2foutside.txt',
    '/widgets/../../outside.txt',
    '/widgets/%2e%2e/%2e%2e/outside.txt',
    '/.env',
    '/escape.txt',
    '/%00index.html',
    '/nothing.html',
    '/%E0%A4%A',
  ]) {
    test(`no way out of demo/ or dist/: ${path} → 4xx`, async () => {
      const res = await rawGet(base, path);
      assert.ok(res.status >= 400 && res.status < 500, `${path} answered ${res.status}`);
      assert.doesNotMatch(res.body, /outside|SECRET/);
    });
  }

  test('without an admin token (production) console.html keeps the placeholder', async () => {
    const prod = await buildDemoSite({ demoDir: demo, distDir: dist, endpointUrl: ENDPOINT, endpointOrigin: 'http://localhost:8081', logger: false });
    try {
      const res = await prod.inject({ url: '/console.html' });
      assert.equal(res.body, '<meta name="portal-admin-token" content="__ADMIN_TOKEN__">');
    } finally {
      await prod.close();
    }
  });
});
