import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { ApiError } from '../errors.js';
import { audit } from '../request/audit.js';
import { bearerToken, requestMeta } from '../request/meta.js';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * An onRequest hook for `/p/:practice/admin/...`: the bearer token must equal the configured
 * admin token. Both sides are hashed first so the comparison is constant-time whatever the
 * lengths. A refusal is a 401 with `WWW-Authenticate` and an `authz_fail` audit event.
 */
export function requireAdminToken(options: { adminToken: string; db: Db; clock: Clock }) {
  const expected = digest(options.adminToken);
  return async function adminAuth(request: FastifyRequest): Promise<void> {
    const presented = bearerToken(request);
    if (presented !== undefined && timingSafeEqual(digest(presented), expected)) return;
    audit(options, { practice: request.practice, meta: requestMeta(request) }, {
      action: 'authz_fail',
      resourceType: 'admin',
      resourceId: request.routeOptions.url ?? null,
      outcome: 'failure',
    });
    throw new ApiError(401, 'unauthorized', undefined, undefined, { 'www-authenticate': 'Bearer realm="admin"' });
  };
}
