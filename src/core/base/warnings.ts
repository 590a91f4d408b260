const warned = new Set<string>();

/**
 * Tells the page's developer (console, once per element and value) about an endpoint
 * that cannot work or is unsafe: missing, or not https outside localhost.
 */
export function configurationWarning(tag: string, endpoint: string): void {
  const problem = endpointProblem(endpoint);
  if (!problem) return;
  const key = `${tag}|${endpoint}`;
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(`<${tag}>: ${problem} See the README, "Embedding".`);
}

export function endpointProblem(endpoint: string): string | undefined {
  if (!endpoint) return 'the `endpoint` attribute is missing, so the widget cannot reach the portal.';
  let url: URL;
  try {
    url = new URL(endpoint, globalThis.location?.href);
  } catch {
    return `the endpoint "${endpoint}" is not a valid URL.`;
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || url.hostname.endsWith('.localhost');
  if (url.protocol !== 'https:' && !local) return `the endpoint must use https:// (got ${url.protocol}//${url.host}).`;
  return undefined;
}
