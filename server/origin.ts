/**
 * Origins are compared as exact strings, so they are stored in one canonical form: the
 * WHATWG serialisation (`scheme://host[:port]`, lower-case, default port dropped).
 */
export function normalizeOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`Not an origin: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`Origin must be http(s): ${value}`);
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new TypeError(`An origin has no credentials, path, query or fragment: ${value}`);
  }
  return url.origin;
}

/**
 * Whether a request's `Origin` header is on the allow-list: an exact scheme+host+port match
 * (R27). `null` (sandboxed frames, file: pages, some redirects) never matches, and nothing
 * is parsed leniently: `https://practice.com.evil.test` is simply a different string.
 */
export function isAllowedOrigin(origin: string | undefined, allowed: readonly string[]): origin is string {
  if (!origin || origin === 'null') return false;
  return allowed.includes(origin);
}
