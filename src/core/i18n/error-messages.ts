import { msg, str } from '@lit/localize';
import type { PortalApiError, PortalErrorCode } from '../api/errors.js';
import { getLocale } from './localization.js';

/** Calm, localized text for each failure. Server text is never shown. */
export function describeError(error: Pick<PortalApiError, 'code' | 'retryAfter'>): string {
  const messages: Record<PortalErrorCode, () => string> = {
    network: () =>
      msg("We couldn't reach the practice's portal. Check your connection and try again.", { id: 'error.network' }),
    timeout: () => msg('The portal is taking too long to answer. Please try again.', { id: 'error.timeout' }),
    unauthorized: () => msg('Please sign in to continue.', { id: 'error.unauthorized' }),
    session_expired: () =>
      msg('You were signed out after a period of inactivity. Please sign in again.', { id: 'error.session-expired' }),
    forbidden: () => msg("This isn't available with your sign-in.", { id: 'error.forbidden' }),
    not_found: () => msg("We couldn't find what you were looking for.", { id: 'error.not-found' }),
    conflict: () => msg('Something changed in the meantime. Please review and try again.', { id: 'error.conflict' }),
    validation: () => msg('Please check the highlighted information and try again.', { id: 'error.validation' }),
    rate_limited: () =>
      error.retryAfter
        ? msg(str`Too many attempts. Please wait ${formatWait(error.retryAfter)} and try again.`, {
            id: 'error.rate-limited-wait',
          })
        : msg('Too many attempts. Please wait a moment and try again.', { id: 'error.rate-limited' }),
    payload_too_large: () => msg('That is too large to send.', { id: 'error.payload-too-large' }),
    unsupported_type: () => msg("That kind of file or data isn't accepted.", { id: 'error.unsupported-type' }),
    server: () =>
      msg('Something went wrong on our side. Please try again in a few minutes.', { id: 'error.server' }),
  };
  return (messages[error.code] ?? messages.server)();
}

/** Seconds as "45 seconds" / "2 minutes" in the active locale, through Intl. */
export function formatWait(seconds: number): string {
  const [value, unit] = seconds < 60 ? [seconds, 'second'] : [Math.ceil(seconds / 60), 'minute'];
  return new Intl.NumberFormat(getLocale(), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
