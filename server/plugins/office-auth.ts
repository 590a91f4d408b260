import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { OfficePermission } from '../../src/contract/operation.js';
import { isTokenShaped, tokenHash } from '../auth/secrets.js';
import type { Clock } from '../clock.js';
import type { Mode } from '../config.js';
import type { Db } from '../db/open.js';
import { transaction } from '../db/transaction.js';
import { ApiError, notFound, sessionExpired } from '../errors.js';
import { apiKeyActor, devTokenActor, staffActor, type OfficeActor } from '../office/actor.js';
import { findApiKeyByHash, markApiKeyUsed } from '../repos/api-keys.js';
import { expiryReason, findStaffSessionAnywhere, staffSessions } from '../repos/sessions.js';
import { findStaffById } from '../repos/staff.js';
import { audit } from '../request/audit.js';
import { practiceOf } from '../request/context.js';
import { bearerToken, requestMeta } from '../request/meta.js';

/** API keys start with this, so a key pasted where a session token goes (or in a log) is recognisable. */
export const API_KEY_PREFIX = 'cpk_';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

const CHALLENGE = { 'www-authenticate': 'Bearer realm="office"' };
const refusedCredential = () => new ApiError(401, 'unauthorized', undefined, undefined, CHALLENGE);

export interface OfficeGuardDeps {
  db: Db;
  clock: Clock;
  mode: Mode;
  /** The development admin token; ignored (refused) in production. */
  adminToken: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What an office route needs (set by defineRoute from the operation's permission). */
    officePermission?: OfficePermission;
    /** An office route anyone may call (staff sign-in). */
    officePublic?: boolean;
  }
}

/**
 * The guard of every route under `/p/:practice/admin` (R28, R31, R32, R41). The bearer token
 * is, in this order: the development admin token (development mode only; production refuses
 * it like any unknown token), an API key of this practice (`cpk_…`), or a staff member's
 * console session at this practice (touched like a client's, idle and absolute deadlines).
 * A credential that is good at *another* practice answers 404, as if this practice had no
 * such route, so one practice's staff learn nothing of another's. The operation's permission
 * is then checked against the role or the key's scopes: 403 when it is not granted. Every
 * refusal writes `authz_fail` (or `session_expired`) to the audit trail.
 */
export function createOfficeGuard(deps: OfficeGuardDeps): (request: FastifyRequest) => Promise<void> {
  const { db, clock } = deps;
  const devToken = deps.mode === 'development' && deps.adminToken ? digest(deps.adminToken) : undefined;

  return async function requireOfficeCredential(request: FastifyRequest): Promise<void> {
    const config = request.routeOptions.config;
    if (config.officePublic) return;
    const practice = practiceOf(request);
    const meta = requestMeta(request);
    const refuse = (error: ApiError, detail: { staffId?: number; apiKeyId?: number; action?: 'authz_fail' | 'session_expired' } = {}) => {
      transaction(db, () =>
        audit(deps, { practice, meta }, {
          action: detail.action ?? 'authz_fail',
          outcome: detail.action === 'session_expired' ? 'success' : 'failure',
          resourceType: 'office',
          resourceId: request.routeOptions.url ?? null,
          staffId: detail.staffId,
          apiKeyId: detail.apiKeyId,
        }),
      );
      return error;
    };
    // A route in this scope that does not say what it needs is refused, never served.
    const permission = config.officePermission;
    if (!permission) throw refuse(notFound());

    const token = bearerToken(request);
    if (token === undefined || !isTokenShaped(token)) throw refuse(refusedCredential());
    const actor = resolveActor(token);
    if (actor instanceof ApiError) throw actor;
    if (!actor.permissions.has(permission)) {
      throw refuse(new ApiError(403, 'forbidden'), { staffId: actor.staffId ?? undefined, apiKeyId: actor.apiKeyId ?? undefined });
    }
    request.office = actor;

    function resolveActor(presented: string): OfficeActor | ApiError {
      if (devToken && timingSafeEqual(digest(presented), devToken)) return devTokenActor();
      const hash = tokenHash(presented);
      const now = clock.now();
      if (presented.startsWith(API_KEY_PREFIX)) {
        const key = findApiKeyByHash(db, hash);
        if (!key || key.revokedAt !== null) return refuse(refusedCredential(), { apiKeyId: key?.id });
        if (key.practiceId !== practice.id) return refuse(notFound(), { apiKeyId: key.id });
        markApiKeyUsed(db, now, key.id);
        return apiKeyActor(key);
      }
      const session = staffSessions.touchSession(db, now, practice.id, hash);
      const staff = session && findStaffById(db, practice.id, session.accountId);
      if (session && staff?.active) return staffActor(staff, session.id);
      const known = findStaffSessionAnywhere(db, hash);
      if (!known) return refuse(refusedCredential());
      if (known.practiceId !== practice.id) return refuse(notFound(), { staffId: known.accountId });
      const expired = expiryReason(known, now);
      if (expired) {
        transaction(db, () => staffSessions.endSession(db, now, known.id, expired));
        return refuse(sessionExpired(), { staffId: known.accountId, action: 'session_expired' });
      }
      // Signed out, replaced, or the member was deactivated.
      return refuse(refusedCredential(), { staffId: known.accountId });
    }
  };
}
