import type { ErrorBody, ErrorCode, FieldErrorCode } from '../src/contract/index.js';

/** Developer-facing text per code. Generic on purpose (R39): widgets localise by `code`. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
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
};

/**
 * An error a route or hook throws on purpose. The error handler answers with exactly this
 * status, code, message and fields; anything else thrown becomes a generic 500.
 */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string = DEFAULT_MESSAGES[code],
    readonly fields?: Record<string, FieldErrorCode>,
    /** Extra response headers, e.g. Retry-After or WWW-Authenticate. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (message?: string) => new ApiError(404, 'not_found', message);

export function errorBody(code: ErrorCode, message: string = DEFAULT_MESSAGES[code], fields?: Record<string, string>): ErrorBody {
  return fields && Object.keys(fields).length > 0 ? { error: { code, message, fields } } : { error: { code, message } };
}
