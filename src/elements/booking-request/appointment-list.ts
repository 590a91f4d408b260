import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Appointment, AppointmentList, ProposedTime } from '../../contract/index.js';
import { practiceTime, when } from './format.js';
import { localName, modalityLabel, statusLabel } from './messages.js';

export interface ListModel {
  list: AppointmentList;
  zone: string;
  /** This sign-in may book, cancel and reschedule for the profile. */
  canBook: boolean;
  /** The appointment whose cancel confirmation is open. */
  confirming: number | undefined;
  /** A failure tied to one appointment (e.g. inside the cancellation window). */
  itemError: { id: number; text: string } | undefined;
  busy: boolean;
  headingLevel: number;
}

export interface ListActions {
  askCancel(a: Appointment): void;
  keep(): void;
  cancel(a: Appointment): void;
  reschedule(a: Appointment): void;
  propose(a: Appointment, p: ProposedTime): void;
  another(a: Appointment): void;
}

/** "(555) 555-0142" as a tel: link, for everything the client must do by phone. */
export const phoneLink = (list: AppointmentList): TemplateResult => html`<a href="tel:${list.phone}">${list.phoneDisplay}</a>`;

export function appointmentList(m: ListModel, a: ListActions): TemplateResult {
  const { upcoming, past } = m.list;
  // Focusable from script only: it takes focus when the list comes back (after a cancel, say).
  return html`<div class="heading" part="heading" role="heading" aria-level=${m.headingLevel} tabindex="-1">
      ${msg('Upcoming appointments', { id: 'booking.upcoming' })}
    </div>
    ${upcoming.length
      ? html`<ul class="list" part="list">${upcoming.map((item) => appointment(m, a, item, true))}</ul>`
      : html`<p class="muted">${msg('You have no upcoming appointments.', { id: 'booking.none-upcoming' })}</p>`}
    ${past.length
      ? html`<details part="past">
          <summary>${msg(str`Past appointments (${past.length})`, { id: 'booking.past' })}</summary>
          <ul class="list">${past.map((item) => appointment(m, a, item, false))}</ul>
        </details>`
      : nothing}`;
}

/** When (in the client's zone, and the practice's when it differs), what, with whom, how: as listed and as reviewed. */
export const summary = (id: string, zone: string, practiceZone: string, start: string, end: string, what: Array<string | undefined>) => {
  const other = practiceTime(start, end, zone, practiceZone);
  return html`<p class="when" id=${id}>${when(start, end, zone)}</p>
    ${other ? html`<p class="muted">${other}</p>` : nothing}
    <p>${what.filter(Boolean).join(' · ')}</p>`;
};

function appointment(m: ListModel, a: ListActions, item: Appointment, upcoming: boolean): TemplateResult {
  const confirmed = item.status === 'confirmed' || item.status === 'reschedule_requested';
  const request = item.status === 'requested';
  const id = `a${item.id}`;
  return html`<li class="item" part="appointment" data-status=${item.status} aria-labelledby="${id}-when">
    ${summary(`${id}-when`, m.zone, item.timeZone, item.start, item.end, [
      localName(item.service.names),
      item.clinician.name,
      modalityLabel(item.modality),
    ])}
    <p class="status" part="status-label">${statusLabel(item)}</p>
    ${upcoming && item.status === 'declined' ? declined(m, a, item) : nothing}
    ${upcoming && m.canBook && confirmed && !item.cancellable
      ? html`<p>${msg('To cancel or change it, please call the office:', { id: 'booking.call-office' })} ${phoneLink(m.list)}</p>`
      : nothing}
    ${m.itemError?.id === item.id ? html`<p class="error" role="alert">${m.itemError.text} ${phoneLink(m.list)}</p>` : nothing}
    ${m.canBook && upcoming && item.cancellable && m.confirming !== item.id
      ? html`<div class="actions">
          ${item.reschedulable
            ? html`<button class="button" data-variant="secondary" part="reschedule-button" ?disabled=${m.busy}
                aria-describedby="${id}-when" @click=${() => a.reschedule(item)}>${msg('Reschedule', { id: 'booking.reschedule' })}</button>`
            : nothing}
          <button class="button" data-variant="secondary" part="cancel-button" ?disabled=${m.busy}
            aria-describedby="${id}-when" @click=${() => a.askCancel(item)}>
            ${request ? msg('Withdraw request', { id: 'booking.withdraw' }) : msg('Cancel', { id: 'booking.cancel' })}
          </button>
        </div>`
      : nothing}
    ${m.confirming === item.id
      ? html`<div class="confirm" part="confirm" role="group" aria-labelledby="${id}-ask">
          <p id="${id}-ask">
            ${request
              ? msg('Withdraw this request?', { id: 'booking.withdraw-ask' })
              : msg('Cancel this appointment?', { id: 'booking.cancel-ask' })}
          </p>
          <div class="actions">
            <button class="button" part="confirm-button" ?disabled=${m.busy} @click=${() => a.cancel(item)}>
              ${request ? msg('Yes, withdraw it', { id: 'booking.withdraw-yes' }) : msg('Yes, cancel it', { id: 'booking.cancel-yes' })}
            </button>
            <button class="button" data-variant="secondary" part="keep-button" @click=${a.keep}>
              ${msg('Keep it', { id: 'booking.keep' })}
            </button>
          </div>
        </div>`
      : nothing}
  </li>`;
}

function declined(m: ListModel, a: ListActions, item: Appointment): TemplateResult {
  const open = item.proposals.filter((p) => p.available);
  return html`${item.declineNote ? html`<p class="note">“${item.declineNote}”</p>` : nothing}
    ${m.canBook && open.length
      ? html`<p>${msg('Your clinician suggested these times:', { id: 'booking.proposals' })}</p>
          <ul class="times" part="proposals">
            ${open.map(
              (p, i) => html`<li>
                <span id="a${item.id}-p${i}">${when(p.start, p.end, m.zone)}</span>
                <button class="button" part="proposal-button" aria-describedby="a${item.id}-p${i}" ?disabled=${m.busy}
                  @click=${() => a.propose(item, p)}>${msg('Request this time', { id: 'booking.request-this' })}</button>
              </li>`,
            )}
          </ul>`
      : nothing}
    ${m.canBook
      ? html`<button class="button" data-variant="secondary" part="another-button" @click=${() => a.another(item)}>
          ${msg('Choose another time', { id: 'booking.another' })}
        </button>`
      : nothing}`;
}
