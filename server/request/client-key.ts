/**
 * Who a budget belongs to: an IPv4 address, or an IPv6 /64 (one subscriber's whole
 * network: a client can pick any address in it, so counting single addresses would let it
 * multiply its budget by 2^64).
 */
export function clientKey(ip: string): string {
  const address = ip.replace(/%.*$/, ''); // drop an IPv6 zone id
  if (!address.includes(':')) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
