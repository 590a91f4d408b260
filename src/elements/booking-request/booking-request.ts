import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { Task } from '@lit/task';
import type { Appointment, AppointmentList, BookingOptions, Modality, OpenSlot, ProposedTime } from '../../contract/index.js';
import { toPortalApiError } from '../../core/api/errors.js';
import { PortalElement } from '../../core/base/portal-element.js';
import { ActingProfileGate } from '../../core/controllers/acting-profile-gate.js';
import { PortalBookingCancelledEvent, PortalBookingRequestedEvent, PortalBookingRescheduledEvent } from '../../core/events.js';
import { appointmentList, type ListActions } from './appointment-list.js';
import { keyTarget } from './date-grid.js';
import { browserZone, today } from './format.js';
import { bookingError } from './messages.js';
import type { Draft, Step } from './model.js';
import { OpenTimes } from './open-times.js';
import { flowView, type FlowActions } from './request-steps.js';
import { headingStyles } from '../../core/styles/heading.styles.js';
import { styles } from './booking-request.styles.js';

const newDraft = (): Draft => ({ message: '', key: '' });

/**
 * Appointments for the acting profile: the list (upcoming and past, with status), and
 * requests, cancellations and reschedules, each waiting for the clinician's approval.
 * Times show in the client's zone, with the practice's zone named when it differs.
 *
 * Keyboard: the date grid has one tab stop. Arrow keys move by a day or a week, Home and
 * End to the ends of the week, Page Up and Page Down by a month; Enter or Space chooses a
 * day with open times. Each day is announced with its full date and its number of times.
 *
 * @tagname booking-request
 * @summary Request, cancel and reschedule appointments, with clinician approval.
 * @fires portal-booking-requested - An appointment was requested (`detail.appointmentId`).
 * @fires portal-booking-cancelled - An appointment was cancelled or a request withdrawn (`detail.appointmentId`).
 * @fires portal-booking-rescheduled - A new time was requested (`detail.appointmentId`, `detail.requestId`).
 * @fires portal-error - A request failed (`detail.operation`, `detail.code`).
 * @slot signed-out - Shown instead of the widget while nobody is signed in.
 * @csspart base - The wrapper.
 * @csspart heading - The heading of the list and of each step.
 * @csspart list - The upcoming appointments.
 * @csspart past - The past appointments (a disclosure).
 * @csspart appointment - One appointment.
 * @csspart status-label - An appointment's status.
 * @csspart request-button - "Request an appointment".
 * @csspart cancel-button - "Cancel" or "Withdraw request".
 * @csspart reschedule-button - "Reschedule".
 * @csspart confirm - The cancel confirmation.
 * @csspart confirm-button - "Yes, cancel it".
 * @csspart keep-button - "Keep it".
 * @csspart proposals - Times the clinician proposed after declining.
 * @csspart proposal-button - "Request this time".
 * @csspart another-button - "Choose another time".
 * @csspart choice - A service or clinician to choose.
 * @csspart month-button - "Previous month" and "Next month".
 * @csspart date-grid - The month's days.
 * @csspart day - One day of the grid.
 * @csspart times - The open times of the chosen day.
 * @csspart time - One open time.
 * @csspart form - The message form.
 * @csspart continue-button - "Continue".
 * @csspart review - The summary before sending.
 * @csspart submit-button - "Request".
 * @csspart next-step - What happens after a request.
 * @csspart next-times - The next open times after a time was taken.
 * @csspart back-button - "Back".
 * @csspart close-button - "Back to appointments".
 * @csspart again-button - "Request another appointment".
 * @cssprop --portal-booking-request-day-size - The size of a day in the date grid (default 2.75rem).
 */
export class BookingRequest extends PortalElement {
  static override styles = [PortalElement.styles, headingStyles, styles];
  static readonly defaultTag = 'booking-request';

  /** A service to preselect, by id or slug (e.g. `individual`). */
  @property() service = '';

  /** A clinician to preselect, by id. */
  @property() clinician = '';

  /** What to show: `appointments`, `request`, or `both` (the list, with "Request an appointment"). */
  @property({ reflect: true }) view: 'appointments' | 'request' | 'both' = 'both';

  /** The level of the headings, to fit the host page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** The client's IANA time zone; the browser's by default. */
  @property({ attribute: 'time-zone' }) timeZone = '';

  protected override readonly profileGate = new ActingProfileGate(this);

  @state() private flowOpen = false;
  @state() private step: Step = 'service';
  @state() private draft: Draft = newDraft();
  @state() private busy = false;
  @state() private flowError: string | undefined;
  @state() private nextTimes: OpenSlot[] | undefined;
  @state() private confirming: number | undefined;
  @state() private itemError: { id: number; text: string } | undefined;
  @state() private announcement = '';
  @state() private reload = 0;

