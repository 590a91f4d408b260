import { createEvent } from 'ics';
import type { MailAttachment } from '../repos/outbox-attachments.js';

export interface CalendarEventInput {
  /** Stable across reschedules, so calendars update the event instead of adding one. */
  uid: string;
  /** Grows with each change of the same event (RFC 5545 SEQUENCE). */
  sequence: number;
  start: number;
  end: number;
  title: string;
  description: string;
  organizer: { name: string; email: string };
  /** PUBLISH adds or updates the event; CANCEL removes it. */
  method: 'PUBLISH' | 'CANCEL';
}

/**
 * An iCalendar (.ics) attachment for one appointment, in UTC (calendars show it in the
 * reader's zone). Only what the reader needs to attend: time, clinician, practice, how.
 */
export function calendarAttachment(event: CalendarEventInput): MailAttachment {
  const { error, value } = createEvent({
    uid: event.uid,
    sequence: event.sequence,
    method: event.method,
    status: event.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
    productId: 'client-portal-widgets/booking',
    start: event.start,
    startInputType: 'utc',
    startOutputType: 'utc',
    end: event.end,
    endInputType: 'utc',
    endOutputType: 'utc',
    title: event.title,
    description: event.description,
    organizer: event.organizer,
    busyStatus: 'BUSY',
  });
  if (error || !value) throw error ?? new Error('The calendar event could not be built.');
  return {
    filename: event.method === 'CANCEL' ? 'cancelled-appointment.ics' : 'appointment.ics',
    contentType: `text/calendar; charset=utf-8; method=${event.method}`,
    content: Buffer.from(value, 'utf8'),
  };
}
