import { isIP } from 'node:net';
import { refusedAddressRange } from './address-policy.js';
import { resolveAll } from './send.js';
import { webhookUrlProblem, type WebhookMode } from './url-policy.js';

const NOT_PUBLIC = 'The URL must not point to this server or a private network.';

/**
 * The URL rules when an endpoint is saved: the static rules, and in production the name's
 * addresses as DNS gives them now (every one must be public). The worker checks again at each
 * delivery, since DNS answers change.
 */
export async function webhookUrlRefusal(
  url: string,
  mode: WebhookMode,
  resolve: (hostname: string) => Promise<string[]> = resolveAll,
): Promise<string | null> {
  const problem = webhookUrlProblem(url, mode);
  if (problem || mode === 'development') return problem;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return null; // a literal was checked above
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    return 'The URL’s host name does not resolve.';
  }
  if (addresses.length === 0) return 'The URL’s host name does not resolve.';
  return addresses.some((a) => refusedAddressRange(a) !== null) ? NOT_PUBLIC : null;
}
