// The admin API as the demo console calls it. Demo code, not part of the widgets: it uses the
// development admin token the demo server writes into console.html.
const endpoint = document.querySelector('meta[name="portal-endpoint"]').content;
const adminToken = document.querySelector('meta[name="portal-admin-token"]').content;

export const endpointOrigin = new URL(endpoint).origin;

/** A refused admin call: the HTTP status and the stable error code from the body. */
export class AdminError extends Error {
  constructor(status, code, fields) {
    super(`answered ${status}${code ? ` ${code}` : ''}`);
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

export async function admin(path, init = {}) {
  const response = await fetch(`${endpoint}/admin${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json', ...init.headers },
  });
  if (!response.ok) {
    const body = await response.json().catch(() => undefined);
    throw new AdminError(response.status, body?.error?.code, body?.error?.fields);
  }
  return response.status === 204 ? undefined : response.json();
}

export const postAdmin = (path, body) => admin(path, { method: 'POST', body: JSON.stringify(body) });
