import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { isAllowedOrigin } from '../origin.js';

/**
 * R26 mode A: the session in a host-only cookie, for a portal endpoint on the practice's own
 * site (e.g. `portal.practice.com` embedded on `www.practice.com`). `__Host-` makes the
 * browser insist on Secure, Path=/ and no Domain, so no sibling subdomain can plant or
 * overwrite it; HttpOnly keeps it from scripts; SameSite=Strict keeps it off every
 * cross-site request. No Max-Age: it ends with the browser, the server's idle and absolute
 * limits (R31, R32) end it sooner.
 */
export const SESSION_COOKIE = '__Host-sid';

/**
 * The one custom header of cookie mode. On a sign-in it asks for the cookie; on every other
 * request it is the CSRF custom header (R29): a cross-site form cannot send it, and a
 * cross-site fetch cannot send it without a preflight the CORS allow-list refuses.
 */
export const SESSION_MODE_HEADER = 'x-portal-session';
export const SESSION_MODE_COOKIE = 'cookie';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The pairs of a `Cookie` request header (RFC 6265 §5.4: `name=value` joined by `; `).
 * The first of a repeated name wins. Values are taken as sent (quotes around one are
 * dropped, nothing is percent-decoded); pairs without `=` or a name are skipped.
 */
export function parseCookieHeader(header: string | readonly string[] | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
  for (const part of (text as string).split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/** The session token from the `__Host-sid` cookie, or undefined. */
export function sessionCookieToken(request: FastifyRequest): string | undefined {
  const value = parseCookieHeader(request.headers.cookie).get(SESSION_COOKIE);
  return value ? value : undefined;
}

export function sessionCookieValue(token: string): string {
  return `${SESSION_COOKIE}=${token}; Path=/; Secure; HttpOnly; SameSite=Strict`;
}

export function clearedSessionCookieValue(): string {
  return `${SESSION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0`;
}

/** `portal.practice.com` is on the site `practice.com`, and so is `practice.com` itself. */
function onSite(host: string, site: string): boolean {
  return host === site || host.endsWith(`.${site}`);
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Whether a sign-in may answer with the cookie instead of a token in the body. All of:
 * the server allows cookie sessions for a site (SESSION_COOKIE_SITES), the request asks
 * (`X-Portal-Session: cookie`), it arrived over https (directly or from a trusted proxy),
 * its Origin is on the practice allow-list and https, and both the endpoint's host and the
 * Origin's host are on one configured site (the cookie is then first-party: same-site).
 * Otherwise the ordinary bearer answer is given.
 */
export function wantsSessionCookie(request: FastifyRequest, sites: readonly string[]): boolean {
  if (sites.length === 0) return false;
  if (request.headers[SESSION_MODE_HEADER] !== SESSION_MODE_COOKIE) return false;
  if (request.protocol !== 'https') return false;
  const origin = request.headers.origin;
  if (!isAllowedOrigin(origin, request.practice?.allowedOrigins ?? []) || !origin.startsWith('https://')) return false;
  const originHost = hostOf(origin);
  const endpointHost = request.hostname.toLowerCase();
  return originHost !== undefined && sites.some((site) => onSite(originHost, site) && onSite(endpointHost, site));
}

/** 403 `forbidden` with the standard body, for a cookie-carried request that fails R29. */
export const csrfRefused = () => new ApiError(403, 'forbidden');

/**
 * R29 for cookie sessions, on every unsafe method: the Origin must be on the practice's
 * allow-list (exact match, R27) and the custom header must be present. SameSite=Strict
 * already keeps the cookie off cross-site requests; this covers same-site attackers (a
 * sibling subdomain) and browsers that ignore SameSite.
 */
export function assertCookieCsrf(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (!isAllowedOrigin(request.headers.origin, request.practice?.allowedOrigins ?? [])) throw csrfRefused();
  if (request.headers[SESSION_MODE_HEADER] !== SESSION_MODE_COOKIE) throw csrfRefused();
}

/** Ends the cookie in the browser (sign-out) and asks it to drop cached answers (R34). */
export function clearSessionCookie(reply: FastifyReply): void {
  reply.header('set-cookie', clearedSessionCookieValue());
  // Not "cookies": that would clear every cookie of the registrable domain, signing the
  // client out of the practice's other sites too. Our one cookie is expired just above.
  reply.header('clear-site-data', '"cache"');
}
