import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { getLocale } from '../../core/i18n/localization.js';
import { ConsoleView } from '../console-view.js';
import { formatSlot } from '../format.js';
import type { AdminAppointment, SlotList } from '../office-types.js';

/** Fired once a request was approved or declined: the list around it reloads. */
export class RequestDecidedEvent extends Event {
  constructor(readonly appointmentId: number) {
    super('console-request-decided', { bubbles: true, composed: true });
  }
}

const MAX_PROPOSALS = 3;

/** One appointment request waiting for an answer: approve, or decline with a note and up to three other times. */
@customElement('office-request')
export class OfficeRequest extends ConsoleView {
  @property({ attribute: false }) request!: AdminAppointment;

  @state() private declining = false;
  @state() private busy = false;
  @state() private error = '';
  @state() private slots: SlotList | null = null;
  @state() private slotsError = '';
  @state() private chosen: string[] = [];

  private serviceName(): string {
    const names = this.request.service.names;
    return names[getLocale()] ?? names.en ?? Object.values(names)[0] ?? '';
  }

  private async approve() {
    this.busy = true;
    this.error = '';
    try {
      await this.api.approve(this.request.id);
      const who = this.request.profile.displayName;
      this.announce(msg(str`Approved ${who}'s request. The client is emailed the confirmation.`, { id: 'console-request-approved' }));
      this.dispatchEvent(new RequestDecidedEvent(this.request.id));
    } catch (error) {
      this.error = this.describe(error);
    } finally {
      this.busy = false;
    }
  }

  private async openDecline() {
    this.declining = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#note')?.focus();
    if (this.slots) return;
    try {
      this.slots = await this.api.openSlots(this.request.service.id, this.request.clinician.id);
    } catch (error) {
      this.slotsError = this.describe(error);
    }
  }

  private toggle(start: string, on: boolean) {
    this.chosen = on ? [...this.chosen, start].slice(0, MAX_PROPOSALS) : this.chosen.filter((s) => s !== start);
  }

  private async decline(event: SubmitEvent) {
    event.preventDefault();
    const note = this.renderRoot.querySelector<HTMLTextAreaElement>('#note')!.value.trim();
    this.busy = true;
    this.error = '';
    try {
      await this.api.decline(this.request.id, { ...(note ? { note } : {}), proposedStarts: this.chosen });
      const who = this.request.profile.displayName;
      this.announce(msg(str`Declined ${who}'s request. The client is emailed.`, { id: 'console-request-declined' }));
      this.dispatchEvent(new RequestDecidedEvent(this.request.id));
    } catch (error) {
      this.error = this.describe(error);
    } finally {
      this.busy = false;
    }
  }

  override render(): TemplateResult {
    const r = this.request;
    const when = formatSlot(r.start, this.timeZone);
    const service = this.serviceName();
    const clinician = r.clinician.name;
    return html`
      <article class="card" aria-labelledby="title-${r.id}">
        <h3 id="title-${r.id}">${r.profile.displayName}</h3>
        <p>${when}</p>
        <p class="muted">${msg(str`${service} with ${clinician}`, { id: 'console-request-service' })}</p>
        ${r.rescheduleOfId ? html`<p>${msg('Asks to move an appointment to this time.', { id: 'console-request-reschedule' })}</p>` : nothing}
        ${r.message ? html`<p><strong>${msg('Message:', { id: 'console-request-message' })}</strong> ${r.message}</p>` : nothing}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        ${this.declining ? this.renderDecline() : this.renderActions()}
      </article>
    `;
  }

  private renderActions(): TemplateResult {
    const who = this.request.profile.displayName;
    return html`<div class="row">
      <button class="button" type="button" ?disabled=${this.busy} @click=${this.approve} aria-label=${msg(str`Approve ${who}'s request`, { id: 'console-request-approve-label' })}>
        ${msg('Approve', { id: 'console-request-approve' })}
      </button>
      <button class="button" data-variant="secondary" type="button" ?disabled=${this.busy} @click=${this.openDecline} aria-label=${msg(str`Decline ${who}'s request`, { id: 'console-request-decline-label' })}>
        ${msg('Decline…', { id: 'console-request-decline-open' })}
      </button>
    </div>`;
  }

  private renderDecline(): TemplateResult {
    const id = this.request.id;
    return html`
      <form @submit=${this.decline}>
        <div class="field">
          <label for="note">${msg('Note to the client (optional)', { id: 'console-request-note' })}</label>
          <textarea id="note" rows="3" maxlength="1000" aria-describedby="note-hint-${id}"></textarea>
          <p id="note-hint-${id}" class="hint">${msg('Shown in the portal, not emailed.', { id: 'console-request-note-hint' })}</p>
        </div>
        <fieldset>
          <legend>${msg('Propose other times (up to three)', { id: 'console-request-proposals' })}</legend>
          ${this.renderSlots()}
        </fieldset>
        <div class="row">
          <button class="button" type="submit" ?disabled=${this.busy}>${msg('Decline the request', { id: 'console-request-decline' })}</button>
          <button class="button" data-variant="secondary" type="button" @click=${() => (this.declining = false)}>
            ${msg('Cancel', { id: 'console-cancel' })}
          </button>
        </div>
      </form>
    `;
  }

  private renderSlots(): TemplateResult {
    if (this.slotsError) return html`<p class="error">${this.slotsError}</p>`;
    if (!this.slots) return html`<p role="status">${msg('Loading open times…', { id: 'console-request-slots-loading' })}</p>`;
    const starts = this.slots.days.flatMap((d) => d.slots.filter((s) => s.clinicianIds.includes(this.request.clinician.id))).slice(0, 12);
    if (!starts.length) return html`<p>${msg('No open times in the next weeks.', { id: 'console-request-no-slots' })}</p>`;
    const full = this.chosen.length >= MAX_PROPOSALS;
    return html`${starts.map(
      (s, i) => html`<div>
        <input
          type="checkbox"
          id="slot-${i}"
          .checked=${this.chosen.includes(s.start)}
          ?disabled=${full && !this.chosen.includes(s.start)}
          @change=${(e: Event) => this.toggle(s.start, (e.target as HTMLInputElement).checked)}
        />
        <label for="slot-${i}">${formatSlot(s.start, this.timeZone)}</label>
      </div>`,
    )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-request': OfficeRequest;
  }
}
