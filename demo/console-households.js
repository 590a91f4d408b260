// Console: who may act for whom. Lists every client account with its live links, revokes a
// guardian or partner link, and links an account to a minor (guardian) or a couple (partner).
import { admin, postAdmin } from './console-api.js';
import { el, problem, say } from './console-dom.js';

/** The profile kind each relationship may point at (the server enforces the same rule). */
const KIND_FOR = { guardian: 'minor', partner: 'couple' };
const LINK_TEXT = { self: 'own profile', guardian: 'guardian of a minor', partner: 'partner in a couple' };

export function setUpHouseholds(section) {
  const status = section.querySelector('[data-households-status]');
  const table = section.querySelector('[data-households]');
  const form = section.querySelector('[data-link-form]');
  const formStatus = section.querySelector('[data-link-status]');
  let profiles = [];

  function linkItem(account, link) {
    const item = el('li', {}, `${link.displayName} (${LINK_TEXT[link.relationship]}) `);
    if (link.relationship !== 'self') {
      const button = el('button', { type: 'button', className: 'console-small' }, 'Revoke');
      // The visible text repeats per row; the accessible name says which link it ends.
      button.setAttribute('aria-label', `Revoke ${account.name}'s access to ${link.displayName}`);
      button.addEventListener('click', () => revoke(account, link));
      item.append(button);
    }
    return item;
  }

  function render(households) {
    const body = table.tBodies[0];
    body.replaceChildren(
      ...households.accounts.map((account) => {
        const links = account.links.length
          ? el('ul', { className: 'console-links' }, ...account.links.map((link) => linkItem(account, link)))
          : el('span', { className: 'pending' }, 'No live links');
        const row = el('tr');
        row.append(el('th', { scope: 'row' }, account.name), el('td', {}, account.email), el('td', {}, links));
        return row;
      }),
    );
    table.hidden = false;
    profiles = households.profiles;
    const accountSelect = form.elements.email;
    const chosen = accountSelect.value;
    accountSelect.replaceChildren(...households.accounts.map((a) => el('option', { value: a.email }, `${a.name} (${a.email})`)));
    if (chosen) accountSelect.value = chosen;
    fillProfiles();
  }

  function fillProfiles() {
    const kind = KIND_FOR[form.elements.relationship.value];
    const select = form.elements.profileId;
    const options = profiles.filter((p) => p.kind === kind).map((p) => el('option', { value: String(p.id) }, p.displayName));
    select.replaceChildren(...options);
    select.disabled = options.length === 0;
  }

  async function load() {
    try {
      render(await admin('/households'));
      if (status.textContent === 'Loading…') say(status, '');
    } catch (error) {
      say(status, `Could not load the households. ${problem(error)}`, { error: true });
    }
  }

  async function revoke(account, link) {
    if (!window.confirm(`Revoke ${account.name}'s access to ${link.displayName}? It takes effect on their next request.`)) return;
    try {
      await postAdmin('/profile-links/revoke', { email: account.email, profileId: link.profileId });
      say(status, `${account.name} can no longer act for ${link.displayName}.`);
    } catch (error) {
      say(status, `Nothing revoked. ${problem(error)}`, { error: true });
    }
    await load();
    // The button is gone with the row's re-render: put focus on the outcome instead.
    status.focus();
  }

  form.elements.relationship.addEventListener('change', fillProfiles);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = form.elements.email.value;
    const relationship = form.elements.relationship.value;
    const profileId = Number(form.elements.profileId.value);
    try {
      await postAdmin('/profile-links', { email, profileId, relationship });
      say(formStatus, `Linked ${email} as ${relationship}. It takes effect on their next request.`);
      await load();
    } catch (error) {
      say(formStatus, `Not linked. ${problem(error)}`, { error: true });
    }
  });

  return load();
}
