import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import type { AppointmentRecord } from '../repos/appointments.js';
import { emitPracticeEvent, type PracticeEventType } from './emit.js';

type AppointmentEventType = Extract<PracticeEventType, `appointment.${string}`>;

/**
 * An appointment event, ids and codes only: the appointment, its profile, clinician and
 * service, the confirmed appointment a reschedule would replace, and why (e.g. `expired`).
 * Inside the transaction of the change, like emitPracticeEvent.
 */
export function emitAppointmentEvent(
  deps: { db: Db; clock: Clock },
  type: AppointmentEventType,
  record: Pick<AppointmentRecord, 'id' | 'practiceId' | 'profileId' | 'clinicianId' | 'serviceId' | 'rescheduleOfId'>,
  reason: string | null = null,
): void {
  emitPracticeEvent(deps, record.practiceId, {
    type,
    profileId: record.profileId,
    clinicianId: record.clinicianId,
    data: {
      appointmentId: record.id,
      profileId: record.profileId,
      clinicianId: record.clinicianId,
      serviceId: record.serviceId,
      rescheduleOfId: record.rescheduleOfId,
      reason,
    },
  });
}
