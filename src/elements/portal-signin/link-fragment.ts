/**
 * The emailed sign-in link carries its token in the URL fragment (`#ml=<token>`), which
 * browsers never send to a server, so scanners, proxies and access logs never see it (R7).
 * The first widget to look takes it and removes it from the address bar at once, so it is
 * not bookmarked, shared or left in the history of a shared device (and a second widget
 * finds nothing). A malformed token is still returned: the endpoint answers `link_invalid`
 * and the client is told so.
 */
export function takeLinkToken(): string | null {
  const hash = globalThis.location?.hash ?? '';
  if (!hash.includes('ml=')) return null;
  const params = new URLSearchParams(hash.slice(1));
  const token = params.get('ml');
  if (token === null) return null;
  params.delete('ml');
  const rest = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  return token.slice(0, 256);
}
