import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { ApiError } from '../errors.js';
import { appendAudit } from '../repos/audit.js';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** The token from `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
  return match?.[1];
}

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
    appendAudit(options.db, options.clock, {
      practiceId: request.practice?.id ?? null,
      action: 'authz_fail',
      resourceType: 'admin',
      resourceId: request.routeOptions.url ?? null,
      outcome: 'failure',
      ip: request.ip,
      origin: request.headers.origin ?? null,
    });
    throw new ApiError(401, 'unauthorized', undefined, undefined, { 'www-authenticate': 'Bearer realm="admin"' });
  };
}
