// The demo's clinician console. Demo code, not part of the widgets: it calls the admin API
// directly with the development admin token.
const endpoint = document.querySelector('meta[name="portal-endpoint"]').content;
const adminToken = document.querySelector('meta[name="portal-admin-token"]').content;
const endpointOrigin = new URL(endpoint).origin;

for (const link of document.querySelectorAll('[data-endpoint-link]')) {
  link.href = endpointOrigin + link.dataset.endpointLink;
}

export async function admin(path, init = {}) {
  const response = await fetch(`${endpoint}/admin${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json', ...init.headers },
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}`);
  return response.status === 204 ? undefined : response.json();
}

async function showSettings() {
  const status = document.querySelector('[data-settings-status]');
  const table = document.querySelector('[data-settings]');
  try {
    const settings = await admin('/settings');
    const body = table.tBodies[0];
    for (const [key, value] of Object.entries(settings)) {
      const row = body.insertRow();
      row.insertCell().textContent = key;
      row.insertCell().textContent = typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
    table.hidden = false;
    status.textContent = '';
  } catch (error) {
    status.textContent = `Could not load the settings: ${error.message}`;
  }
}
showSettings();
