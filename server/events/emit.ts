import { randomBytes } from 'node:crypto';
import type { Language } from '../../src/contract/index.js';
import { PRACTICE_EVENT_TYPES } from '../../src/contract/webhooks.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { queueMail } from '../mail/queue.js';
import { isNotifyingEvent, renderStaffNotificationEmail, type NotifyingEvent } from '../mail/staff-notification-email.js';
import { insertPracticeEvent, profileClinicianId } from '../repos/practice-events.js';
import { notificationRecipients, notificationSettings } from '../repos/staff-notifications.js';
import { insertDelivery } from '../repos/webhook-deliveries.js';
import { subscribedEndpointIds } from '../repos/webhook-endpoints.js';
import { DELIVERY_WINDOW_MS } from '../webhooks/schedule.js';

/** What the practice's side is told about (webhooks, staff notification emails); the contract lists them. */
export type PracticeEventType = (typeof PRACTICE_EVENT_TYPES)[number];
export { PRACTICE_EVENT_TYPES };

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

/** `evt_` + 128 random bits: the webhook message id, stable across retries. */
const newEventId = () => `evt_${randomBytes(16).toString('base64url')}`;

const staffLanguage = (language: string): Language => (language === 'es' ? 'es' : 'en');

/**
 * Records a practice event inside the caller's transaction, so the event exists exactly when
 * the change commits: the event row, one webhook delivery per active endpoint that wants its
 * type, and (for the kinds staff are told about) one notification email per recipient in the
 * mail outbox. Sending happens afterwards, from these durable rows.
 */
export function emitPracticeEvent(deps: { db: Db; clock: Clock }, practiceId: number, event: PracticeEvent): void {
  const { db, clock } = deps;
  if (!db.inTransaction) {
    throw new Error('emitPracticeEvent must be called inside the transaction of the change it reports.');
  }
  const now = clock.now();
  const profileId = event.profileId ?? null;
  const clinicianId = event.clinicianId ?? (profileId === null ? null : profileClinicianId(db, practiceId, profileId));
  const eventId = insertPracticeEvent(db, {
    practiceId,
    publicId: newEventId(),
    type: event.type,
    data: event.data,
    profileId,
    clinicianId,
    occurredAt: now,
  });
  for (const endpointId of subscribedEndpointIds(db, practiceId, event.type)) {
    insertDelivery(db, now, { practiceId, eventId, endpointId, giveUpAt: now + DELIVERY_WINDOW_MS });
  }
  if (isNotifyingEvent(event.type)) notifyStaff(deps, practiceId, event.type, clinicianId);
}

function notifyStaff(deps: { db: Db; clock: Clock }, practiceId: number, type: NotifyingEvent, clinicianId: number | null): void {
  const settings = notificationSettings(deps.db, practiceId);
  if (!settings) return;
  for (const recipient of notificationRecipients(deps.db, practiceId, clinicianId, settings.notifyOffice)) {
    const language = staffLanguage(recipient.language);
    const email = renderStaffNotificationEmail({
      event: type,
      language,
      practice: { name: settings.name, brandColor: settings.brandColor },
      consoleUrl: settings.consoleUrl,
    });
    queueMail(deps.db, deps.clock, { practiceId, to: recipient.email, language, ...email });
  }
}
