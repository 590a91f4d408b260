import ipaddr from 'ipaddr.js';

/**
 * Whether a webhook may connect to an IP address in production (SSRF; README "Where webhooks may go"):
 * only public unicast. Refused: loopback, private (RFC 1918), link-local (cloud metadata
 * lives at 169.254.169.254), CGNAT, unique-local, multicast, unspecified, broadcast,
 * documentation/benchmarking/reserved ranges, and IPv6 forms that embed an IPv4 address
 * (IPv4-mapped, NAT64, 6to4, Teredo), which could smuggle a private one.
 * Returns null when allowed, else the range that refuses it.
 */
export function refusedAddressRange(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, ''));
  } catch {
    return 'invalid';
  }
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    // An IPv4-mapped address (::ffff:10.0.0.1) connects to its IPv4 address: judge that.
    if (v6.isIPv4MappedAddress()) return refusedAddressRange(v6.toIPv4Address().toString());
    const range = v6.range();
    if (range !== 'unicast') return range;
    // Public IPv6 is 2000::/3 (global unicast); anything else unnamed is reserved.
    if (!v6.match(ipaddr.IPv6.parse('2000::'), 3)) return 'reserved';
    return null;
  }
  const range = (parsed as ipaddr.IPv4).range();
  return range === 'unicast' ? null : range;
}

export const isPublicAddress = (address: string): boolean => refusedAddressRange(address) === null;
