import type { Language } from '../../src/contract/index.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { portalLanguage } from '../language.js';
import { renderBookingEmail, type BookingEmailKind } from '../mail/booking-email.js';
import { calendarAttachment } from '../mail/calendar.js';
import { queueMail } from '../mail/queue.js';
import type { AppointmentRecord } from '../repos/appointments.js';
import type { BookingSettings } from '../repos/booking-settings.js';
import { findAccountById } from '../repos/clients.js';
import type { Practice } from '../repos/practices.js';
import type { CatalogLookup } from './catalog-view.js';

export interface NotifyScope {
  db: Db;
  clock: Clock;
  practice: Practice;
  settings: BookingSettings;
  lookup: CatalogLookup;
}

export interface NotifyDetails {
  previousStart?: number;
  proposals?: readonly number[];
  hasNote?: boolean;
  /** A calendar file: PUBLISH adds or moves the event, CANCEL removes it (sequence: the event's new SEQUENCE). */
  calendar?: { method: 'PUBLISH' | 'CANCEL'; sequence: number };
}

const EVENT_TITLE: Record<Language, (clinician: string, practice: string) => string> = {
  en: (clinician, practice) => `Appointment with ${clinician} (${practice})`,
  es: (clinician, practice) => `Cita con ${clinician} (${practice})`,
};
const EVENT_DESCRIPTION: Record<Language, Record<AppointmentRecord['modality'], string>> = {
  en: { telehealth: 'By video (telehealth). Join from the client portal.', in_person: 'In person.' },
  es: { telehealth: 'Por video (telesalud). Entre desde el portal de clientes.', in_person: 'En persona.' },
};

/**
 * Queues the email about `record` to the account that asked for it, in that account's
 * language, inside the caller's transaction (it is sent only if the change commits).
 */
export function notifyClient(scope: NotifyScope, record: AppointmentRecord, kind: BookingEmailKind, details: NotifyDetails = {}): void {
  const { db, clock, practice, lookup } = scope;
  const account = findAccountById(db, practice.id, record.requestedBy);
  if (!account) return; // the schema keeps the account; nothing to send to otherwise
  const language = portalLanguage(account.preferredLanguage);
  const clinician = lookup.clinician(record.clinicianId);
  const email = renderBookingEmail({
    kind,
    language,
    practice,
    clinicianName: clinician.name,
    modality: record.modality,
    start: record.startsAt,
    previousStart: details.previousStart,
    proposals: details.proposals,
    hasNote: details.hasNote,
    requestExpiryHours: scope.settings.requestExpiryHours,
    cancellationWindowHours: practice.cancellationWindowHours,
  });
  const attachments = details.calendar
    ? [
        calendarAttachment({
          uid: record.calendarUid,
          sequence: details.calendar.sequence,
          method: details.calendar.method,
          start: record.startsAt,
          end: record.endsAt,
          title: EVENT_TITLE[language](clinician.name, practice.name),
          description: EVENT_DESCRIPTION[language][record.modality],
          organizer: { name: practice.senderName, email: practice.senderAddress },
        }),
      ]
    : [];
  queueMail(db, clock, { practiceId: practice.id, to: account.email, language, ...email, attachments });
}
