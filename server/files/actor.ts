import type { FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { appendAudit, type AuditAction, type AuditOutcome } from '../repos/audit.js';
import type { Practice } from '../repos/practices.js';
import { practiceOf } from '../plugins/practice-resolver.js';
import { actingProfileOf } from '../plugins/profile-access.js';
import { authOf } from '../plugins/session-auth.js';

/** Who is uploading or reading files, for whom, from where: what every check and audit event needs. */
export interface FileActor {
  practice: Practice;
  profileId: number;
  accountId: number;
  ip: string;
  origin: string | null;
}

/** The actor of a request that passed the session and profile guards. */
export function fileActorOf(request: FastifyRequest): FileActor {
  return {
    practice: practiceOf(request),
    profileId: actingProfileOf(request).id,
    accountId: authOf(request).accountId,
    ip: request.ip,
    origin: request.headers.origin ?? null,
  };
}

/**
 * One audit event about files (R36, R55): ids and codes only. Names, types and sizes stay
 * out: a file name is PHI as much as its content. Refusals are `upload_validation_<code>`,
 * so the trail says why without a column of its own.
 */
export function auditFiles(
  deps: { db: Db; clock: Clock },
  actor: FileActor,
  event: { action: AuditAction; outcome: AuditOutcome; resourceType: 'upload' | 'file' | 'file_list'; resourceId?: string | number | null },
): void {
  appendAudit(deps.db, deps.clock, {
    practiceId: actor.practice.id,
    actorAccountId: actor.accountId,
    actingProfileId: actor.profileId,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId ?? null,
    outcome: event.outcome,
    ip: actor.ip,
    origin: actor.origin,
  });
}
