import type { AdminAppointment, AdminSlotQuery, DeclineRequest, PendingRequestList, SlotList } from '../../src/contract/index.js';
import { transaction } from '../db/transaction.js';
import { ApiError } from '../errors.js';
import { changeStatus, findAppointment, listPendingRequests, setProposedStarts, type AppointmentRecord } from '../repos/appointments.js';
import { listServices } from '../repos/catalog.js';
import type { OfficeActor } from '../office/actor.js';
import type { Practice } from '../repos/practices.js';
import { audit } from '../request/audit.js';
import type { RequestMeta } from '../request/meta.js';
import { isOpenTime } from './availability.js';
import { cliniciansOffering } from './catalog-view.js';
import { invalidField, notAllowedNow, slotUnavailable } from './errors.js';
import { settleLapsedRequests } from './lapse.js';
import { notifyClient } from './notify.js';
import { presentAdminAppointment } from './present.js';
import { bookingScope, type BookingDeps, type BookingScope } from './scope.js';
import { slotList } from './slot-list.js';

/** A request of the practice still waiting for an answer, or 404 / 409. */
function pendingRequest(scope: BookingScope, id: number): AppointmentRecord {
  const record = findAppointment(scope.db, scope.practice.id, id);
  if (!record) throw new ApiError(404, 'not_found');
  if (record.status !== 'requested') throw notAllowedNow();
  return record;
}

function auditDecision(scope: BookingScope, meta: RequestMeta, record: AppointmentRecord, office?: OfficeActor): void {
  audit(scope, { practice: scope.practice, meta, office }, {
    action: 'sensitive_update',
    profileId: record.profileId,
    resourceType: 'appointment',
    resourceId: record.id,
  });
}

/** The requests waiting for the office, soonest first. */
export function pendingRequests(deps: BookingDeps, practice: Practice, clinicianId?: number): PendingRequestList {
  const scope = bookingScope(deps, practice);
  return {
    timeZone: practice.timeZone,
    requests: listPendingRequests(deps.db, practice.id, scope.now, clinicianId).map((r) => presentAdminAppointment(scope, r)),
  };
}

/**
 * Approves a request: it becomes confirmed and the client gets the confirmation with a
 * calendar file. For a reschedule, the swap is one transaction: the original is cancelled
 * (`rescheduled`, pointing at its replacement) and the new time confirmed, the calendar
 * event moved (same UID, next SEQUENCE). Of concurrent approvals exactly one succeeds.
 */
export function approveRequest(deps: BookingDeps, practice: Practice, id: number, meta: RequestMeta, office?: OfficeActor): AdminAppointment {
  const scope = bookingScope(deps, practice);
  const { db, now } = scope;
  settleLapsedRequests(scope);
  return transaction(db, () => {
    const request = pendingRequest(scope, id);
    const original = request.rescheduleOfId === null ? undefined : findAppointment(db, practice.id, request.rescheduleOfId);
    if (original) {
      const sequence = original.calendarSequence + 1;
      const replaced = changeStatus(db, now, original.id, 'reschedule_requested', { to: 'cancelled', reason: 'rescheduled', replacedById: request.id });
      if (!replaced) throw notAllowedNow();
      changeStatus(db, now, request.id, 'requested', { to: 'confirmed', decided: true, calendarSequence: sequence });
      notifyClient(scope, request, 'rescheduled', { previousStart: original.startsAt, calendar: { method: 'PUBLISH', sequence } });
    } else {
      changeStatus(db, now, request.id, 'requested', { to: 'confirmed', decided: true });
      notifyClient(scope, request, 'confirmed', { calendar: { method: 'PUBLISH', sequence: request.calendarSequence } });
    }
    auditDecision(scope, meta, request, office);
    return presentAdminAppointment(scope, findAppointment(db, practice.id, request.id)!);
  });
}

/**
 * Declines a request, with an optional note (shown in the portal, not emailed) and up to
 * three proposed times with the same clinician and service. The request's own time is
 * freed first, so a proposal may overlap it; each proposal must then be open (else 409
 * `slot_unavailable` and nothing changes). A declined reschedule leaves the original confirmed.
 */
export function declineRequest(
  deps: BookingDeps,
  practice: Practice,
  id: number,
  input: DeclineRequest,
  meta: RequestMeta,
  office?: OfficeActor,
): AdminAppointment {
  const scope = bookingScope(deps, practice);
  const { db, now } = scope;
  const proposals = (input.proposedStarts ?? []).map((s) => Date.parse(s));
  if (new Set(proposals).size !== proposals.length) throw invalidField('proposedStarts');
  const note = input.note?.trim() || null;
  settleLapsedRequests(scope);
  return transaction(db, () => {
    const request = pendingRequest(scope, id);
    changeStatus(db, now, request.id, 'requested', { to: 'declined', reason: 'practice', decided: true, declineNote: note });
    const service = scope.lookup.service(request.serviceId);
    if (proposals.some((start) => !isOpenTime(scope, service, request.clinicianId, start))) throw slotUnavailable();
    setProposedStarts(db, now, request.id, proposals);
    const original = request.rescheduleOfId === null ? undefined : findAppointment(db, practice.id, request.rescheduleOfId);
    if (original) changeStatus(db, now, original.id, 'reschedule_requested', { to: 'confirmed' });
    notifyClient(scope, request, 'declined', {
      proposals,
      hasNote: note !== null,
      ...(original ? { previousStart: original.startsAt } : {}),
    });
    auditDecision(scope, meta, request, office);
    return presentAdminAppointment(scope, findAppointment(db, practice.id, request.id)!);
  });
}

/** Open times for the office (e.g. to pick proposals): any active service, the same rules as clients see. */
export function adminSlots(deps: BookingDeps, practice: Practice, query: AdminSlotQuery): SlotList {
  const scope = bookingScope(deps, practice);
  const service = listServices(deps.db, practice.id).find((s) => s.id === query.service);
  if (!service) throw invalidField('service');
  const offering = cliniciansOffering(deps.db, practice.id, service.id).map((c) => c.id);
  if (query.clinician !== undefined && !offering.includes(query.clinician)) throw invalidField('clinician');
  return slotList(scope, service, query.clinician === undefined ? offering : [query.clinician], query);
}
