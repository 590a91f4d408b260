import type { AdminAppointment, Appointment, ProposedTime } from '../../src/contract/index.js';
import { findPendingReschedule, type AppointmentRecord } from '../repos/appointments.js';
import type { Practice } from '../repos/practices.js';
import { isOpenTime, type AvailabilityScope } from './availability.js';
import type { CatalogLookup } from './catalog-view.js';
import { HOUR_MS, MINUTE_MS } from './time-zone.js';

export interface PresentScope extends AvailabilityScope {
  practice: Pick<Practice, 'id' | 'timeZone' | 'cancellationWindowHours'>;
  lookup: CatalogLookup;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A request whose answer time ran out reads as what it is about to become, before any write marks it. */
function lapsed(record: AppointmentRecord, now: number): boolean {
  return record.status === 'requested' && record.expiresAt !== null && record.expiresAt <= now;
}

/**
 * An appointment as the client sees it: UTC instants plus the practice's zone, what may be
 * done with it now (decided here, so a browser with a wrong clock cannot mislead), and the
 * clinician's proposals with whether each is still open.
 */
export function presentAppointment(scope: PresentScope, record: AppointmentRecord): Appointment {
  const { now, practice, lookup } = scope;
  const service = lookup.service(record.serviceId);
  const clinician = lookup.clinician(record.clinicianId);
  let status = record.status;
  let statusReason = record.statusReason;
  let rescheduleRequestId: number | null = null;
  if (lapsed(record, now)) {
    status = 'declined';
    statusReason = 'expired';
  } else if (record.status === 'reschedule_requested') {
    const pending = findPendingReschedule(scope.db, practice.id, record.id);
    if (pending && !lapsed(pending, now)) rescheduleRequestId = pending.id;
    else status = 'confirmed'; // its move lapsed: it is simply confirmed again
  }
  const deadline = record.startsAt - practice.cancellationWindowHours * HOUR_MS;
  const held = status === 'confirmed' || status === 'reschedule_requested';
  const duration = service.durationMinutes * MINUTE_MS;
  const proposals: ProposedTime[] =
    status === 'declined'
      ? record.proposedStarts.map((start) => ({
          start: iso(start),
          end: iso(start + duration),
          available: start > now && isOpenTime(scope, service, record.clinicianId, start),
        }))
      : [];
  return {
    id: record.id,
    status,
    statusReason,
    start: iso(record.startsAt),
    end: iso(record.endsAt),
    timeZone: practice.timeZone,
    service: { id: service.id, names: service.names, kind: service.kind },
    clinician: { id: clinician.id, name: clinician.name },
    modality: record.modality,
    message: record.message,
    requestedAt: iso(record.createdAt),
    expiresAt: status === 'requested' && record.expiresAt !== null ? iso(record.expiresAt) : null,
    cancellable: status === 'requested' || (held && now < deadline),
    reschedulable: status === 'confirmed' && now < deadline,
    cancellableUntil: held ? iso(deadline) : null,
    rescheduleOfId: record.rescheduleOfId,
    rescheduleRequestId,
    declineNote: status === 'declined' ? record.declineNote : null,
    proposals,
  };
}

/** The office's view: the client's view plus whose appointment it is and who asked. */
export function presentAdminAppointment(scope: PresentScope, record: AppointmentRecord): AdminAppointment {
  return {
    ...presentAppointment(scope, record),
    profile: scope.lookup.profile(record.profileId),
    requestedByAccountId: record.requestedBy,
  };
}
