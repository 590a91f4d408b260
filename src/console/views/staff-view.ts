import { html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { toPortalApiError } from '../../core/api/errors.js';
import { ConsoleView, formText } from '../console-view.js';
import type { OfficeClinician, StaffMember, StaffRole } from '../office-types.js';

export const roleName = (role: StaffRole): string =>
  role === 'owner'
    ? msg('Owner', { id: 'console-role-owner' })
    : role === 'clinician'
      ? msg('Clinician', { id: 'console-add-clinician' })
      : msg('Office', { id: 'console-role-office' });

/** Owners: the practice's staff, adding a member (emailed a sign-in link), deactivating one. */
@customElement('office-staff')
export class OfficeStaff extends ConsoleView {
  @state() private members: StaffMember[] | null = null;
  @state() private clinicians: OfficeClinician[] = [];
  @state() private newRole: StaffRole = 'office';
  @state() private error = '';
  @state() private formError = '';
  @state() private done = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      [this.members, this.clinicians] = await Promise.all([this.api.staff(), this.api.clinicians()]);
    } catch (error) {
      this.error = this.describe(error);
    }
  }

  private async add(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const name = formText(data, 'name');
    const email = formText(data, 'email');
    this.formError = '';
    this.done = '';
    if (!name || !email || !form.querySelector<HTMLInputElement>('#staff-email')!.checkValidity()) {
      this.formError = msg('Enter a name and an email address.', { id: 'console-staff-missing' });
      return;
    }
    const clinicianId = Number(data.get('clinician'));
    try {
      await this.api.addStaff({ name, email, role: this.newRole, language: formText(data, 'language', 'en'), ...(this.newRole === 'clinician' && clinicianId ? { clinicianId } : {}) });
      this.done = msg(str`${name} was added and emailed a sign-in link.`, { id: 'console-staff-added' });
      this.announce(this.done);
      form.reset();
      this.newRole = 'office';
      await this.load();
    } catch (error) {
      this.formError =
        toPortalApiError(error).code === 'conflict'
          ? msg('A staff member with this email (or for this clinician) already exists.', { id: 'console-staff-conflict' })
          : this.describe(error);
    }
  }

  private async setActive(member: StaffMember, active: boolean) {
    this.error = '';
    try {
      await this.api.updateStaff(member.id, { active });
      const who = member.name;
      this.announce(active ? msg(str`${who} can sign in again.`, { id: 'console-staff-activated' }) : msg(str`${who} was deactivated.`, { id: 'console-staff-deactivated' }));
      await this.load();
    } catch (error) {
      this.error =
        toPortalApiError(error).code === 'conflict'
          ? msg('The practice needs at least one active owner.', { id: 'console-staff-last-owner' })
          : this.describe(error);
    }
  }

  private chooseRole(event: Event) {
    this.newRole = (event.target as HTMLSelectElement).value as StaffRole;
  }

  override render(): TemplateResult {
    return html`
      <h1 tabindex="-1">${msg('Staff', { id: 'console-staff-title' })}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.members === null && !this.error ? html`<p role="status">${msg('Loading…', { id: 'console-loading' })}</p>` : nothing}
      ${this.members
        ? html`<ul class="list">
            ${this.members.map(
              (m) => html`<li class="card">
                <strong>${m.name}</strong> <span class="muted">${m.email} · ${roleName(m.role)}${m.active ? '' : ` · ${msg('Deactivated', { id: 'console-staff-inactive' })}`}</span>
                ${m.id === this.staff?.id
                  ? nothing
                  : html`<div>
                      <button class="button" data-variant="secondary" type="button" @click=${() => this.setActive(m, !m.active)}>
                        ${m.active ? msg('Deactivate', { id: 'console-staff-deactivate' }) : msg('Reactivate', { id: 'console-staff-reactivate' })}
                      </button>
                    </div>`}
              </li>`,
            )}
          </ul>`
        : nothing}
      <section class="card" aria-labelledby="add-staff">
        <h2 id="add-staff">${msg('Add a staff member', { id: 'console-staff-add-title' })}</h2>
        ${this.formError ? html`<p id="staff-error" class="form-error" role="alert">${this.formError}</p>` : nothing}
        ${this.done ? html`<p class="success">${this.done}</p>` : nothing}
        <form novalidate @submit=${this.add} aria-describedby=${this.formError ? 'staff-error' : nothing}>
          <div class="field"><label for="staff-name">${msg('Name', { id: 'console-add-name' })}</label><input id="staff-name" name="name" required autocomplete="off" /></div>
          <div class="field"><label for="staff-email">${msg('Email', { id: 'console-add-email' })}</label><input id="staff-email" name="email" type="email" required autocomplete="off" /></div>
          <div class="field">
            <label for="staff-role">${msg('Role', { id: 'console-staff-role' })}</label>
            <select id="staff-role" name="role" @change=${this.chooseRole}>
              ${(['office', 'clinician', 'owner'] as const).map((r) => html`<option value=${r} ?selected=${r === this.newRole}>${roleName(r)}</option>`)}
            </select>
          </div>
          ${this.newRole === 'clinician'
            ? html`<div class="field">
                <label for="staff-clinician">${msg('Which clinician', { id: 'console-staff-which-clinician' })}</label>
                <select id="staff-clinician" name="clinician">${this.clinicians.map((c) => html`<option value=${c.id}>${c.name}</option>`)}</select>
              </div>`
            : nothing}
          <div class="field">
            <label for="staff-language">${msg('Language of emails', { id: 'console-staff-language' })}</label>
            <select id="staff-language" name="language"><option value="en">English</option><option value="es" lang="es">Español</option></select>
          </div>
          <div><button class="button" type="submit">${msg('Add and email a sign-in link', { id: 'console-staff-add' })}</button></div>
        </form>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-staff': OfficeStaff;
  }
}
