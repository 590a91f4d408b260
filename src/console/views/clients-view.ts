import { html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { toPortalApiError } from '../../core/api/errors.js';
import { ConsoleView, formText } from '../console-view.js';
import type { OfficeClient, OfficeClinician } from '../office-types.js';

type FieldErrors = Partial<Record<'name' | 'email', string>>;

/** The practice's clients (a clinician: their own), a search, and the form that adds one with the welcome email. */
@customElement('office-clients')
export class OfficeClients extends ConsoleView {
  @state() private clients: OfficeClient[] | null = null;
  @state() private clinicians: OfficeClinician[] = [];
  @state() private error = '';
  @state() private formError = '';
  @state() private fieldErrors: FieldErrors = {};
  @state() private busy = false;
  @state() private added = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.api.clinicians().then(
      (list) => (this.clinicians = list.filter((c) => c.active)),
      () => undefined, // the form still works without the clinician choice
    );
  }

  private async load(q?: string) {
    this.error = '';
    try {
      this.clients = await this.api.clients(q);
    } catch (error) {
      this.error = this.describe(error);
    }
  }

  private search(event: SubmitEvent) {
    event.preventDefault();
    const q = (this.renderRoot.querySelector<HTMLInputElement>('#q')?.value ?? '').trim();
    void this.load(q || undefined);
  }

  private async add(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const name = formText(data, 'name');
    const email = formText(data, 'email');
    const errors: FieldErrors = {};
    if (!name) errors.name = msg("Enter the client's name.", { id: 'console-add-name-missing' });
    const emailInput = form.querySelector<HTMLInputElement>('#new-email')!;
    if (!email || !emailInput.checkValidity()) errors.email = msg('Enter an email address, like name@example.com.', { id: 'console-add-email-invalid' });
    this.fieldErrors = errors;
    this.formError = '';
    this.added = '';
    if (errors.name || errors.email) {
      await this.updateComplete;
      form.querySelector<HTMLElement>(errors.name ? '#new-name' : '#new-email')?.focus();
      return;
    }
    const clinician = Number(data.get('clinician'));
    const sendWelcome = data.get('welcome') === 'on';
    this.busy = true;
    try {
      const created = await this.api.addClient({
        name,
        email,
        language: formText(data, 'language', 'en'),
        ...(clinician ? { clinicianId: clinician } : {}),
        sendWelcome,
      });
      this.added = created.welcomeSent
        ? msg(str`${name} was added and the welcome email is on its way.`, { id: 'console-add-done-welcome' })
        : msg(str`${name} was added.`, { id: 'console-add-done' });
      this.announce(this.added);
      form.reset();
      await this.load();
    } catch (error) {
      const e = toPortalApiError(error);
      if (e.code === 'conflict' && !sendWelcome) this.fieldErrors = { email: msg('A client with this email already exists.', { id: 'console-add-email-taken' }) };
      else if (e.code === 'conflict') this.formError = msg('A client with this email already exists, or the practice has no portal page for the welcome email.', { id: 'console-add-conflict' });
      else if (e.code === 'validation' && e.fields.email) this.fieldErrors = { email: msg('Enter an email address, like name@example.com.', { id: 'console-add-email-invalid' }) };
      else this.formError = this.describe(error);
    } finally {
      this.busy = false;
    }
  }

  override render(): TemplateResult {
    return html`
      <h1 tabindex="-1">${msg('Clients', { id: 'console-clients-title' })}</h1>
      <form class="row" role="search" @submit=${this.search}>
        <label for="q" class="visually-hidden">${msg('Search clients', { id: 'console-clients-search-label' })}</label>
        <input id="q" type="search" class="search-input" placeholder=${msg('Name or email', { id: 'console-clients-search-placeholder' })} />
        <button class="button" data-variant="secondary" type="submit">${msg('Search', { id: 'console-clients-search' })}</button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.clients === null && !this.error ? html`<p role="status">${msg('Loading…', { id: 'console-loading' })}</p>` : nothing}
      ${this.clients ? this.renderList(this.clients) : nothing}
      ${this.renderAddForm()}
    `;
  }

  private renderList(clients: OfficeClient[]): TemplateResult {
    if (!clients.length) return html`<p>${msg('No clients found.', { id: 'console-clients-empty' })}</p>`;
    return html`<ul class="list" aria-label=${msg('Clients', { id: 'console-clients-title' })}>
      ${clients.map(
        (c) => html`<li>
          <button class="link-button" type="button" @click=${() => this.navigate({ name: 'client', profileId: c.id })}>${c.displayName}</button>
          <span class="muted">${c.accounts[0]?.email ?? ''}</span>
        </li>`,
      )}
    </ul>`;
  }

  private renderAddForm(): TemplateResult {
    const err = this.fieldErrors;
    return html`
      <section class="card" aria-labelledby="add-title">
        <h2 id="add-title">${msg('Add a client', { id: 'console-add-title' })}</h2>
        ${this.formError ? html`<p class="form-error" role="alert">${this.formError}</p>` : nothing}
        ${this.added ? html`<p class="success">${this.added}</p>` : nothing}
        <form novalidate @submit=${this.add}>
          <div class="field">
            <label for="new-name">${msg('Name', { id: 'console-add-name' })}</label>
            <input id="new-name" name="name" autocomplete="off" required maxlength="200"
              aria-invalid=${err.name ? 'true' : 'false'} aria-describedby=${err.name ? 'new-name-error' : nothing} />
            ${err.name ? html`<p id="new-name-error" class="field-error">${err.name}</p>` : nothing}
          </div>
          <div class="field">
            <label for="new-email">${msg('Email', { id: 'console-add-email' })}</label>
            <input id="new-email" name="email" type="email" autocomplete="off" required
              aria-invalid=${err.email ? 'true' : 'false'} aria-describedby=${err.email ? 'new-email-error' : nothing} />
            ${err.email ? html`<p id="new-email-error" class="field-error">${err.email}</p>` : nothing}
          </div>
          <div class="field">
            <label for="new-language">${msg('Language of emails and portal', { id: 'console-add-language' })}</label>
            <select id="new-language" name="language">
              <option value="en">English</option>
              <option value="es" lang="es">Español</option>
            </select>
          </div>
          ${this.clinicians.length
            ? html`<div class="field">
                <label for="new-clinician">${msg('Clinician', { id: 'console-add-clinician' })}</label>
                <select id="new-clinician" name="clinician">
                  <option value="">${msg('Not assigned yet', { id: 'console-add-clinician-none' })}</option>
                  ${this.clinicians.map((c) => html`<option value=${c.id}>${c.name}</option>`)}
                </select>
              </div>`
            : nothing}
          <div class="row">
            <input id="new-welcome" name="welcome" type="checkbox" checked />
            <label for="new-welcome">${msg('Send the welcome email with a sign-in link', { id: 'console-add-welcome' })}</label>
          </div>
          <div><button class="button" type="submit" ?disabled=${this.busy}>${msg('Add client', { id: 'console-add-submit' })}</button></div>
        </form>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-clients': OfficeClients;
  }
}
