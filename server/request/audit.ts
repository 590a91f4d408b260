import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { appendAudit, type AuditAction, type AuditOutcome } from '../repos/audit.js';
import type { OfficeActor } from '../office/actor.js';
import type { RequestMeta } from './meta.js';

/**
 * Who an event is about and where it came from. A ClientActor fits as it is; sign-in steps
 * and the office name the practice and the request's meta; timers and sweeps have no meta.
 */
export interface AuditSource {
  practice: { id: number } | null;
  meta: Pick<RequestMeta, 'ip' | 'origin'> | null;
  accountId?: number | null;
  profile?: { id: number } | null;
  /** On office routes: who on the practice's side acted (officeOf(request)). */
  office?: Pick<OfficeActor, 'staffId' | 'apiKeyId'> | null;
}

/** What happened. `accountId` and `profileId`, when given (null included), override the source's. */
export interface AuditEntry {
  action: AuditAction;
  resourceType: string;
  resourceId?: string | number | null;
  /** Default `success`. */
  outcome?: AuditOutcome;
  accountId?: number | null;
  profileId?: number | null;
  /** Override the source's office actor (the office guard names the credential it refused). */
  staffId?: number;
  apiKeyId?: number;
}

/**
 * One audit event (R36): who (account, acting profile), what, where (IP, Origin) and the
 * outcome. Ids and codes only: never an address, a name, a token, an answer or a file name.
 * Call it inside the transaction of the change it records.
 */
export function audit(deps: { db: Db; clock: Clock }, source: AuditSource, entry: AuditEntry): void {
  appendAudit(deps.db, deps.clock, {
    practiceId: source.practice?.id ?? null,
    actorAccountId: entry.accountId !== undefined ? entry.accountId : (source.accountId ?? null),
    actingProfileId: entry.profileId !== undefined ? entry.profileId : (source.profile?.id ?? null),
    actorStaffId: entry.staffId ?? source.office?.staffId ?? null,
    actorApiKeyId: entry.apiKeyId ?? source.office?.apiKeyId ?? null,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId ?? null,
    outcome: entry.outcome ?? 'success',
    ip: source.meta?.ip ?? null,
    origin: source.meta?.origin ?? null,
  });
}
