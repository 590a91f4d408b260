import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { BookingOptions, Modality, OpenSlot } from '../../contract/index.js';
import { dateGrid, type GridActions, type GridModel } from './date-grid.js';
import { summary } from './appointment-list.js';
import { longDay, time, when } from './format.js';
import { localName, modalityLabel } from './messages.js';
import { stepNav } from './step-nav.js';
import type { Draft, Step } from './view-model.js';

export interface FlowModel {
  step: Step;
  options: BookingOptions;
  draft: Draft;
  zone: string;
  grid: GridModel;
  /** Open times per day. */
  slots: ReadonlyMap<string, readonly OpenSlot[]>;
  busy: boolean;
  /** The flow's failure, already in the client's words. */
  error: string | undefined;
  /** After "that time was just taken": the next open times. */
  nextTimes: readonly OpenSlot[] | undefined;
  headingLevel: number;
  /** Whether "Back" leads anywhere from this step. */
  canBack: boolean;
  /** The request's steps in order, up to the review. */
  journey: readonly Step[];
  /** Whether there is a list of appointments to go back to. */
  hasList: boolean;
}

export interface FlowActions extends GridActions {
  service(id: number): void;
  clinician(id: number | undefined): void;
  time(slot: OpenSlot): void;
  details(modality: Modality, message: string): void;
  submit(): void;
  back(): void;
  /** Back to an earlier step of the journey (from the step list). */
  goTo(step: Step): void;
  close(): void;
  again(): void;
}

/** The heading each step starts with; it takes focus when the step appears. */
const heading = (m: FlowModel, text: string) =>
  html`<div class="heading" part="heading" role="heading" aria-level=${m.headingLevel} tabindex="-1">${text}</div>`;

const choice = (label: string, detail: string, onClick: () => void) =>
  html`<li><button class="choice" part="choice" @click=${onClick}><strong>${label}</strong>${detail ? html`<span>${detail}</span>` : nothing}</button></li>`;

export function flowView(m: FlowModel, a: FlowActions): TemplateResult {
  return html`${stepNav(m.journey, m.step, a.goTo)} ${STEP_VIEWS[m.step](m, a)}
    ${m.error ? html`<p class="error" role="alert" part="error">${m.error}</p>` : nothing}
    ${m.nextTimes ? nextTimes(m, a) : nothing}
    <div class="actions">
      ${m.canBack && m.step !== 'done'
        ? html`<button class="button" data-variant="secondary" part="back-button" @click=${a.back}>${msg('Back', { id: 'booking.back' })}</button>`
        : nothing}
      ${m.hasList && m.step !== 'done'
        ? html`<button class="button" data-variant="secondary" part="close-button" @click=${a.close}>
            ${msg('Back to appointments', { id: 'booking.to-list' })}
          </button>`
        : nothing}
    </div>`;
}

type View = (m: FlowModel, a: FlowActions) => TemplateResult;

