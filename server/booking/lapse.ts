import { transaction } from '../db/transaction.js';
import { changeStatus, findAppointment, listLapsedRequests } from '../repos/appointments.js';
import { audit } from '../request/audit.js';
import { notifyClient, type NotifyScope } from './notify.js';
import { emitAppointmentEvent } from '../events/appointment-event.js';

/**
 * Marks the practice's requests nobody answered in time as declined (`expired`), gives a
 * confirmed appointment whose move lapsed its plain confirmed state back, and emails the
 * clients. Runs in its own transaction before every booking write, so it commits even when
 * that write is then refused (a lapsed request never blocks a time or a decision); reads
 * already show lapsed requests as expired.
 */
export function settleLapsedRequests(scope: NotifyScope): void {
  const { db, clock, practice } = scope;
  const now = clock.now();
  transaction(db, () => {
    for (const request of listLapsedRequests(db, practice.id, now)) {
      if (!changeStatus(db, now, request.id, 'requested', { to: 'declined', reason: 'expired' })) continue;
      const original = request.rescheduleOfId === null ? undefined : findAppointment(db, practice.id, request.rescheduleOfId);
      if (original) changeStatus(db, now, original.id, 'reschedule_requested', { to: 'confirmed' });
      notifyClient(scope, request, 'expired', original ? { previousStart: original.startsAt } : {});
      emitAppointmentEvent(scope, 'appointment.declined', request, 'expired');
      audit(scope, { practice, meta: null }, {
        action: 'sensitive_update',
        profileId: request.profileId,
        resourceType: 'appointment',
        resourceId: request.id,
      });
    }
  });
}
