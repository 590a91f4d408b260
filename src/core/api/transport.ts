import { PortalApiError, codeForResponse, parseRetryAfter } from './errors.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface PortalRequest {
  method: HttpMethod;
  /** Path relative to the endpoint URL, starting with `/`. */
  path: string;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Creates something: send an `Idempotency-Key` so a repeated request makes it once. */
  idempotencyKey?: string;
  /** Overrides the transport's default timeout. */
  timeoutMs?: number;
  /** `blob` for a file's bytes (downloads); JSON otherwise. */
  responseType?: 'json' | 'blob';
  /**
   * Lets the request outlive the page (`fetch(…, { keepalive: true })`): for a last save as
   * the page is hidden or closed, which an ordinary request would lose when the page goes.
   * Browsers allow such bodies only up to 64 KB (all pending ones together), so a larger
   * body goes as an ordinary request instead, which may still get through.
   */
  keepalive?: boolean;
}

/** The browsers' limit on keepalive bodies in flight (the Fetch standard's 64 KiB). */
export const KEEPALIVE_MAX_BYTES = 64 * 1024;

/** The one seam between the widgets and the network. Fakes implement it in tests and stories. */
export interface Transport {
  send<T>(request: PortalRequest): Promise<T>;
}

export interface FetchTransportOptions {
  /** The endpoint URL naming one practice, e.g. `https://portal.example.com/p/lakeside`. */
  baseUrl: string;
  fetch?: typeof fetch;
  getToken?: () => string | undefined;
  /**
   * Cookie mode (R26 mode A): the session is the endpoint's HttpOnly `__Host-sid` cookie, so
   * requests go with `credentials: 'include'` and the `X-Portal-Session: cookie` header (it
   * asks a sign-in for the cookie and is the CSRF header of R29); no token is held or sent.
   * `isSignedIn` then says whether a request carried the session.
   */
  cookieSession?: boolean;
  isSignedIn?: () => boolean;
  getLocale?: () => string;
  /** Called when a request that carried the session succeeded (activity, for idle timeouts). */
  onAuthenticated?: () => void;
  /** Called when a request that carried the session is refused with 401. */
  onUnauthorized?: (error: PortalApiError) => void;
  timeoutMs?: number;
  /** Extra attempts for safe GETs after a network failure, a timeout or a 502/503/504. */
  retries?: number;
  /** First backoff delay; doubles each retry, with jitter. */
  retryDelayMs?: number;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);

interface ErrorEnvelope {
  error?: { code?: unknown; fields?: unknown };
}

export function createFetchTransport(options: FetchTransportOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 400;

  async function attempt<T>(request: PortalRequest): Promise<T> {
    const token = options.getToken?.();
    const blob = request.responseType === 'blob';
    const headers: Record<string, string> = { Accept: blob ? '*/*' : 'application/json' };
    const locale = options.getLocale?.();
    if (locale) headers['Accept-Language'] = locale;
    if (token) headers.Authorization = `Bearer ${token}`;
    if (options.cookieSession) headers['X-Portal-Session'] = 'cookie';
    const withSession = Boolean(token) || (options.cookieSession === true && options.isSignedIn?.() === true);
    if (request.idempotencyKey) headers['Idempotency-Key'] = request.idempotencyKey;
    let body: string | undefined;
    if (request.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.body);
    }

    // Above the limit, fetch would refuse a keepalive request outright; an ordinary one may
    // still get through (and does, whenever the page stays).
    const keepalive = request.keepalive === true && byteLength(body) <= KEEPALIVE_MAX_BYTES;
    const timeout = linkedTimeout(request.signal, request.timeoutMs ?? timeoutMs);
    let response: Response;
    try {
      response = await doFetch(base + request.path, {
        method: request.method,
        headers,
        body,
        signal: timeout.signal,
        credentials: options.cookieSession ? 'include' : 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        ...(keepalive ? { keepalive } : {}),
      });
    } catch (cause) {
      if (request.signal?.aborted) throw request.signal.reason ?? cause;
      throw new PortalApiError(timeout.timedOut() ? 'timeout' : 'network', { cause });
    } finally {
      timeout.dispose();
    }

    if (response.ok) {
      if (withSession) options.onAuthenticated?.();
      if (response.status === 204) return undefined as T;
      // The body is read after the timeout is disposed: a large file may take as long as it needs.
      return (blob ? await response.blob() : await response.json()) as T;
    }
    const error = await errorFrom(response);
    if (withSession && error.status === 401) options.onUnauthorized?.(error);
    throw error;
  }

  return {
    async send<T>(request: PortalRequest): Promise<T> {
      const maxAttempts = request.method === 'GET' ? retries + 1 : 1;
      for (let n = 1; ; n++) {
        try {
          return await attempt<T>(request);
        } catch (error) {
          if (n >= maxAttempts || !isRetryable(error) || request.signal?.aborted) throw error;
          await sleep(backoff(retryDelayMs, n), request.signal);
        }
      }
    },
  };
}

async function errorFrom(response: Response): Promise<PortalApiError> {
  let envelope: ErrorEnvelope = {};
  try {
    envelope = (await response.json()) as ErrorEnvelope;
  } catch {
    // A proxy's HTML error page or an empty body: the status alone decides.
  }
  const reason = typeof envelope.error?.code === 'string' ? envelope.error.code : undefined;
  return new PortalApiError(codeForResponse(response.status, reason), {
    status: response.status,
    reason,
    fields: stringRecord(envelope.error?.fields),
    retryAfter: parseRetryAfter(response.headers.get('Retry-After')),
  });
}

function byteLength(body: string | undefined): number {
  return body === undefined ? 0 : new TextEncoder().encode(body).byteLength;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const out: Record<string, string> = {};
  for (const [key, code] of Object.entries(value)) if (typeof code === 'string') out[key] = code;
  return out;
}

function isRetryable(error: unknown): boolean {
  if (!(error instanceof PortalApiError)) return false;
  return error.code === 'network' || error.code === 'timeout' || RETRYABLE_STATUS.has(error.status ?? 0);
}

function backoff(firstMs: number, attemptNumber: number): number {
  const exp = firstMs * 2 ** (attemptNumber - 1);
  return exp / 2 + Math.random() * (exp / 2);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** An AbortSignal that fires on the caller's signal or after `ms`, whichever comes first. */
function linkedTimeout(outer: AbortSignal | undefined, ms: number) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('The request timed out', 'TimeoutError'));
  }, ms);
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) onAbort();
  else outer?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    },
  };
}
