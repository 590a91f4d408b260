import { html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { toPortalApiError } from '../../core/api/errors.js';
import { ConsoleView, formText } from '../console-view.js';
import { formatDate, weekdayName, zonedToUtc } from '../format.js';
import type { HoursBlock, OfficeClinician, TimeOffEntry } from '../office-types.js';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** The day after a `YYYY-MM-DD` date (time off ends at the start of the day after its last day). */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** A clinician's weekly hours (in the practice's zone) and time off. A clinician member edits only their own. */
@customElement('office-hours')
export class OfficeHours extends ConsoleView {
  @state() private clinicians: OfficeClinician[] | null = null;
  @state() private clinicianId = 0;
  @state() private blocks: HoursBlock[] | null = null;
  @state() private timeOff: TimeOffEntry[] = [];
  @state() private error = '';
  @state() private blockErrors = new Map<number, string>();
  @state() private saveError = '';
  @state() private saved = '';
  @state() private timeOffError = '';
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadClinicians();
  }

  private async loadClinicians() {
    this.error = '';
    try {
      const all = await this.api.clinicians();
      const own = this.staff?.role === 'clinician' ? all.filter((c) => c.id === this.staff?.clinicianId) : all;
      this.clinicians = own;
      if (own[0]) await this.choose(own[0].id);
    } catch (error) {
      this.error = this.describe(error);
    }
  }

  private async choose(clinicianId: number) {
    this.clinicianId = clinicianId;
    this.blocks = null;
    this.saved = '';
    this.saveError = '';
    this.blockErrors = new Map();
    try {
      const [week, timeOff] = await Promise.all([this.api.hours(clinicianId), this.api.timeOff(clinicianId)]);
      this.blocks = week.hours;
      this.timeOff = timeOff;
    } catch (error) {
      this.error = this.describe(error);
    }
  }

  private edit(index: number, key: 'start' | 'end', value: string) {
    this.blocks = this.blocks!.map((b, i) => (i === index ? { ...b, [key]: value } : b));
    this.saved = '';
  }

  private async addBlock(weekday: number) {
    this.blocks = [...this.blocks!, { weekday, start: '09:00', end: '17:00' }];
    this.saved = '';
    await this.updateComplete;
    const inputs = this.renderRoot.querySelectorAll<HTMLInputElement>(`[data-weekday="${weekday}"] input[type="time"]`);
    inputs[inputs.length - 2]?.focus();
  }

  private removeBlock(index: number) {
    this.blocks = this.blocks!.filter((_, i) => i !== index);
    this.saved = '';
    this.renderRoot.querySelector<HTMLElement>('#save-hours')?.focus();
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const blocks = this.blocks!;
    const errors = new Map<number, string>();
    blocks.forEach((b, i) => {
      if (!b.start || !b.end || b.end <= b.start) errors.set(i, msg('The end must be after the start.', { id: 'console-hours-end-before-start' }));
    });
    this.blockErrors = errors;
    this.saveError = '';
    if (errors.size) {
      this.saveError = msg('Please fix the highlighted hours.', { id: 'console-hours-fix' });
      return;
    }
    this.busy = true;
    try {
      const week = await this.api.saveHours(this.clinicianId, blocks);
      this.blocks = week.hours;
      this.saved = msg('Hours saved. Clients see the new open times at once.', { id: 'console-hours-saved' });
      this.announce(this.saved);
    } catch (error) {
      const e = toPortalApiError(error);
      const fieldErrors = new Map<number, string>();
      for (const key of Object.keys(e.fields)) {
        const index = Number(/^hours\.(\d+)\./.exec(key)?.[1]);
        if (!Number.isNaN(index))
          fieldErrors.set(index, key.endsWith('.start')
            ? msg('These hours overlap others on the same day.', { id: 'console-hours-overlap' })
            : msg('The end must be after the start.', { id: 'console-hours-end-before-start' }));
      }
      this.blockErrors = fieldErrors;
      this.saveError = fieldErrors.size ? msg('Please fix the highlighted hours.', { id: 'console-hours-fix' }) : this.describe(error);
    } finally {
      this.busy = false;
    }
  }

  private async addTimeOff(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const first = formText(data, 'first');
    const last = formText(data, 'last') || first;
    this.timeOffError = '';
    if (!first || last < first) {
      this.timeOffError = msg('Choose a first day, and a last day on or after it.', { id: 'console-timeoff-invalid' });
      form.querySelector<HTMLInputElement>('#off-first')?.focus();
      return;
    }
    try {
      await this.api.addTimeOff(this.clinicianId, zonedToUtc(first, '00:00', this.timeZone), zonedToUtc(nextDay(last), '00:00', this.timeZone));
      this.timeOff = await this.api.timeOff(this.clinicianId);
      this.announce(msg('Time off added.', { id: 'console-timeoff-added' }));
      form.reset();
    } catch (error) {
      this.timeOffError = this.describe(error);
    }
  }

  private async removeTimeOff(entry: TimeOffEntry) {
    try {
      await this.api.removeTimeOff(this.clinicianId, entry.id);
      this.timeOff = this.timeOff.filter((t) => t.id !== entry.id);
      this.announce(msg('Time off removed.', { id: 'console-timeoff-removed' }));
      this.renderRoot.querySelector<HTMLElement>('#off-first')?.focus();
    } catch (error) {
      this.timeOffError = this.describe(error);
    }
  }

  override render(): TemplateResult {
    const zone = this.timeZone;
    return html`
      <h1 tabindex="-1">${msg('Hours and time off', { id: 'console-hours-title' })}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.clinicians === null && !this.error ? html`<p role="status">${msg('Loading…', { id: 'console-loading' })}</p>` : nothing}
      ${this.clinicians && this.clinicians.length > 1
        ? html`<div class="field">
            <label for="clinician">${msg('Clinician', { id: 'console-add-clinician' })}</label>
            <select id="clinician" @change=${(e: Event) => this.choose(Number((e.target as HTMLSelectElement).value))}>
              ${this.clinicians.map((c) => html`<option value=${c.id} ?selected=${c.id === this.clinicianId}>${c.name}</option>`)}
            </select>
          </div>`
        : nothing}
      ${this.blocks
        ? html`<p class="muted">${msg(str`Times are in the practice's time zone (${zone}).`, { id: 'console-hours-zone' })}</p>
            ${this.renderWeek(this.blocks)} ${this.renderTimeOff()}`
        : nothing}
    `;
  }

  private renderWeek(blocks: HoursBlock[]): TemplateResult {
    return html`<form @submit=${this.save} novalidate>
      <h2>${msg('Weekly hours', { id: 'console-hours-weekly' })}</h2>
      ${this.saveError ? html`<p class="form-error" role="alert">${this.saveError}</p>` : nothing}
      ${WEEKDAYS.map((day) => {
        const name = weekdayName(day);
        const dayBlocks = blocks.map((b, i) => ({ b, i })).filter(({ b }) => b.weekday === day);
        return html`<fieldset data-weekday=${day}>
          <legend>${name}</legend>
          ${dayBlocks.length ? nothing : html`<p class="muted">${msg('Not working', { id: 'console-hours-off' })}</p>`}
          ${dayBlocks.map(({ b, i }) => {
            const err = this.blockErrors.get(i);
            return html`<div class="row">
              <label for="start-${i}">${msg('From', { id: 'console-hours-from' })}</label>
              <input id="start-${i}" type="time" .value=${b.start} required aria-invalid=${err ? 'true' : 'false'}
                aria-describedby=${err ? `err-${i}` : nothing} @change=${(e: Event) => this.edit(i, 'start', (e.target as HTMLInputElement).value)} />
              <label for="end-${i}">${msg('to', { id: 'console-hours-to' })}</label>
              <input id="end-${i}" type="time" .value=${b.end} required aria-invalid=${err ? 'true' : 'false'}
                aria-describedby=${err ? `err-${i}` : nothing} @change=${(e: Event) => this.edit(i, 'end', (e.target as HTMLInputElement).value)} />
              <button class="button" data-variant="secondary" type="button" @click=${() => this.removeBlock(i)}
                aria-label=${msg(str`Remove these hours on ${name}`, { id: 'console-hours-remove-label' })}>
                ${msg('Remove', { id: 'console-hours-remove' })}
              </button>
              ${err ? html`<p id="err-${i}" class="field-error">${err}</p>` : nothing}
            </div>`;
          })}
          <button class="link-button" type="button" @click=${() => this.addBlock(day)}
            aria-label=${msg(str`Add hours on ${name}`, { id: 'console-hours-add-label' })}>
            ${msg('Add hours', { id: 'console-hours-add' })}
          </button>
        </fieldset>`;
      })}
      <div class="row">
        <button id="save-hours" class="button" type="submit" ?disabled=${this.busy}>${msg('Save hours', { id: 'console-hours-save' })}</button>
        ${this.saved ? html`<span class="success">${this.saved}</span>` : nothing}
      </div>
    </form>`;
  }

  private renderTimeOff(): TemplateResult {
    return html`<section aria-labelledby="off-title">
      <h2 id="off-title">${msg('Time off', { id: 'console-timeoff-title' })}</h2>
      ${this.timeOff.length
        ? html`<ul class="list">
            ${this.timeOff.map((t) => {
              const from = formatDate(t.start, this.timeZone);
              // The entry ends at midnight after its last day: show that last day.
              const to = formatDate(new Date(Date.parse(t.end) - 60_000).toISOString(), this.timeZone);
              return html`<li class="row">
                <span>${from === to ? from : `${from} – ${to}`}</span>
                <button class="button" data-variant="secondary" type="button" @click=${() => this.removeTimeOff(t)}
                  aria-label=${msg(str`Remove time off from ${from}`, { id: 'console-timeoff-remove-label' })}>
                  ${msg('Remove', { id: 'console-hours-remove' })}
                </button>
              </li>`;
            })}
          </ul>`
        : html`<p>${msg('No time off planned.', { id: 'console-timeoff-none' })}</p>`}
      <form @submit=${this.addTimeOff} novalidate>
        ${this.timeOffError ? html`<p id="off-error" class="form-error" role="alert">${this.timeOffError}</p>` : nothing}
        <div class="row">
          <div class="field">
            <label for="off-first">${msg('First day', { id: 'console-timeoff-first' })}</label>
            <input id="off-first" name="first" type="date" required aria-describedby=${this.timeOffError ? 'off-error' : nothing} />
          </div>
          <div class="field">
            <label for="off-last">${msg('Last day', { id: 'console-timeoff-last' })}</label>
            <input id="off-last" name="last" type="date" />
          </div>
        </div>
        <div><button class="button" type="submit">${msg('Add time off', { id: 'console-timeoff-add' })}</button></div>
      </form>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-hours': OfficeHours;
  }
}
