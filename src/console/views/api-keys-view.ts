import { html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { ConsoleView, formText } from '../console-view.js';
import { formatDateTime } from '../format.js';
import type { ApiKeyScope, ApiKeySummary } from '../office-types.js';

const SCOPES: ApiKeyScope[] = ['read', 'write', 'webhooks'];
const scopeName = (scope: ApiKeyScope): string =>
  scope === 'read'
    ? msg('Read', { id: 'console-keys-scope-read' })
    : scope === 'write'
      ? msg('Act on requests, forms and files', { id: 'console-keys-scope-write' })
      : msg('Manage webhooks', { id: 'console-keys-scope-webhooks' });

/** Owners: the practice's API keys; a new key's secret is shown once, here, and never again. */
@customElement('office-api-keys')
export class OfficeApiKeys extends ConsoleView {
  @state() private keys: ApiKeySummary[] | null = null;
  @state() private secret = '';
  @state() private error = '';
  @state() private formError = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.keys = await this.api.apiKeys();
    } catch (error) {
      this.error = this.describe(error);
    }
  }

  private async create(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const name = formText(data, 'name');
    const scopes = SCOPES.filter((s) => data.get(`scope-${s}`) === 'on');
    this.formError = '';
    if (!name || !scopes.length) {
      this.formError = msg('Name the key and choose at least one permission.', { id: 'console-keys-missing' });
      return;
    }
    try {
      this.secret = (await this.api.createApiKey(name, scopes)).secret;
      form.reset();
      await this.load();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#secret-title')?.focus();
    } catch (error) {
      this.formError = this.describe(error);
    }
  }

  private async revoke(key: ApiKeySummary) {
    try {
      await this.api.revokeApiKey(key.id);
      const name = key.name;
      this.announce(msg(str`The key ${name} was revoked.`, { id: 'console-keys-revoked' }));
      await this.load();
    } catch (error) {
      this.error = this.describe(error);
    }
  }

  private dismissSecret() {
    this.secret = '';
  }

  override render(): TemplateResult {
    return html`
      <h1 tabindex="-1">${msg('API keys', { id: 'console-keys-title' })}</h1>
      <p>${msg("For the practice's other systems (an EHR, a CRM). A key never manages staff or keys.", { id: 'console-keys-intro' })}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.secret
        ? html`<section class="card" aria-labelledby="secret-title">
            <h2 id="secret-title" tabindex="-1">${msg('Copy the new key now', { id: 'console-keys-secret-title' })}</h2>
            <p>${msg('It is shown this once. Store it in the system that will use it.', { id: 'console-keys-secret-once' })}</p>
            <p class="secret">${this.secret}</p>
            <button class="button" data-variant="secondary" type="button" @click=${this.dismissSecret}>${msg('Done', { id: 'console-done' })}</button>
          </section>`
        : nothing}
      ${this.keys
        ? this.keys.length
          ? html`<ul class="list">
              ${this.keys.map(
                (k) => html`<li class="card">
                  <strong>${k.name}</strong> <span class="secret">${k.prefix}…</span>
                  <p class="muted">${k.scopes.map(scopeName).join(', ')} · ${formatDateTime(k.createdAt, this.timeZone)}</p>
                  ${k.revokedAt
                    ? html`<p>${msg('Revoked', { id: 'console-keys-revoked-state' })}</p>`
                    : html`<button class="button" data-variant="secondary" type="button" @click=${() => this.revoke(k)}
                        aria-label=${msg(str`Revoke the key ${k.name}`, { id: 'console-keys-revoke-label' })}>${msg('Revoke', { id: 'console-keys-revoke' })}</button>`}
                </li>`,
              )}
            </ul>`
          : html`<p>${msg('No API keys yet.', { id: 'console-keys-none' })}</p>`
        : nothing}
      <section class="card" aria-labelledby="new-key">
        <h2 id="new-key">${msg('Make a key', { id: 'console-keys-new' })}</h2>
        ${this.formError ? html`<p id="key-error" class="form-error" role="alert">${this.formError}</p>` : nothing}
        <form novalidate @submit=${this.create}>
          <div class="field">
            <label for="key-name">${msg('What it is for', { id: 'console-keys-name' })}</label>
            <input id="key-name" name="name" maxlength="100" required aria-describedby=${this.formError ? 'key-error' : nothing} />
          </div>
          <fieldset>
            <legend>${msg('Permissions', { id: 'console-keys-scopes' })}</legend>
            ${SCOPES.map((s) => html`<div class="row"><input id="scope-${s}" name="scope-${s}" type="checkbox" ?checked=${s === 'read'} /><label for="scope-${s}">${scopeName(s)}</label></div>`)}
          </fieldset>
          <div><button class="button" type="submit">${msg('Make the key', { id: 'console-keys-create' })}</button></div>
        </form>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-api-keys': OfficeApiKeys;
  }
}
