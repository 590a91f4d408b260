import { randomUUID } from 'node:crypto';
import type { Appointment, AppointmentRequest, RescheduleRequest, RescheduleResult } from '../../src/contract/index.js';
import { transaction } from '../db/transaction.js';
import { ApiError } from '../errors.js';
import {
  changeStatus,
  findAppointment,
  insertAppointment,
  isBookingConflict,
  type AppointmentRecord,
  type NewAppointment,
} from '../repos/appointments.js';
import type { Service } from '../repos/catalog.js';
import { audit } from '../request/audit.js';
import { isOpenTime } from './availability.js';
import { bookableServices, cliniciansOffering } from './catalog-view.js';
import { insideCancellationWindow, invalidField, notAllowedNow, slotUnavailable } from './errors.js';
import { remember, replay, requestHash, type Answer } from './idempotency.js';
import { settleLapsedRequests } from './lapse.js';
import { takeRequestAllowance } from './limits.js';
import { notifyClient } from './notify.js';
import { presentAppointment } from './present.js';
import type { ClientActor } from '../request/actor.js';
import { bookingScope, type BookingDeps, type BookingScope } from './scope.js';
import { HOUR_MS, MINUTE_MS } from './time-zone.js';
import { emitAppointmentEvent } from '../events/appointment-event.js';

/** The profile's appointment `id`, or 404 (another profile's looks the same as none, R41). */
export function profileAppointment(scope: BookingScope, actor: ClientActor, id: number): AppointmentRecord {
  const record = findAppointment(scope.db, scope.practice.id, id);
  if (!record || record.profileId !== actor.profile.id) throw new ApiError(404, 'not_found');
  return record;
}

/** Inserts a request that holds its time; the database refuses it if the time was just taken. */
function insertRequest(scope: BookingScope, fields: Omit<NewAppointment, 'status' | 'endsAt' | 'blockedUntil' | 'expiresAt'>, service: Service): AppointmentRecord {
  const { db, now, settings, practice } = scope;
  const endsAt = fields.startsAt + service.durationMinutes * MINUTE_MS;
  let id: number;
  try {
    id = insertAppointment(db, now, {
      ...fields,
      status: 'requested',
      endsAt,
      blockedUntil: endsAt + service.bufferMinutes * MINUTE_MS,
      // Unanswered, a request lapses after the practice's expiry, and at its start at the latest.
      expiresAt: Math.min(now + settings.requestExpiryHours * HOUR_MS, fields.startsAt),
    });
  } catch (err) {
    if (isBookingConflict(err)) throw slotUnavailable();
    throw err;
  }
  return findAppointment(db, practice.id, id)!;
}

/**
 * A new appointment request (R43: it holds its time until approved, declined or lapsed).
 * After the lapse sweep, one transaction: replay check, R45 limits, the open-time check,
 * the insert (whose unique index and trigger have the last word), the email and the audit.
 */
