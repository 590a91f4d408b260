import { isIP } from 'node:net';
import { refusedAddressRange } from './address-policy.js';

export type WebhookMode = 'development' | 'production';

const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why a webhook URL is refused, in words the owner can act on; null when it is fine. */
export function webhookUrlProblem(raw: string, mode: WebhookMode): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'The URL is not valid.';
  }
  if (raw.length > 2000) return 'The URL is too long.';
  if (url.username || url.password) return 'The URL must not contain a user name or password.';
  const host = url.hostname.toLowerCase();
  const local = LOCAL_NAMES.has(host);
  if (url.protocol === 'http:') {
    if (!(mode === 'development' && local)) return 'The URL must use https (http only to localhost in development).';
  } else if (url.protocol !== 'https:') {
    return 'The URL must use https.';
  }
  if (mode === 'development') return null;
  // Production: never to this machine or a private network (SSRF). Names are checked again,
  // after DNS resolution, at every delivery.
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) {
    return 'The URL must not point to this server or a private network.';
  }
  const literal = host.replace(/^\[|\]$/g, '');
  if (isIP(literal) && refusedAddressRange(literal) !== null) return 'The URL must not point to this server or a private network.';
  return null;
}
