/**
 * The closed set of failures an element has to tell a client about. Elements translate
 * these (never a server's text) into calm, localized messages.
 */
export const PORTAL_ERROR_CODES = [
  'network',
  'timeout',
  'unauthorized',
  'session_expired',
  'forbidden',
  'not_found',
  'conflict',
  'validation',
  'rate_limited',
  'payload_too_large',
  'unsupported_type',
  'server',
] as const;

export type PortalErrorCode = (typeof PORTAL_ERROR_CODES)[number];

export interface PortalApiErrorInit {
  status?: number;
  /** The endpoint's own stable code (e.g. `link_expired`), for elements that need finer states. */
  reason?: string;
  /** Per-field validation codes, keyed by field name. */
  fields?: Readonly<Record<string, string>>;
  /** Seconds to wait before trying again (from `Retry-After`). */
  retryAfter?: number;
  cause?: unknown;
}

export class PortalApiError extends Error {
  override readonly name = 'PortalApiError';
  readonly code: PortalErrorCode;
  readonly status?: number;
  readonly reason?: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly retryAfter?: number;

  constructor(code: PortalErrorCode, init: PortalApiErrorInit = {}) {
    // The message is for developers' consoles only; it never carries server text or PHI.
    super(`Portal request failed: ${code}${init.status ? ` (HTTP ${init.status})` : ''}`, { cause: init.cause });
    this.code = code;
    this.status = init.status;
    this.reason = init.reason;
    this.fields = init.fields ?? {};
    this.retryAfter = init.retryAfter;
  }
}

export function isPortalApiError(error: unknown): error is PortalApiError {
  return error instanceof PortalApiError;
}

/** Any thrown value as a PortalApiError (unknown failures count as `server`). */
export function toPortalApiError(error: unknown): PortalApiError {
  return isPortalApiError(error) ? error : new PortalApiError('server', { cause: error });
}

const STATUS_CODES: Readonly<Record<number, PortalErrorCode>> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  410: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_type',
  422: 'validation',
  429: 'rate_limited',
};

/** Maps an HTTP status and the endpoint's error code to the closed set. */
export function codeForResponse(status: number, reason: string | undefined): PortalErrorCode {
  if (reason === 'session_expired') return 'session_expired';
  return STATUS_CODES[status] ?? 'server';
}

/** `Retry-After` as whole seconds: either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
