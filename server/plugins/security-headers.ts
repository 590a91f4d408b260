import type { PortalApp } from '../app-types.js';

/** The endpoint serves JSON only, so its pages may load nothing and be framed by no one. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * R35's headers, the same on every response. A fixed list rather than @fastify/helmet:
 * helmet's extra headers are for HTML documents and old browsers (X-XSS-Protection,
 * X-Download-Options, X-DNS-Prefetch-Control, …) and cost bytes and time on every API call.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': API_CSP,
  'x-frame-options': 'DENY', // the legacy twin of frame-ancestors 'none'
  // Other sites cannot embed answers as no-cors resources (<script>, <img>). Widgets read
  // them through CORS, which CORP does not affect.
  'cross-origin-resource-policy': 'same-origin',
  // API answers carry PHI: never in a shared or browser cache.
  'cache-control': 'no-store',
});

/**
 * Sets the headers first thing on every request, so even answers produced by a hook (a
 * preflight, a 401, a 429) carry them. Routes that serve HTML (the dev outbox) replace the
 * CSP in their handler.
 */
export function installSecurityHeaders(app: PortalApp): void {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    done();
  });
}
