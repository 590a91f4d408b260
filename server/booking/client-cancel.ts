import type { Appointment } from '../../src/contract/index.js';
import { transaction } from '../db/transaction.js';
import { changeStatus, findAppointment, findPendingReschedule } from '../repos/appointments.js';
import { audit } from '../request/audit.js';
import { profileAppointment } from './client-requests.js';
import { insideCancellationWindow, notAllowedNow } from './errors.js';
import { settleLapsedRequests } from './lapse.js';
import { notifyClient } from './notify.js';
import { presentAppointment } from './present.js';
import type { ClientActor } from '../request/actor.js';
import { bookingScope, type BookingDeps } from './scope.js';
import { HOUR_MS } from './time-zone.js';
import { emitAppointmentEvent } from '../events/appointment-event.js';

/**
 * Cancels online. A request (new or a reschedule) can always be withdrawn; withdrawing a
 * reschedule leaves the original confirmed. A confirmed appointment can be cancelled until
 * the practice's cancellation window (then 409 `cancellation_window`: call the office);
 * a move waiting for approval is withdrawn with it. The calendar file removes the event.
 */
export function cancelAppointment(deps: BookingDeps, actor: ClientActor, appointmentId: number): Appointment {
  const scope = bookingScope(deps, actor.practice);
  const { db, now, practice } = scope;
  settleLapsedRequests(scope);
  return transaction(db, () => {
    const record = profileAppointment(scope, actor, appointmentId);
    if (record.status === 'requested') {
      changeStatus(db, now, record.id, 'requested', { to: 'cancelled', reason: 'client' });
      const original = record.rescheduleOfId === null ? undefined : findAppointment(db, practice.id, record.rescheduleOfId);
      if (original) changeStatus(db, now, original.id, 'reschedule_requested', { to: 'confirmed' });
      notifyClient(scope, record, 'withdrawn', original ? { previousStart: original.startsAt } : {});
      emitAppointmentEvent(scope, 'appointment.cancelled', record, 'withdrawn');
    } else if (record.status === 'confirmed' || record.status === 'reschedule_requested') {
      if (now >= record.startsAt - practice.cancellationWindowHours * HOUR_MS) throw insideCancellationWindow();
      const move = record.status === 'reschedule_requested' ? findPendingReschedule(db, practice.id, record.id) : undefined;
      if (move) changeStatus(db, now, move.id, 'requested', { to: 'cancelled', reason: 'client' });
      const sequence = record.calendarSequence + 1;
      changeStatus(db, now, record.id, record.status, { to: 'cancelled', reason: 'client', calendarSequence: sequence });
      notifyClient(scope, record, 'cancelled', { calendar: { method: 'CANCEL', sequence } });
      emitAppointmentEvent(scope, 'appointment.cancelled', record, 'client');
    } else {
      throw notAllowedNow();
    }
    audit(scope, actor, {
      action: 'sensitive_update',
      resourceType: 'appointment',
      resourceId: record.id,
    });
    return presentAppointment(scope, findAppointment(db, practice.id, record.id)!);
  });
}
