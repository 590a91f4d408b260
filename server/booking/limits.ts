import { rateLimited, type ApiError } from '../errors.js';
import { countOpenRequests } from '../repos/appointments.js';
import { takeSlot } from '../repos/throttles.js';
import { audit } from '../request/audit.js';
import { tooManyRequestsOpen } from './errors.js';
import type { ClientActor } from '../request/actor.js';
import type { BookingScope } from './scope.js';
import { DAY_MS } from './time-zone.js';

/**
 * R45's limits on booking requests per profile: at most `maxOpenRequests` waiting for
 * approval at once, and `requestsPerDay` new ones in any 24 hours (a budget kept in the
 * database, so a restart resets nothing). Takes one from the daily budget when both allow;
 * the caller's transaction gives it back if the request then fails. A refusal is returned,
 * not thrown, with its `excess_rate_limit_exceeded` audit event, so the caller can commit
 * the event and then answer 429.
 */
export function takeRequestAllowance(scope: BookingScope, actor: ClientActor): ApiError | undefined {
  const { db, now, settings, practice } = scope;
  let refusal: ApiError | undefined;
  if (countOpenRequests(db, practice.id, actor.profile.id, now) >= settings.maxOpenRequests) {
    refusal = tooManyRequestsOpen();
  } else {
    const budget = takeSlot(db, `booking:${practice.id}:${actor.profile.id}`, now, { max: settings.requestsPerDay, windowMs: DAY_MS });
    if (!budget.ok) refusal = rateLimited(budget.retryAfterMs);
  }
  if (refusal) {
    audit(scope, actor, {
      action: 'excess_rate_limit_exceeded',
      resourceType: 'profile',
      resourceId: actor.profile.id,
      outcome: 'failure',
    });
  }
  return refusal;
}
