import { msg } from '@lit/localize';
import type { Appointment, Modality } from '../../contract/index.js';
import type { PortalApiError } from '../../core/api/errors.js';
import { describeError } from '../../core/i18n/error-messages.js';
import { getLocale } from '../../core/i18n/localization.js';

/** A name the practice wrote in several languages, in the widget's language (English otherwise). */
export const localName = (names: Readonly<Record<string, string>>): string => names[getLocale()] ?? names.en ?? Object.values(names)[0] ?? '';

export const modalityLabel = (modality: Modality): string =>
  modality === 'telehealth' ? msg('Telehealth (video)', { id: 'booking.telehealth' }) : msg('In person', { id: 'booking.in-person' });

/** The status in the client's words: what it means for them, not the server's state name. */
export function statusLabel(a: Appointment): string {
  switch (a.status) {
    case 'requested':
      return a.rescheduleOfId
        ? msg('New time requested, waiting for approval', { id: 'booking.status.reschedule-request' })
        : msg('Requested, waiting for approval', { id: 'booking.status.requested' });
    case 'confirmed':
      return msg('Confirmed', { id: 'booking.status.confirmed' });
    case 'reschedule_requested':
      return msg('Confirmed; new time requested', { id: 'booking.status.moving' });
    case 'declined':
      return a.statusReason === 'expired'
        ? msg('Not answered in time', { id: 'booking.status.expired' })
        : msg('Declined', { id: 'booking.status.declined' });
    default:
      return a.statusReason === 'practice'
        ? msg('Cancelled by the practice', { id: 'booking.status.cancelled-practice' })
        : msg('Cancelled', { id: 'booking.status.cancelled' });
  }
}

/** Booking failures, finer than the shared messages where the endpoint says why. */
export function bookingError(error: PortalApiError): string {
  switch (error.reason) {
    case 'slot_unavailable':
      return msg('Sorry, that time was just taken.', { id: 'booking.error.taken' });
    case 'cancellation_window':
      return msg("It's too late to change this online. Please call the office.", { id: 'booking.error.window' });
    case 'too_many_requests_open':
      return msg('Too many requests are waiting. Wait for an answer or withdraw one.', { id: 'booking.error.too-many' });
    default:
      return describeError(error);
  }
}
