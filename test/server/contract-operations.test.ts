// The contract's table of operations is the protocol: every route is one of its operations,
// and every public PortalClient method calls exactly one of them (issue 17).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isOfficePermission, isProfilePermission } from '../../src/contract/operation.js';
import { OPERATIONS } from '../../src/contract/operations/index.js';
import { PortalClient } from '../../src/core/api/client.js';
import { createTestApp, type TestApp } from './helpers.js';

/** The public methods of PortalClient (`#private` ones are not on the prototype). */
const CLIENT_METHODS = Object.getOwnPropertyNames(PortalClient.prototype).filter(
  (name) => name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(PortalClient.prototype, name)?.value === 'function',
);

/** `/p/:practice/profiles/:profileId` → `/p/{practice}/profiles/{profileId}`, as OpenAPI writes paths. */
const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

describe('the table of operations', () => {
  test('operationIds are unique, and so is each method and path', () => {
    const ids = OPERATIONS.map((op) => op.operationId);
    assert.deepEqual([...new Set(ids)].sort(), [...ids].sort());
    const routes = OPERATIONS.map((op) => `${op.method} ${op.path}`);
    assert.deepEqual([...new Set(routes)].sort(), [...routes].sort());
  });

  test('every public PortalClient method maps to exactly one operation (clientMethod)', () => {
    assert.ok(CLIENT_METHODS.length >= 30, `found ${CLIENT_METHODS.length} methods`);
    for (const method of CLIENT_METHODS) {
      const mapped = OPERATIONS.filter((op) => op.clientMethod === method).map((op) => op.operationId);
      assert.equal(mapped.length, 1, `PortalClient.${method} → ${mapped.join(', ') || 'no operation'}`);
    }
  });

  test('every operation’s clientMethod is a public PortalClient method', () => {
    for (const op of OPERATIONS) {
      if (op.clientMethod !== null) assert.ok(CLIENT_METHODS.includes(op.clientMethod), `${op.operationId} → PortalClient.${op.clientMethod}`);
    }
  });

  test('permissions match the paths: the office under admin/, profile permissions under profiles/:profileId', () => {
    for (const op of OPERATIONS) {
      const officePublic = op.permission === 'public' && op.path.startsWith('/p/:practice/admin/auth/');
      assert.equal(isOfficePermission(op.permission) || officePublic, op.path.startsWith('/p/:practice/admin/'), op.operationId);
      assert.equal(isProfilePermission(op.permission), op.path.startsWith('/p/:practice/profiles/:profileId/'), op.operationId);
      if (op.path.startsWith('/p/:practice/admin/')) assert.equal(op.clientMethod, null, `${op.operationId}: the widgets never call the office API`);
    }
  });
});

describe('the routes are the table', () => {
  let t: TestApp;
  let documented: Map<string, string>;
  before(async () => {
    t = await createTestApp();
    const doc = (await t.app.inject({ url: '/openapi.json' })).json<{ paths: Record<string, Record<string, { operationId: string }>> }>();
    documented = new Map(
      Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op.operationId.replace(/-head$/, '')] as const),
      ),
    );
  });
  after(() => t.close());

  test('every operation is served at its method and path, under its operationId, and nothing else is', () => {
    const declared = new Map(OPERATIONS.map((op) => [`${op.method} ${openApiPath(op.path)}`, op.operationId] as const));
    assert.deepEqual([...documented.entries()].sort(), [...declared.entries()].sort());
  });
});
