import type { AppointmentList, BookingOptions, SlotList, SlotQuery } from '../../src/contract/index.js';
import { transaction } from '../db/transaction.js';
import { listProfileAppointments } from '../repos/appointments.js';
import { listClinicians } from '../repos/catalog.js';
import { audit } from '../request/audit.js';
import { bookableServices, cliniciansOffering } from './catalog-view.js';
import { invalidField } from './errors.js';
import { presentAppointment } from './present.js';
import type { ClientActor } from '../request/actor.js';
import { bookingScope, type BookingDeps } from './scope.js';
import { slotList } from './slot-list.js';

/**
 * The profile's appointments, upcoming and past, with what the widget needs around them
 * (zone, cancellation window, office phone) in the same answer: one request per view.
 * A time replaced by an approved reschedule is left out; its replacement names it.
 * Reading them is a PHI access: one `sensitive_read` event.
 */
export function listAppointments(deps: BookingDeps, actor: ClientActor): AppointmentList {
  const scope = bookingScope(deps, actor.practice);
  const { upcoming, past } = listProfileAppointments(deps.db, actor.practice.id, actor.profile.id, scope.now);
  const shown = (r: { statusReason: string | null }) => r.statusReason !== 'rescheduled';
  const list: AppointmentList = {
    timeZone: actor.practice.timeZone,
    cancellationWindowHours: actor.practice.cancellationWindowHours,
    requestExpiryHours: scope.settings.requestExpiryHours,
    phone: actor.practice.phone,
    phoneDisplay: actor.practice.phoneDisplay,
    upcoming: upcoming.filter(shown).map((r) => presentAppointment(scope, r)),
    past: past.filter(shown).map((r) => presentAppointment(scope, r)),
  };
  transaction(deps.db, () =>
    audit(scope, actor, {
      action: 'sensitive_read',
      resourceType: 'appointment_list',
      resourceId: actor.profile.id,
    }),
  );
  return list;
}

/** What this profile can book and with whom: the first step of the request form. */
export function bookingOptions(deps: BookingDeps, actor: ClientActor): BookingOptions {
  const { db } = deps;
  const practiceId = actor.practice.id;
  const clinicians = listClinicians(db, practiceId);
  const services = bookableServices(db, practiceId, actor.profile.kind).map((s) => ({
    id: s.id,
    slug: s.slug,
    names: s.names,
    kind: s.kind,
    durationMinutes: s.durationMinutes,
    modalities: s.modalities,
    clinicianIds: cliniciansOffering(db, practiceId, s.id, clinicians).map((c) => c.id),
  }));
  const offered = new Set(services.flatMap((s) => s.clinicianIds));
  return {
    timeZone: actor.practice.timeZone,
    services: services.filter((s) => s.clinicianIds.length > 0),
    clinicians: clinicians
      .filter((c) => offered.has(c.id))
      .map((c) => ({ id: c.id, name: c.name, languages: c.languages, bio: c.bio })),
  };
}

/** Open times of a service this profile can book, for one clinician or any, grouped by day. */
export function profileSlots(deps: BookingDeps, actor: ClientActor, query: SlotQuery): SlotList {
  const scope = bookingScope(deps, actor.practice);
  const service = bookableServices(deps.db, actor.practice.id, actor.profile.kind).find((s) => s.id === query.service);
  if (!service) throw invalidField('service');
  const offering = cliniciansOffering(deps.db, actor.practice.id, service.id).map((c) => c.id);
  if (query.clinician !== undefined && !offering.includes(query.clinician)) throw invalidField('clinician');
  return slotList(scope, service, query.clinician === undefined ? offering : [query.clinician], query);
}