  #focus: string | undefined;
  #profileId: number | undefined;

  readonly #appointments = new Task(this, {
    args: () => [this.client, this.#acting?.id, this.view !== 'request', this.reload] as const,
    task: ([client, profileId, wanted], { signal }) =>
      client && profileId && wanted ? client.listAppointments(profileId, { signal }) : undefined,
    onError: (error) => this.emitError('listAppointments', error),
  });

  readonly #options = new Task(this, {
    args: () => [this.client, this.#acting?.id, this.flowOpen || this.view === 'request'] as const,
    task: ([client, profileId, wanted], { signal }) =>
      client && profileId && wanted ? client.getBookingOptions(profileId, { signal }) : undefined,
    onComplete: (options) => this.#preset(options),
    onError: (error) => this.emitError('getBookingOptions', error),
  });

  readonly #times = new OpenTimes(
    this,
    () => this.#zone,
    () => {
      const { client, draft } = this;
      const profileId = this.#acting?.id;
      const service = draft.service?.id;
      if (!client || !profileId || !service) return undefined;
      return (from, to, signal) =>
        client.listOpenSlots(profileId, { service, clinician: draft.clinician?.id, from, to, timeZone: this.#zone }, { signal });
    },
    (error) => (this.flowError = bookingError(this.emitError('listOpenSlots', error))),
  );

  get #acting() {
    return this.profileGate.store?.acting ?? null;
  }

  get #zone(): string {
    return this.timeZone || browserZone();
  }

  protected override sessionChanged(): void {
    this.#reset();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another profile chosen (here or in <profile-picker>): nothing of the last one stays on screen.
    const id = this.#acting?.id;
    if (id !== this.#profileId) {
      this.#profileId = id;
      this.#reset();
    }
  }

  protected override updated(): void {
    if (!this.#focus) return;
    const target = this.renderRoot.querySelector<HTMLElement>(this.#focus);
    if (target) {
      target.focus();
      this.#focus = undefined;
    }
  }

  protected override render(): TemplateResult {
    if (!this.endpoint) return this.renderMissingEndpoint();
    if (!this.session?.signedIn) return this.renderSignedOut(msg('Sign in to see and request appointments.', { id: 'booking.signed-out' }));
    const store = this.profileGate.store!;
    if (store.status === 'error') return this.renderError(store.error, () => void store.load(true));
    if (store.status !== 'ready') return this.renderLoading();
    const acting = this.#acting;
    const body = !acting
      ? // With no profile at all, <profile-picker> says to call the office.
        html`<p class="state" part="status">${msg('Choose whose portal you are using first.', { id: 'booking.no-profile' })}</p>`
      : this.flowOpen || this.view === 'request'
        ? this.#renderFlow()
        : this.#renderList();
    return html`<div class="base" part="base">
      ${body}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    </div>`;
  }

  #renderList(): TemplateResult {
    const canBook = this.#acting?.permissions.book ?? false;
    return html`${canBook && this.view === 'both'
      ? html`<button class="button request" part="request-button" @click=${() => this.#open()}>
          ${msg('Request an appointment', { id: 'booking.request' })}
        </button>`
      : nothing}
    ${this.#appointments.render({
      // A reload keeps the list on screen (and focus where it was) until the new one arrives.
      pending: () =>
        this.#appointments.value ? this.#list(this.#appointments.value, canBook) : this.renderLoading(msg('Loading your appointments…', { id: 'booking.loading' })),
      error: (error) => this.renderError(error, () => this.reload++),
      complete: (list) => (list ? this.#list(list, canBook) : nothing),
    })}`;
  }

  #list(list: AppointmentList, canBook: boolean): TemplateResult {
    const { confirming, itemError, busy, headingLevel } = this;
    return appointmentList({ list, zone: this.#zone, canBook, confirming, itemError, busy, headingLevel }, this.#listActions);
  }

  #renderFlow(): unknown {
    if (!this.#acting?.permissions.book) {
      return html`<p class="state" part="status">${msg("Online booking isn't available for this profile. Please call the office.", { id: 'booking.nothing' })}</p>`;
    }
    return this.#options.render({
      pending: () => this.renderLoading(),
      error: (error) => this.renderError(error, () => void this.#options.run()),
      complete: (options) => {
        if (!options) return nothing;
        if (!options.services.length) {
          return html`<p class="state" part="status">${msg("Online booking isn't available for this profile. Please call the office.", { id: 'booking.nothing' })}</p>`;
        }
        const times = this.#times;
        return flowView(
          {
            step: this.step,
            options,
            draft: this.draft,
            zone: this.#zone,
            slots: times.slots,
            grid: {
              month: times.month,
              focus: times.focus,
              selected: this.draft.day,
              today: today(this.#zone),
              counts: new Map([...times.slots].map(([day, list]) => [day, list.length])),
              loading: times.loading,
              canPrev: times.month > times.first,
              canNext: times.month < times.last,
            },
            busy: this.busy,
            error: this.flowError,
            nextTimes: this.nextTimes,
            headingLevel: this.headingLevel,
            canBack: this.#previous() !== undefined,
            hasList: this.view !== 'request',
          },
          this.#flowActions,
          this.#onGridKey,
        );
      },
    });
  }

  // -- list actions ----------------------------------------------------------------------

  #listActions: ListActions = {
    askCancel: (a) => {
      this.confirming = a.id;
      this.itemError = undefined;
      this.#focus = '[part~="keep-button"]';
    },
    keep: () => {
      this.#focus = `[aria-labelledby="a${this.confirming}-when"] [part~="cancel-button"]`;
      this.confirming = undefined;
    },
    cancel: (a) => void this.#cancel(a),
    reschedule: (a) => this.#open({ moving: a, service: { ...a.service, modalities: [a.modality] }, clinician: a.clinician }, 'date'),
    propose: (a, p) => this.#propose(a, p),
    another: (a) => this.#open(this.#follow(a), 'date'),
  };

  /** A new request (or a move) with the same clinician and service as `a`. */
  #follow(a: Appointment): Partial<Draft> {
    const moving = a.rescheduleOfId ? this.#appointments.value?.upcoming.find((x) => x.id === a.rescheduleOfId) : undefined;
    return { moving, service: { ...a.service, modalities: [a.modality] }, clinician: a.clinician, modality: a.modality };
  }

  #propose(a: Appointment, p: ProposedTime): void {
    const slot = { start: p.start, end: p.end, clinicianIds: [a.clinician.id] };
    this.#open({ ...this.#follow(a), slot, day: undefined }, 'review');
  }

  async #cancel(a: Appointment): Promise<void> {
    const profileId = this.#acting?.id;
    if (!profileId || !this.client) return;
    this.busy = true;
    try {
      await this.client.cancelAppointment(profileId, a.id);
      this.confirming = undefined;
      this.announcement =
        a.status === 'requested'
          ? msg('Your request was withdrawn.', { id: 'booking.withdrawn' })
          : msg('Your appointment was cancelled.', { id: 'booking.cancelled' });
      this.dispatchEvent(new PortalBookingCancelledEvent({ appointmentId: a.id }));
      this.#focus = '[part~="heading"]';
      this.reload++;
    } catch (error) {
      this.confirming = undefined;
      this.itemError = { id: a.id, text: bookingError(this.emitError('cancelAppointment', error)) };
      // The appointment changed meanwhile (e.g. the window began): show it as it is now.
      if (this.itemError && toPortalApiError(error).code === 'conflict') this.reload++;
    } finally {
      this.busy = false;
    }
  }

  // -- the request flow --------------------------------------------------------------------

  #flowActions: FlowActions = {
    service: (id) => {
      const service = this.#options.value?.services.find((s) => s.id === id);
      if (!service) return;
      this.draft = { ...this.draft, service, clinician: undefined };
      this.#go(this.#needsClinician(service.clinicianIds.length) ? 'clinician' : 'date');
    },
    clinician: (id) => {
      const found = this.#options.value?.clinicians.find((c) => c.id === id);
      this.draft = { ...this.draft, clinician: found && { id: found.id, name: found.name } };
      this.#go('date');
    },
    pick: (day) => {
      this.draft = { ...this.draft, day };
      this.#times.focus = day;
      this.#go('time');
    },
    move: (day) => this.#moveFocus(day),
    time: (slot) => {
      this.draft = { ...this.draft, slot };
      this.nextTimes = undefined;
      this.flowError = undefined;
      this.#go(this.draft.key ? 'review' : 'details');
    },
    details: (modality: Modality, message: string) => {
      this.draft = { ...this.draft, modality: this.draft.moving ? undefined : modality, message: message.trim() };
      this.#go('review');
    },
    submit: () => void this.#submit(),
    back: () => {
      const previous = this.#previous();
      if (previous) this.#go(previous);
    },
    close: () => this.#close(),
    again: () => this.#open(),
  };

  #open(draft: Partial<Draft> = {}, step: Step = 'service'): void {
    this.#times.reset();
    this.flowOpen = true;
    this.draft = { ...newDraft(), ...draft };
    this.flowError = this.nextTimes = undefined;
    this.confirming = this.itemError = undefined;
    this.step = step;
    if (step === 'service') this.#preset(this.#options.value);
    else this.#go(step);
    this.#focus = '.heading';
  }

  #close(): void {
    this.#times.reset();
    this.flowOpen = false;
    this.#focus = this.view === 'both' ? '[part~="request-button"]' : '.heading';
  }

  #reset(): void {
    this.#times.reset();
    this.flowOpen = false;
    this.step = 'service';
    this.draft = newDraft();
    this.busy = false;
    this.flowError = this.nextTimes = this.confirming = this.itemError = undefined;
    this.announcement = '';
  }

  /** Skips what the page preselected (or what has only one answer) once the services are known. */
  #preset(options: BookingOptions | undefined): void {
    if (!options || this.step !== 'service' || this.draft.service) return;
    const wanted = options.services.find((s) => String(s.id) === this.service || s.slug === this.service);
    const service = wanted ?? (options.services.length === 1 ? options.services[0] : undefined);
    if (!service) return;
    const clinician = options.clinicians.find((c) => String(c.id) === this.clinician && service.clinicianIds.includes(c.id));
    this.draft = { ...this.draft, service, clinician: clinician && { id: clinician.id, name: clinician.name } };
    this.#go(clinician || !this.#needsClinician(service.clinicianIds.length) ? 'date' : 'clinician', false);
  }

  #needsClinician(count: number): boolean {
    return count > 1;
  }

  /** The step "Back" leads to: the one before, skipping steps that were decided for the client. */
  #previous(): Step | undefined {
    const many = (this.#options.value?.services.length ?? 0) > 1;
    switch (this.step) {
      case 'review':
        // A proposed or suggested time has no day step behind it: back means "another day".
        return this.draft.day ? 'details' : 'date';
      case 'details':
        return 'time';
      case 'time':
        return 'date';
      case 'date':
        if (this.draft.moving) return undefined;
        return this.#needsClinician(this.#offering()) ? 'clinician' : many ? 'service' : undefined;
      case 'clinician':
        return many ? 'service' : undefined;
      default:
        return undefined;
    }
  }

  #offering(): number {
    return this.#options.value?.services.find((s) => s.id === this.draft.service?.id)?.clinicianIds.length ?? 0;
  }

  /** Shows `step`; focus moves to its heading only after the client's own action, never on load. */
  #go(step: Step, focus = true): void {
    this.step = step;
    this.flowError = undefined;
    if (step !== 'review') this.nextTimes = undefined;
    // A fresh key for each reviewed choice; kept while the client retries the same one.
    if (step === 'review') this.draft = { ...this.draft, key: crypto.randomUUID() };
    else if (step !== 'done') this.draft = { ...this.draft, key: '' };
    if (step === 'date') void this.#times.load();
    if (focus) this.#focus = '.heading';
  }

  #moveFocus(day: string): void {
    if (this.#times.move(day)) this.#focus = `[data-day="${day}"]`;
  }

  #onGridKey = (event: KeyboardEvent) => {
    const day = (event.target as HTMLElement).dataset.day;
    const target = day && keyTarget(event.key, day, this.matches(':dir(rtl)'));
    if (!target) return;
    event.preventDefault();
    this.#moveFocus(target);
  };

  async #submit(): Promise<void> {
    const profileId = this.#acting?.id;
    const { service, slot, moving, key, message, clinician, modality } = this.draft;
    if (!profileId || !service || !slot || !this.client || this.busy) return;
    this.busy = true;
    this.flowError = undefined;
    const body = { start: slot.start, ...(message ? { message } : {}) };
    try {
      if (moving) {
        const result = await this.client.rescheduleAppointment(profileId, moving.id, body, { idempotencyKey: key });
        this.dispatchEvent(new PortalBookingRescheduledEvent({ appointmentId: moving.id, requestId: result.request.id }));
      } else {
        const created = await this.client.requestAppointment(
          profileId,
          { ...body, serviceId: service.id, clinicianId: clinician?.id, modality },
          { idempotencyKey: key },
        );
        this.dispatchEvent(new PortalBookingRequestedEvent({ appointmentId: created.id }));
      }
      this.reload++;
      this.#go('done');
    } catch (error) {
      const apiError = this.emitError(moving ? 'rescheduleAppointment' : 'requestAppointment', error);
      this.flowError = bookingError(apiError);
      this.#focus = '[part~="error"]';
      if (apiError.reason === 'slot_unavailable') await this.#offerNext(slot);
    } finally {
      this.busy = false;
    }
  }

  /** The time was just taken: load the days from it on again, and offer the next three times. */
  async #offerNext(taken: OpenSlot): Promise<void> {
    this.nextTimes = await this.#times.after(taken);
    this.draft = { ...this.draft, day: undefined };
  }
}
