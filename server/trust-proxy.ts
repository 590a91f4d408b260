import { BlockList, isIP } from 'node:net';

/**
 * Which `X-Forwarded-For` entries decide `request.ip` (what rate limits, PIN budgets and the
 * audit trail see): none (`false`), the one added by the last `n` proxies (a hop count), or
 * the entries added by proxies at the listed addresses and networks. Never "any": a client
 * can put anything in the leftmost entries of the header.
 */
export type TrustProxy = false | number | string[];

export class TrustProxyError extends Error {
  override name = 'TrustProxyError';
}

const MAX_HOPS = 10;

/**
 * Reads TRUST_PROXY: unset, empty, `false` or `0` → trust none; a whole number 1–10 → that
 * many proxies in front of the endpoint; otherwise a comma-separated list of proxy IP
 * addresses or CIDR networks. `true` is refused: it would take the leftmost entry, which
 * the client writes itself.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false' || text === '0') return false;
  if (text === 'true') {
    throw new TrustProxyError(
      'TRUST_PROXY=true would trust any X-Forwarded-For header a client sends. Set the number of proxies in front of the endpoint ' +
        '(TRUST_PROXY=1 for one reverse proxy) or their addresses (TRUST_PROXY=10.0.0.1,10.0.0.0/8).',
    );
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > MAX_HOPS) throw new TrustProxyError(`TRUST_PROXY must be a proxy count from 1 to ${MAX_HOPS}, or a list of proxy addresses.`);
    return hops;
  }
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (!isAddressOrNetwork(entry)) {
      throw new TrustProxyError(`TRUST_PROXY: "${entry}" is not an IP address or CIDR network (e.g. 10.0.0.1 or 10.0.0.0/8).`);
    }
  }
  return entries;
}

function isAddressOrNetwork(entry: string): boolean {
  const [address, prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * The `trustProxy` option for Fastify. A count becomes "the peer and the next n − 1 entries
 * from the right": Fastify itself treats a bare number as trusting nothing (a direct client
 * could otherwise supply the hops), so a count is right only when clients can reach the
 * endpoint through the proxies alone; a list of proxy addresses holds in every case.
 */
export function fastifyTrustProxy(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  return (_address, hop) => hop < trust;
}

/** Whether a socket's peer is one of the listed proxies; undefined when none are listed (a count or none). */
export function trustedProxyMatcher(trust: TrustProxy): ((address: string) => boolean) | undefined {
  if (!Array.isArray(trust) || trust.length === 0) return undefined;
  const list = new BlockList();
  for (const entry of trust) {
    const [address, prefix] = entry.split('/');
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return (raw) => {
    const address = raw.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
}
