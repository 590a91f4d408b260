// The demo's clinician console. Demo code, not part of the widgets: it calls the admin API
// directly with the development admin token (see console-api.js).
import { admin, endpointOrigin } from './console-api.js';
import { setUpDocuments } from './console-documents.js';
import { setUpHouseholds } from './console-households.js';
import { setUpInvitationForm, setUpPinForm } from './console-sign-in.js';

export { admin } from './console-api.js';

for (const link of document.querySelectorAll('[data-endpoint-link]')) {
  link.href = endpointOrigin + link.dataset.endpointLink;
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

setUpPinForm(document.querySelector('[data-pin-form]'));
setUpInvitationForm(document.querySelector('[data-invitation-form]'));
setUpHouseholds(document.querySelector('[data-households-section]'));
setUpDocuments(document.querySelector('[data-documents-section]'));
showSettings();
