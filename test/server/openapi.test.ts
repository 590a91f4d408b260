import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { OPENAPI_FILE, renderOpenApi } from '../../scripts/write-openapi.js';
import { createTestApp, type TestApp } from './helpers.js';

type Operation = { operationId?: string; tags?: string[]; security?: unknown[]; summary?: string; responses: Record<string, unknown> };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, { type: string; scheme: string }> } };

describe('OpenAPI document', () => {
  let t: TestApp;
  let served: Document;
  before(async () => {
    t = await createTestApp(); // development mode: dev routes exist but stay out of the document
    served = (await t.app.inject({ url: '/openapi.json' })).json();
  });
  after(() => t.close());

  test('/openapi.json equals the committed docs/openapi.json (run `npm run openapi:write` after changing a route)', () => {
    const committed = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as unknown;
    assert.deepEqual(served, committed);
  });

  test('the committed file is byte-for-byte what the script writes', async () => {
    assert.equal(readFileSync(OPENAPI_FILE, 'utf8'), await renderOpenApi());
  });

  test('OpenAPI 3.1 with both bearer schemes', () => {
    assert.equal(served.openapi, '3.1.0');
    assert.deepEqual(served.components.securitySchemes.bearer?.scheme, 'bearer');
    assert.deepEqual(served.components.securitySchemes.officeBearer?.scheme, 'bearer');
  });

  test('every operation is named, tagged, summarised and says its security; office ones need an office credential', () => {
    const operations = Object.entries(served.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    assert.ok(operations.length >= 3);
    for (const { path, method, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      assert.ok(op.operationId, `${where} operationId`);
      assert.ok(op.tags?.length, `${where} tags`);
      assert.ok(op.summary, `${where} summary`);
      assert.ok(Array.isArray(op.security), `${where} security`);
      if (path.includes('/admin/')) assert.deepEqual(op.security, op.operationId.startsWith('staffSignIn') ? [] : [{ officeBearer: [] }], where);
      assert.ok(Object.keys(op.responses).some((s) => s.startsWith('4')), `${where} documents a 4xx`);
    }
    assert.ok(!Object.keys(served.paths).some((p) => p.startsWith('/dev/')), 'development routes are not in the protocol');
  });
});
