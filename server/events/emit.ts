import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';

/** What the practice's side is told about (webhooks, staff notification emails). */
export type PracticeEventType =
  | 'appointment.requested'
  | 'appointment.approved'
  | 'appointment.declined'
  | 'appointment.cancelled'
  | 'appointment.rescheduled'
  | 'packet.completed'
  | 'document.signed'
  | 'form.submitted'
  | 'file.uploaded'
  | 'client.created';

/**
 * One change on the practice's side. `data` holds ids and types only, never names, answers or
 * file names: receivers fetch details with their API key.
 */
export interface PracticeEvent {
  type: PracticeEventType;
  data: Record<string, string | number | null>;
  /** The profile the change is about, when there is one (decides which clinician is told). */
  profileId?: number | null;
  /** The clinician the change concerns, when known (an appointment's). */
  clinicianId?: number | null;
}

/**
 * Records a practice event inside the caller's transaction, so the event exists exactly when
 * the change commits. Delivery (webhooks, notification emails) happens afterwards from the
 * durable record.
 */
export function emitPracticeEvent(deps: { db: Db; clock: Clock }, practiceId: number, event: PracticeEvent): void {
  // Filled in by the events work (issue 13): the events table and its fan-out.
  void deps;
  void practiceId;
  void event;
}
