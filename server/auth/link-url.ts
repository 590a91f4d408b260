import type { Practice } from '../repos/practices.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https, or http on a loopback host (a practice's own development machine); nothing else (R12). */
function isLinkSafe(url: URL): boolean {
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/** The URL when it is safe to send in an email (https, or http on loopback), else undefined. */
export function parseLinkPage(value: string | null | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return isLinkSafe(url) ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The page an emailed link opens (R12): the caller's `returnTo` when its origin is exactly
 * one of the practice's allowed origins (its path and query kept, its fragment dropped),
 * otherwise the practice's configured portal page. Never built from Host or
 * X-Forwarded-Host. Undefined when neither is usable (no portal page configured).
 */
export function signInPage(practice: Pick<Practice, 'allowedOrigins' | 'portalUrl'>, returnTo?: string): URL | undefined {
  const requested = parseLinkPage(returnTo);
  if (requested && practice.allowedOrigins.includes(requested.origin)) {
    requested.hash = '';
    return requested;
  }
  const portal = parseLinkPage(practice.portalUrl);
  if (portal) portal.hash = '';
  return portal;
}

/** The page with the token in its fragment (R7): `…#ml=<token>`, never sent to any server. */
export function signInLink(page: URL, token: string): string {
  const url = new URL(page.href);
  url.hash = `ml=${token}`;
  return url.href;
}