export function requestAppointment(deps: BookingDeps, actor: ClientActor, input: AppointmentRequest, key?: string): Answer<Appointment> {
  const scope = bookingScope(deps, actor.practice);
  const start = Date.parse(input.start);
  const message = input.message?.trim() || null;
  const idempotency = {
    accountId: actor.accountId,
    key,
    hash: requestHash(['request', actor.profile.id, input.serviceId, input.clinicianId ?? null, start, input.modality ?? null, message]),
  };
  settleLapsedRequests(scope);
  const result = transaction(deps.db, (): Answer<Appointment> | ApiError => {
    const replayed = replay<Appointment>(deps.db, scope.now, idempotency);
    if (replayed) return replayed;
    const service = bookableServices(deps.db, scope.practice.id, actor.profile.kind).find((s) => s.id === input.serviceId);
    if (!service) throw invalidField('serviceId');
    const modality = input.modality ?? service.modalities[0];
    if (!service.modalities.includes(modality)) throw invalidField('modality');
    const offering = cliniciansOffering(deps.db, scope.practice.id, service.id).map((c) => c.id);
    if (input.clinicianId !== undefined && !offering.includes(input.clinicianId)) throw invalidField('clinicianId');
    const refusal = takeRequestAllowance(scope, actor);
    if (refusal) return refusal;
    const candidates = input.clinicianId === undefined ? offering : [input.clinicianId];
    const clinicianId = candidates.find((id) => isOpenTime(scope, service, id, start));
    if (clinicianId === undefined) throw slotUnavailable();
    const record = insertRequest(
      scope,
      {
        practiceId: scope.practice.id,
        profileId: actor.profile.id,
        clinicianId,
        serviceId: service.id,
        requestedBy: actor.accountId,
        modality,
        startsAt: start,
        message,
        rescheduleOfId: null,
        calendarUid: `${randomUUID()}@${scope.practice.slug}.portal`,
        calendarSequence: 0,
      },
      service,
    );
    notifyClient(scope, record, 'requested');
    emitAppointmentEvent(deps, 'appointment.requested', record);
    audit(scope, actor, {
      action: 'sensitive_create',
      resourceType: 'appointment',
      resourceId: record.id,
    });
    return remember(deps.db, scope.now, idempotency, 201, presentAppointment(scope, record));
  });
  if (result instanceof ApiError) throw result;
  return result;
}

/**
 * A request to move a confirmed appointment to another open time with the same clinician
 * and service: a new request linked to the original, which stays confirmed (and keeps its
 * time) until the clinician approves the new time; approval swaps them atomically.
 */
export function requestReschedule(
  deps: BookingDeps,
  actor: ClientActor,
  appointmentId: number,
  input: RescheduleRequest,
  key?: string,
): Answer<RescheduleResult> {
  const scope = bookingScope(deps, actor.practice);
  const start = Date.parse(input.start);
  const message = input.message?.trim() || null;
  const idempotency = { accountId: actor.accountId, key, hash: requestHash(['reschedule', actor.profile.id, appointmentId, start, message]) };
  settleLapsedRequests(scope);
  const result = transaction(deps.db, (): Answer<RescheduleResult> | ApiError => {
    const replayed = replay<RescheduleResult>(deps.db, scope.now, idempotency);
    if (replayed) return replayed;
    const original = profileAppointment(scope, actor, appointmentId);
    if (original.status !== 'confirmed') throw notAllowedNow();
    if (scope.now >= original.startsAt - scope.practice.cancellationWindowHours * HOUR_MS) throw insideCancellationWindow();
    const refusal = takeRequestAllowance(scope, actor);
    if (refusal) return refusal;
    const service = scope.lookup.service(original.serviceId);
    if (!isOpenTime(scope, service, original.clinicianId, start)) throw slotUnavailable();
    changeStatus(deps.db, scope.now, original.id, 'confirmed', { to: 'reschedule_requested' });
    const request = insertRequest(
      scope,
      {
        practiceId: scope.practice.id,
        profileId: actor.profile.id,
        clinicianId: original.clinicianId,
        serviceId: original.serviceId,
        requestedBy: actor.accountId,
        modality: original.modality,
        startsAt: start,
        message,
        rescheduleOfId: original.id,
        calendarUid: original.calendarUid,
        calendarSequence: original.calendarSequence,
      },
      service,
    );
    notifyClient(scope, request, 'reschedule_requested', { previousStart: original.startsAt });
    emitAppointmentEvent(deps, 'appointment.rescheduled', request, 'requested');
    audit(scope, actor, {
      action: 'sensitive_create',
      resourceType: 'appointment',
      resourceId: request.id,
    });
    const body: RescheduleResult = {
      request: presentAppointment(scope, request),
      original: presentAppointment(scope, findAppointment(deps.db, scope.practice.id, original.id)!),
    };
    return remember(deps.db, scope.now, idempotency, 201, body);
  });
  if (result instanceof ApiError) throw result;
  return result;
}
