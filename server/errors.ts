import type { AuthErrorCode, BookingErrorCode, DocumentErrorCode, ErrorBody, ErrorCode, FieldErrorCode } from '../src/contract/index.js';

/** Every code the server answers with: the general ones, the sign-in ones and the booking ones. */
export type ServerErrorCode = ErrorCode | AuthErrorCode | BookingErrorCode | DocumentErrorCode;

/** Developer-facing text per code. Generic on purpose (R39): widgets localise by `code`. */
export const DEFAULT_MESSAGES: Record<ServerErrorCode, string> = {
  validation: 'The request is not valid.',
  unauthorized: 'Authentication is required.',
  session_expired: 'The session has expired.',
  forbidden: 'Not allowed.',
  not_found: 'Not found.',
  conflict: 'The request conflicts with the current state.',
  payload_too_large: 'The request body is too large.',
  unsupported_media_type: 'Send JSON with Content-Type: application/json.',
  rate_limited: 'Too many requests; retry later.',
  unavailable: 'The service is briefly unavailable; retry shortly.',
  server: 'Something went wrong.',
  link_expired: 'This sign-in link has expired.',
  link_used: 'This sign-in link was already used.',
  link_superseded: 'A newer sign-in link replaced this one.',
  link_invalid: 'This sign-in link is not valid.',
  // One message for an unknown email, a wrong, expired, used or locked PIN (R24).
  invalid_credentials: 'Email or PIN not recognised.',
  slot_unavailable: 'That time is no longer available.',
  cancellation_window: 'The appointment is too close to cancel or reschedule online; call the office.',
  too_many_requests_open: 'Too many appointment requests are waiting for approval.',
  idempotency_key_reused: 'This Idempotency-Key was used with a different request.',
  document_changed: 'The document or consent text changed; fetch it again.',
  esign_consent_required: 'Accept the consent to sign electronically first.',
  already_signed: 'This version of the document is already signed.',
};

/**
 * An error a route or hook throws on purpose. The error handler answers with exactly this
 * status, code, message and fields; anything else thrown becomes a generic 500.
 */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly statusCode: number,
    readonly code: ServerErrorCode,
    message: string = DEFAULT_MESSAGES[code],
    readonly fields?: Record<string, FieldErrorCode>,
    /** Extra response headers, e.g. Retry-After or WWW-Authenticate. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (message?: string) => new ApiError(404, 'not_found', message);

const CHALLENGE = 'Bearer realm="portal"';

/** 401 for a missing, unknown, ended or other practice's session token. */
export const unauthorized = () => new ApiError(401, 'unauthorized', undefined, undefined, { 'www-authenticate': CHALLENGE });

/** 401 for a session past its idle or absolute deadline (R31, R32). */
export const sessionExpired = () =>
  new ApiError(401, 'session_expired', undefined, undefined, {
    'www-authenticate': `${CHALLENGE}, error="invalid_token", error_description="session expired"`,
  });

/** 429 with Retry-After in whole seconds (at least 1) and the standard body. */
export function rateLimited(retryAfterMs: number): ApiError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ApiError(429, 'rate_limited', undefined, undefined, { 'retry-after': String(seconds) });
}

export function errorBody(code: ServerErrorCode, message: string = DEFAULT_MESSAGES[code], fields?: Record<string, string>): ErrorBody {
  return fields && Object.keys(fields).length > 0 ? { error: { code, message, fields } } : { error: { code, message } };
}