const STEP_VIEWS: Record<Step, View> = {
  service: (m, a) => html`${heading(m, msg('What would you like to book?', { id: 'booking.service-heading' }))}
    <ul class="choices">
      ${m.options.services.map((s) =>
        choice(localName(s.names), msg(str`${s.durationMinutes} minutes`, { id: 'booking.minutes' }), () => a.service(s.id)),
      )}
    </ul>`,

  clinician: (m, a) => {
    const service = m.options.services.find((s) => s.id === m.draft.service?.id);
    const offering = m.options.clinicians.filter((c) => service?.clinicianIds.includes(c.id));
    return html`${heading(m, msg('With whom?', { id: 'booking.clinician-heading' }))}
      <ul class="choices">
        ${choice(msg('Any available clinician', { id: 'booking.any' }), '', () => a.clinician(undefined))}
        ${offering.map((c) => choice(c.name, localName(c.bio), () => a.clinician(c.id)))}
      </ul>`;
  },

  date: (m, a) => html`${heading(m, msg('Choose a day', { id: 'booking.date-heading' }))}
    <p class="muted" id="grid-hint">${msg('Only days with open times can be chosen.', { id: 'booking.date-hint' })}</p>
    ${m.grid.loading ? html`<p role="status" part="status">${msg('Loading…', { id: 'portal.loading' })}</p>` : nothing}
    ${dateGrid(m.grid, a)}`,

  time: (m, a) => {
    const day = m.draft.day ?? '';
    return html`${heading(m, msg(str`Open times on ${longDay(day)}`, { id: 'booking.time-heading' }))}
      <ul class="slots" part="times">
        ${(m.slots.get(day) ?? []).map(
          (slot) => html`<li><button class="button" data-variant="secondary" part="time" @click=${() => a.time(slot)}>
            ${time(slot.start, m.zone)}</button></li>`,
        )}
      </ul>`;
  },

  details: (m, a) => {
    const modalities = m.draft.moving ? [] : (m.draft.service?.modalities ?? []);
    const submit = (event: SubmitEvent) => {
      event.preventDefault();
      const form = event.target as HTMLFormElement;
      const checked = form.querySelector<HTMLInputElement>('input:checked');
      a.details((checked?.value ?? modalities[0]) as Modality, form.querySelector('textarea')!.value);
    };
    return html`${heading(m, msg('Anything to add?', { id: 'booking.details-heading' }))}
      <form class="form" part="form" @submit=${submit}>
        ${modalities.length > 1
          ? html`<fieldset>
              <legend>${msg('How would you like to meet?', { id: 'booking.modality' })}</legend>
              ${modalities.map(
                (mod) => html`<label class="radio"><input type="radio" name="modality" .value=${mod}
                  ?checked=${mod === (m.draft.modality ?? modalities[0])} />${modalityLabel(mod)}</label>`,
              )}
            </fieldset>`
          : nothing}
        <label for="message">${msg('Message for your clinician (optional)', { id: 'booking.message' })}</label>
        <p class="muted" id="message-hint">${msg('For anything urgent, please call the office.', { id: 'booking.message-hint' })}</p>
        <textarea id="message" name="message" maxlength="1000" rows="3" aria-describedby="message-hint" .value=${m.draft.message}></textarea>
        <button class="button" part="continue-button">${msg('Continue', { id: 'booking.continue' })}</button>
      </form>`;
  },

  review: (m, a) => {
    const { draft } = m;
    const slot = draft.slot!;
    const old = draft.moving && when(draft.moving.start, draft.moving.end, m.zone);
    // The request reads as it will in the list of appointments.
    return html`${heading(m, msg('Review your request', { id: 'booking.review-heading' }))}
      <div class="item" part="review">
        ${summary('review-when', m.zone, m.options.timeZone, slot.start, slot.end, [
          localName(draft.service?.names ?? {}),
          draft.clinician?.name ?? msg('Any available clinician', { id: 'booking.any' }),
          draft.modality && modalityLabel(draft.modality),
        ])}
        ${old ? html`<p class="muted">${msg(str`Instead of ${old}. Your current time stays until the new one is approved.`, { id: 'booking.instead' })}</p>` : nothing}
        ${draft.message ? html`<p class="note">“${draft.message}”</p>` : nothing}
      </div>
      <button class="button" part="submit-button" ?disabled=${m.busy} @click=${a.submit}>
        ${m.busy ? msg('Sending…', { id: 'booking.sending' }) : draft.moving ? msg('Request new time', { id: 'booking.submit-move' }) : msg('Request', { id: 'booking.submit' })}
      </button>`;
  },

  done: (m, a) => html`${heading(
      m,
      m.draft.moving ? msg('New time requested', { id: 'booking.moved-heading' }) : msg('Request sent', { id: 'booking.sent-heading' }),
    )}
    <p part="next-step">
      ${m.draft.moving
        ? msg("You'll get an email when your clinician answers.", { id: 'booking.moved-next' })
        : msg("You'll get an email when your clinician approves it. The time is held for you until then.", { id: 'booking.sent-next' })}
    </p>
    <div class="actions">
      ${m.hasList
        ? html`<button class="button" part="close-button" @click=${a.close}>${msg('See my appointments', { id: 'booking.see-list' })}</button>`
        : html`<button class="button" part="again-button" @click=${a.again}>${msg('Request another appointment', { id: 'booking.again' })}</button>`}
    </div>`,
};

function nextTimes(m: FlowModel, a: FlowActions): TemplateResult {
  const slots = m.nextTimes ?? [];
  return slots.length
    ? html`<p>${msg('The next open times:', { id: 'booking.next-times' })}</p>
        <ul class="times" part="next-times">
          ${slots.map(
            (slot) => html`<li><button class="button" data-variant="secondary" part="time" @click=${() => a.time(slot)}>
              ${when(slot.start, slot.end, m.zone)}</button></li>`,
          )}
        </ul>`
    : html`<p>${msg('No other times are open soon.', { id: 'booking.no-next' })}</p>`;
}
