import cors from '@fastify/cors';
import type { PortalApp } from '../app-types.js';
import { isAllowedOrigin } from '../origin.js';

export const CORS_METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Accept-Language', 'Idempotency-Key', 'X-Portal-Session'];
export const CORS_EXPOSED_HEADERS = ['Retry-After'];
/** Two hours, Chromium's cap: widgets then pay for a preflight at most once per 2 h per URL. */
export const CORS_MAX_AGE_SECONDS = 7200;

/**
 * CORS with an exact allow-list per practice (R27). The practice was resolved from the URL
 * just before; its `allowedOrigins` decide. Everything else (another tenant's origin, a
 * downgrade, a look-alike suffix, a port variant, `null`, no Origin at all) gets no CORS
 * headers, and a refused preflight falls through to 404. The plugin adds `Vary: Origin`
 * to every response because the delegator makes the answer depend on the Origin.
 *
 * `credentials` (only where cookie sessions are configured, R26 mode A) adds
 * `Access-Control-Allow-Credentials: true` for allowed origins, so a widget on
 * `www.practice.com` may send the `__Host-sid` cookie to `portal.practice.com`.
 */
export async function installCors(app: PortalApp, options: { credentials?: boolean } = {}): Promise<void> {
  const grant = options.credentials ? CREDENTIALED_GRANT : GRANT;
  const uploadGrant = options.credentials ? CREDENTIALED_UPLOAD_GRANT : UPLOAD_GRANT;
  const officeGrant = options.credentials ? CREDENTIALED_OFFICE_GRANT : OFFICE_GRANT;
  await app.register(cors, {
    hook: 'onRequest',
    delegator(request, callback) {
      const allowed = request.practice?.allowedOrigins ?? [];
      if (!isAllowedOrigin(request.headers.origin, allowed)) callback(null, REFUSE);
      else callback(null, UPLOAD_PATH.test(request.url) ? uploadGrant : OFFICE_PATH.test(request.url) ? officeGrant : grant);
    },
  });
}

/**
 * `origin: true` reflects the request's Origin. It is returned only after the exact match
 * above, so what is echoed is always one entry of the allow-list, never `*`.
 */
const GRANT = Object.freeze({
  origin: true,
  methods: CORS_METHODS,
  allowedHeaders: CORS_ALLOWED_HEADERS,
  exposedHeaders: CORS_EXPOSED_HEADERS,
  maxAge: CORS_MAX_AGE_SECONDS,
  credentials: false, // bearer tokens, no cookies (R26 mode B); see CREDENTIALED_GRANT
  strictPreflight: true,
});
const REFUSE = Object.freeze({ origin: false });

/** tus uploads (routes/uploads.ts) and only they send PATCH and the tus headers, and read the tus answers. */
const UPLOAD_PATH = /^\/p\/[^/]+\/profiles\/[^/]+\/uploads(?:[/?]|$)/;
const UPLOAD_GRANT = Object.freeze({
  ...GRANT,
  methods: [...CORS_METHODS, 'PATCH', 'HEAD'],
  allowedHeaders: [...CORS_ALLOWED_HEADERS, 'Tus-Resumable', 'Upload-Length', 'Upload-Metadata', 'Upload-Offset'],
  exposedHeaders: [...CORS_EXPOSED_HEADERS, 'Tus-Resumable', 'Upload-Offset', 'Upload-Length', 'Upload-Metadata', 'Upload-Expires', 'Location'],
});
/** The office API (the console on the practice's site) also changes records in part (PATCH). */
const OFFICE_PATH = /^\/p\/[^/]+\/admin(?:[/?]|$)/;
const OFFICE_GRANT = Object.freeze({ ...GRANT, methods: [...CORS_METHODS, 'PATCH'] });
const CREDENTIALED_GRANT = Object.freeze({ ...GRANT, credentials: true });
const CREDENTIALED_OFFICE_GRANT = Object.freeze({ ...OFFICE_GRANT, credentials: true });
const CREDENTIALED_UPLOAD_GRANT = Object.freeze({ ...UPLOAD_GRANT, credentials: true });
