import { msg, str } from '@lit/localize';
import type { CardBrand, FormField } from '../../contract/documents.js';
import type { PortalApiError } from '../../core/api/errors.js';
import { describeError } from '../../core/i18n/error-messages.js';
import { getLocale } from '../../core/i18n/localization.js';

const PATTERN_HINTS: Record<string, () => string> = {
  postal_code: () => msg('Enter a ZIP code like 12345 or 12345-6789.', { id: 'signer.error.postal-code' }),
  phone: () => msg('Enter a phone number like 555-555-0142.', { id: 'signer.error.phone' }),
  state: () => msg('Enter the two-letter state code, like TX.', { id: 'signer.error.state' }),
  member_id: () => msg('Use only letters, digits and dashes.', { id: 'signer.error.member-id' }),
};

/** The inline error for a field, from a code the browser or the endpoint found. */
export function fieldError(field: FormField, code: string): string {
  const choice = field.kind === 'select' || field.kind === 'radio' || (field.kind === 'checkbox' && field.options);
  if (code === 'required') {
    if (field.kind === 'checkbox' && !field.options) return msg('Tick this box to continue.', { id: 'signer.error.tick' });
    return choice
      ? msg('Choose an answer.', { id: 'signer.error.choose' })
      : msg('Fill in this field.', { id: 'signer.error.required' });
  }
  if (code === 'too_long') {
    const max = field.maxLength ?? 0;
    return msg(str`Use at most ${max} characters.`, { id: 'signer.error.too-long' });
  }
  if (code === 'out_of_range' && field.kind === 'date') {
    const bound = field.max ? formatDate(field.max) : field.min ? formatDate(field.min) : '';
    return field.max
      ? msg(str`Enter a date no later than ${bound}.`, { id: 'signer.error.date-max' })
      : msg(str`Enter a date no earlier than ${bound}.`, { id: 'signer.error.date-min' });
  }
  if (field.pattern && PATTERN_HINTS[field.pattern]) return PATTERN_HINTS[field.pattern]();
  if (field.kind === 'email') return msg('Enter an email address like name@example.com.', { id: 'signer.error.email' });
  if (field.kind === 'date') return msg('Enter a full date.', { id: 'signer.error.date' });
  return msg('Check this answer.', { id: 'signer.error.invalid' });
}

/** The summary's count: "There is 1 problem" / "There are 3 problems", as a heading. */
export function problemCount(count: number): string {
  return count === 1
    ? msg('There is a problem', { id: 'signer.errors.one' })
    : msg(str`There are ${count} problems`, { id: 'signer.errors.many' });
}

/** Documents: the endpoint's own codes in the client's words, else the general message. */
export function describeSignerError(error: PortalApiError): string {
  if (error.reason === 'document_changed') {
    return msg('This document was updated while you were reading it. Please read the new version.', {
      id: 'signer.error.document-changed',
    });
  }
  if (error.reason === 'already_signed') return msg('This document is already signed.', { id: 'signer.error.already-signed' });
  return describeError(error);
}

export function cardError(code: string): string {
  if (code === 'invalid_number') return msg('Check the card number.', { id: 'signer.card.invalid-number' });
  if (code === 'invalid_expiry') return msg('Check the expiry date.', { id: 'signer.card.invalid-expiry' });
  if (code === 'invalid_cvc') return msg('Check the security code.', { id: 'signer.card.invalid-cvc' });
  return msg('The card service is not answering. Please try again in a few minutes.', { id: 'signer.card.unavailable' });
}

const BRANDS: Record<CardBrand, string> = { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover', other: '' };

/** "Visa ending in 4242, expires 12/2030": the only card facts the widget ever holds (R61). */
export function cardSummary(card: { brand: CardBrand; last4: string; expMonth: number; expYear: number }): string {
  const brand = BRANDS[card.brand] || msg('Card', { id: 'signer.card.brand-other' });
  const last4 = card.last4;
  const expiry = `${String(card.expMonth).padStart(2, '0')}/${card.expYear}`;
  return msg(str`${brand} ending in ${last4}, expires ${expiry}`, { id: 'signer.card.summary' });
}

/** A calendar date (YYYY-MM-DD) in the client's language, without shifting it by time zone. */
export function formatDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

/** An instant (signing time) in the client's language and zone. */
export function formatInstant(instant: string, withTime = false): string {
  return new Intl.DateTimeFormat(getLocale(), withTime ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'long' }).format(
    new Date(instant),
  );
}
