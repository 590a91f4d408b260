// The office authorization walk (R28, R41 for the practice's side): every non-public operation
// under /p/{practice}/admin/ in the OpenAPI document, with every kind of credential. Generated
// from the document, so a new office route is covered the day it is added.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { OPERATIONS } from '../../src/contract/operations/index.js';
import type { OfficePermission } from '../../src/contract/operation.js';
import { isOfficePermission } from '../../src/contract/operation.js';
import { API_KEY_SCOPES, ROLE_PERMISSIONS, SCOPE_PERMISSIONS, STAFF_ROLES, type ApiKeyScope } from '../../server/office/actor.js';
import { OPENAPI_FILE } from '../../scripts/write-openapi.js';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './helpers.js';
import { createStaffTestApp, newApiKey, newStaff, staffSessionToken } from './staff-helpers.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface OfficeOp {
  operationId: string;
  method: Method;
  /** The document's path, e.g. /p/{practice}/admin/staff/{staffId}. */
  path: string;
  permission: OfficePermission;
}

const document = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as {
  paths: Record<string, Record<string, { operationId: string; security?: unknown[] }>>;
};

/** Every office operation that needs a credential, with the permission the contract's table gives it. */
const OFFICE_OPS: OfficeOp[] = Object.entries(document.paths)
  .filter(([path]) => path.startsWith('/p/{practice}/admin/'))
  .flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, op]) => (op.security ?? []).length > 0)
      .map(([method, op]) => {
        const declared = OPERATIONS.find((o) => o.operationId === op.operationId);
        assert.ok(declared, `${op.operationId} is in the operation table`);
        assert.ok(isOfficePermission(declared.permission), `${op.operationId} needs an office permission`);
        return { operationId: op.operationId, method: method.toUpperCase() as Method, path, permission: declared.permission };
      }),
  );

/** Every non-empty set of API key scopes. */
const SCOPE_SETS: ApiKeyScope[][] = Array.from({ length: 2 ** API_KEY_SCOPES.length - 1 }, (_, i) =>
  API_KEY_SCOPES.filter((_, bit) => ((i + 1) >> bit) & 1),
);

/** The path with the practice and an id for every other parameter (existing or not: a 404 for a missing object is fine). */
const urlOf = (op: OfficeOp, practice: string) => op.path.replace('{practice}', practice).replace(/\{[A-Za-z]+\}/g, '1');

let ips = 0;
function send(t: TestApp, op: OfficeOp, practice: string, bearer?: string) {
  ips += 1;
  return t.app.inject({
    method: op.method,
    url: urlOf(op, practice),
    headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    // Spread over addresses so the per-client request budget never answers instead of the guard.
    remoteAddress: `10.${(ips >> 16) & 255}.${(ips >> 8) & 255}.${ips & 255}`,
    ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { payload: {} }),
  });
}

describe('office authorization walk', () => {
  let t: TestApp;
  before(async () => {
    t = await createStaffTestApp();
  });
  after(() => t.close());

  test('the walk covers the office operations (staff, keys, settings, and whatever else the document holds)', () => {
    const ids = OFFICE_OPS.map((op) => op.operationId);
    for (const id of ['listStaff', 'createStaff', 'updateStaff', 'listApiKeys', 'createApiKey', 'revokeApiKey', 'getOfficeMe', 'staffSignOut', 'getPracticeSettings']) {
      assert.ok(ids.includes(id), id);
    }
    assert.equal(SCOPE_SETS.length, 7);
  });

  for (const op of OFFICE_OPS) {
    describe(`${op.method} ${op.path} (${op.operationId}, ${op.permission})`, () => {
      test("no credential: 401; a credential of another practice (staff session, API key): 404 (R28)", async () => {
        const none = await send(t, op, 'lakeside');
        assert.equal(none.statusCode, 401, none.body);
        const harborOwner = newStaff(t, 'owner', 'harbor');
        const harborSession = await send(t, op, 'lakeside', staffSessionToken(t, harborOwner));
        assert.equal(harborSession.statusCode, 404, harborSession.body);
        const harborKey = await send(t, op, 'lakeside', newApiKey(t, ['read', 'write', 'webhooks'], 'harbor'));
        assert.equal(harborKey.statusCode, 404, harborKey.body);
        const lakesideKeyAtHarbor = await send(t, op, 'harbor', newApiKey(t, ['read', 'write', 'webhooks'], 'lakeside'));
        assert.equal(lakesideKeyAtHarbor.statusCode, 404, lakesideKeyAtHarbor.body);
      });

      test('each role: 403 exactly when the role lacks the permission; the development token is an owner', async () => {
        for (const role of STAFF_ROLES) {
          const res = await send(t, op, 'lakeside', staffSessionToken(t, newStaff(t, role)));
          const allowed = ROLE_PERMISSIONS[role].includes(op.permission);
          if (allowed) assert.ok(![401, 403].includes(res.statusCode), `${role}: ${res.statusCode} ${res.body}`);
          else assert.equal(res.statusCode, 403, `${role}: ${res.body}`);
        }
        const dev = await send(t, op, 'lakeside', ADMIN_TOKEN);
        assert.ok(![401, 403].includes(dev.statusCode), `development token: ${dev.statusCode} ${dev.body}`);
      });

      test('each API key scope set: 403 exactly when no scope grants the permission (keys never get office:owner)', async () => {
        for (const scopes of SCOPE_SETS) {
          const res = await send(t, op, 'lakeside', newApiKey(t, scopes));
          const allowed = scopes.some((scope) => SCOPE_PERMISSIONS[scope] === op.permission);
          if (allowed) assert.ok(![401, 403].includes(res.statusCode), `${scopes.join('+')}: ${res.statusCode} ${res.body}`);
          else assert.equal(res.statusCode, 403, `${scopes.join('+')}: ${res.body}`);
        }
      });
    });
  }
});

describe('production: the development admin token is refused everywhere', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: { mode: 'production' } });
  });
  after(() => t.close());

  test('401 on every office operation', async () => {
    for (const op of OFFICE_OPS) {
      const res = await send(t, op, 'lakeside', ADMIN_TOKEN);
      assert.equal(res.statusCode, 401, `${op.operationId}: ${res.body}`);
    }
  });
});
