import { lookup as dnsLookup } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { refusedAddressRange } from './address-policy.js';

export interface SendOutcome {
  /** The HTTP status, when the receiver answered. */
  statusCode: number | null;
  /** Short and ours (never the receiver's body): why it did not count as delivered. */
  error: string | null;
}

export interface SendOptions {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Production: connect only to public addresses, checked after DNS resolution. */
  publicAddressesOnly: boolean;
  /** Resolves a name to every address (injectable for tests); defaults to the system resolver. */
  resolve?: (hostname: string) => Promise<string[]>;
}

export const resolveAll = (hostname: string): Promise<string[]> =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses.map((a) => a.address))));
  });

class RefusedAddress extends Error {
  readonly code = 'EREFUSEDADDRESS';
}

/**
 * A `lookup` for the socket that resolves the name, refuses it if ANY address is not public,
 * and hands the socket the address it checked: the connection is pinned to what was checked,
 * so a second DNS answer (rebinding) cannot slip a private address in.
 */
function guardedLookup(resolve: (hostname: string) => Promise<string[]>): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname)
      .then((addresses) => {
        const refused = addresses.find((a) => refusedAddressRange(a) !== null);
        if (addresses.length === 0 || refused !== undefined) throw new RefusedAddress('The endpoint resolves to a non-public address.');
        const chosen = addresses[0];
        const family = isIP(chosen);
        if (options.all) callback(null, [{ address: chosen, family }]);
        else callback(null, chosen, family);
      })
      .catch((err: NodeJS.ErrnoException) => callback(err, '', 0));
  };
}

/**
 * POSTs one signed webhook. 2xx counts as delivered; redirects are not followed (a 3xx is a
 * failure, so a receiver cannot bounce us to an internal address); the receiver's body is
 * read and discarded. Never throws.
 */
export function sendWebhook(options: SendOptions): Promise<SendOutcome> {
  return new Promise((done) => {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      done({ statusCode: null, error: 'invalid URL' });
      return;
    }
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (options.publicAddressesOnly && isIP(literal) && refusedAddressRange(literal) !== null) {
      done({ statusCode: null, error: 'refused: non-public address' });
      return;
    }
    const requestOptions: RequestOptions = {
      method: 'POST',
      headers: { ...options.headers, 'content-type': 'application/json', 'user-agent': 'client-portal-webhooks/1', 'content-length': Buffer.byteLength(options.body) },
      ...(options.publicAddressesOnly ? { lookup: guardedLookup(options.resolve ?? resolveAll) } : {}),
      agent: false,
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const finish = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done(outcome);
    };
    const req = send(url, requestOptions, (res) => {
      const statusCode = res.statusCode ?? 0;
      res.resume(); // drain and discard the body
      res.on('end', () => finish({ statusCode, error: statusCode >= 200 && statusCode < 300 ? null : `HTTP ${statusCode}` }));
      res.on('error', () => finish({ statusCode, error: `HTTP ${statusCode}` }));
    });
    const timer = setTimeout(() => {
      finish({ statusCode: null, error: `timeout after ${options.timeoutMs} ms` });
      req.destroy();
    }, options.timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => {
      const code = err instanceof RefusedAddress ? 'refused: non-public address' : (err.code ?? 'network error');
      finish({ statusCode: null, error: code });
    });
    req.end(options.body);
  });
}
