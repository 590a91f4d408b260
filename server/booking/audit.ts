import type { RequestMeta } from '../auth/context.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { appendAudit, type AuditAction } from '../repos/audit.js';

/**
 * One audit event for a booking change or read (R36): who (account, acting profile; null
 * for the office's admin token and for lapses), what (appointment id), where and the
 * outcome. Ids and codes only: never a time, a message or a note.
 */
export function auditBooking(
  deps: { db: Db; clock: Clock },
  practiceId: number,
  meta: RequestMeta | null,
  event: {
    action: AuditAction;
    accountId?: number | null;
    profileId?: number | null;
    resourceType: 'appointment' | 'appointment_list' | 'profile';
    resourceId: number;
    outcome?: 'success' | 'failure';
  },
): void {
  appendAudit(deps.db, deps.clock, {
    practiceId,
    actorAccountId: event.accountId ?? null,
    actingProfileId: event.profileId ?? null,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId,
    outcome: event.outcome ?? 'success',
    ip: meta?.ip ?? null,
    origin: meta?.origin ?? null,
  });
}
