import { msg } from '@lit/localize';
import { Task } from '@lit/task';
import type { Appointment, AppointmentList, BookingOptions, OpenSlot, ProposedTime } from '../../contract/index.js';
import type { PortalClient } from '../../core/api/client.js';
import { BusyAction } from '../../core/controllers/busy-action.js';
import type { PortalHost } from '../../core/controllers/host.js';
import { PortalBookingCancelledEvent, PortalBookingRequestedEvent, PortalBookingRescheduledEvent, reportError } from '../../core/events.js';
import { today } from './format.js';
import { bookingError } from './messages.js';
import type { BookingFlowActions, BookingInputs, BookingSnapshot, BookingState, Draft, Step } from './view-model.js';
import { OpenTimes } from './open-times.js';

const newDraft = (): Draft => ({ message: '', key: '' });

const initial = (): BookingState => ({ flowOpen: false, step: 'service', draft: newDraft(), announcement: '' });

const HEADING = '.heading';

/**
 * Appointments of one profile, headless: the list with cancel (asked first), and the request
 * flow (service, clinician, day, time, message, review, done) for a new request, a reschedule
 * or a proposed time. It renders nothing: the element draws its `snapshot` and calls its
 * `actions`; `focus` says where focus goes once the element has drawn it. The list, the
 * services and the open times load through @lit/task (and OpenTimes), with an AbortSignal.
 */
export class BookingFlow {
  #inputs: BookingInputs = { client: undefined, profile: null, view: 'both', service: '', clinician: '', zone: 'UTC' };
  #state: BookingState = initial();
  /** Bumped to load the list again (after a change, or Try again). */
  #reload = 0;
  readonly #action: BusyAction;
  readonly #appointments: Task<readonly [PortalClient | undefined, number | undefined, boolean, number], AppointmentList | undefined>;
  readonly #options: Task<readonly [PortalClient | undefined, number | undefined, boolean], BookingOptions | undefined>;
  readonly #times: OpenTimes;

  readonly #host: PortalHost;
  /** Focus the element matching `selector` once it is shown. */
  readonly #focus: (selector: string) => void;

  constructor(host: PortalHost, focus: (selector: string) => void) {
    this.#host = host;
    this.#focus = focus;
    this.#action = new BusyAction(host);
    this.#appointments = new Task(host, {
      args: () => [this.#inputs.client, this.#inputs.profile?.id, this.#inputs.view !== 'request', this.#reload] as const,
      task: ([client, profileId, wanted], { signal }) => (client && profileId && wanted ? client.listAppointments(profileId, { signal }) : undefined),
      onError: (error) => reportError(host, 'listAppointments', error),
    });
    this.#options = new Task(host, {
      args: () => [this.#inputs.client, this.#inputs.profile?.id, this.#state.flowOpen || this.#inputs.view === 'request'] as const,
      task: ([client, profileId, wanted], { signal }) => (client && profileId && wanted ? client.getBookingOptions(profileId, { signal }) : undefined),
      onComplete: (options) => this.#preset(options),
      onError: (error) => reportError(host, 'getBookingOptions', error),
    });
    this.#times = new OpenTimes(
      host,
      () => this.#inputs.zone,
      () => {
        const { client, profile, zone } = this.#inputs;
        const { service, clinician } = this.#state.draft;
        if (!client || !profile || !service) return undefined;
        return (from, to, signal) => client.listOpenSlots(profile.id, { service: service.id, clinician: clinician?.id, from, to, timeZone: zone }, { signal });
      },
      (error) => this.#set({ flowError: bookingError(reportError(host, 'listOpenSlots', error)) }),
    );
  }

  /** The page's settings and whom the widget acts for; the element passes them before each render. */
  update(inputs: BookingInputs): void {
    this.#inputs = inputs;
  }

  /** Forget everything shown: another profile, a sign-in or a sign-out. */
  reset(): void {
    this.#times.reset();
    this.#state = initial();
    this.#host.requestUpdate();
  }

  get snapshot(): BookingSnapshot {
    const { profile, view, zone } = this.#inputs;
    const times = this.#times;
    return {
      ...this.#state,
      profile,
      view,
      zone,
      appointments: this.#appointments,
      options: this.#options,
      slots: times.slots,
      grid: {
        month: times.month,
        focus: times.focus,
        selected: this.#state.draft.day,
        today: today(zone),
        counts: new Map([...times.slots].map(([day, list]) => [day, list.length])),
        loading: times.loading,
        canPrev: times.month > times.first,
        canNext: times.month < times.last,
      },
      busy: this.#action.busy,
      canBack: this.#previous() !== undefined,
      journey: this.#journey(),
    };
  }

  readonly actions: BookingFlowActions = {
    open: () => this.#open(),
    reloadList: () => this.#reloadList(),
    reloadOptions: () => void this.#options.run(),
    askCancel: (a) => {
      this.#set({ confirming: a.id, itemError: undefined });
      this.#focus('[part~="keep-button"]');
    },
    keep: () => {
      this.#focus(`[aria-labelledby="a${this.#state.confirming}-when"] [part~="cancel-button"]`);
      this.#set({ confirming: undefined });
    },
    cancel: (a) => this.#cancel(a),
    reschedule: (a) => this.#open({ moving: a, service: { ...a.service, modalities: [a.modality] }, clinician: a.clinician }, 'date'),
    propose: (a, p) => this.#propose(a, p),
    another: (a) => this.#open(this.#follow(a), 'date'),
    service: (id) => {
      const service = this.#options.value?.services.find((s) => s.id === id);
      if (!service) return;
      this.#setDraft({ service, clinician: undefined });
      this.#go(service.clinicianIds.length > 1 ? 'clinician' : 'date');
    },
    clinician: (id) => {
      const found = this.#options.value?.clinicians.find((c) => c.id === id);
      this.#setDraft({ clinician: found && { id: found.id, name: found.name } });
      this.#go('date');
    },
    pick: (day) => {
      this.#setDraft({ day });
      this.#times.focus = day;
      this.#go('time');
    },
    move: (day) => {
      if (this.#times.move(day)) this.#focus(`[data-day="${day}"]`);
    },
    time: (slot) => {
      this.#setDraft({ slot });
      this.#set({ nextTimes: undefined, flowError: undefined });
      this.#go(this.#state.draft.key ? 'review' : 'details');
    },
    details: (modality, message) => {
      this.#setDraft({ modality: this.#state.draft.moving ? undefined : modality, message: message.trim() });
      this.#go('review');
    },
    submit: () => this.#submit(),
    back: () => {
      const previous = this.#previous();
      if (previous) this.#go(previous);
    },
    goTo: (step) => {
      const journey = this.#journey();
      if (journey.indexOf(step) >= 0 && journey.indexOf(step) < journey.indexOf(this.#state.step)) this.#go(step);
    },
    close: () => {
      this.#times.reset();
      this.#set({ flowOpen: false });
      this.#focus(this.#inputs.view === 'both' ? '[part~="request-button"]' : HEADING);
    },
    again: () => this.#open(),
  };

  #set(patch: Partial<BookingState>): void {
    this.#state = { ...this.#state, ...patch };
    this.#host.requestUpdate();
  }

  #setDraft(patch: Partial<Draft>): void {
    this.#set({ draft: { ...this.#state.draft, ...patch } });
  }

  #reloadList(): void {
    this.#reload++;
    this.#host.requestUpdate();
  }

  /** A new request (or a move) with the same clinician and service as `a`. */
  #follow(a: Appointment): Partial<Draft> {
    const moving = a.rescheduleOfId ? this.#appointments.value?.upcoming.find((x) => x.id === a.rescheduleOfId) : undefined;
    return { moving, service: { ...a.service, modalities: [a.modality] }, clinician: a.clinician, modality: a.modality };
  }

  #propose(a: Appointment, p: ProposedTime): void {
    const slot = { start: p.start, end: p.end, clinicianIds: [a.clinician.id] };
    this.#open({ ...this.#follow(a), slot, day: undefined }, 'review');
  }

  #open(draft: Partial<Draft> = {}, step: Step = 'service'): void {
    this.#times.reset();
    this.#set({ flowOpen: true, draft: { ...newDraft(), ...draft }, flowError: undefined, nextTimes: undefined, confirming: undefined, itemError: undefined, step });
    if (step === 'service') this.#preset(this.#options.value);
    else this.#go(step);
    this.#focus(HEADING);
  }

  /** Skips what the page preselected (or what has only one answer) once the services are known. */
  #preset(options: BookingOptions | undefined): void {
    const { step, draft } = this.#state;
    if (!options || step !== 'service' || draft.service) return;
    const wanted = options.services.find((s) => String(s.id) === this.#inputs.service || s.slug === this.#inputs.service);
    const service = wanted ?? (options.services.length === 1 ? options.services[0] : undefined);
    if (!service) return;
    const clinician = options.clinicians.find((c) => String(c.id) === this.#inputs.clinician && service.clinicianIds.includes(c.id));
    this.#setDraft({ service, clinician: clinician && { id: clinician.id, name: clinician.name } });
    this.#go(clinician || service.clinicianIds.length <= 1 ? 'date' : 'clinician', false);
  }

  /**
   * The steps of this request as the client walks them, up to the review: each step "Back"
   * would lead to, from the review down. Steps decided for the client (one service, a preset or
   * proposed choice) are not in it. Empty once the request is sent.
   */
  #journey(): Step[] {
    if (this.#state.step === 'done') return [];
    const steps: Step[] = ['review'];
    for (let step = this.#previous('review'); step; step = this.#previous(step)) steps.unshift(step);
    return steps;
  }

  /** The step "Back" leads to from `step`: the one before, skipping steps that were decided for the client. */
  #previous(step: Step = this.#state.step): Step | undefined {
    const services = this.#options.value?.services ?? [];
    const many = services.length > 1;
    const { draft } = this.#state;
    switch (step) {
      case 'review':
        // A proposed or suggested time (a time, no day chosen) has no day step behind it:
        // back means "another day". Otherwise the details come before the review.
        return draft.slot && !draft.day ? 'date' : 'details';
      case 'details':
        return 'time';
      case 'time':
        return 'date';
      case 'date': {
        if (draft.moving) return undefined;
        const offering = services.find((s) => s.id === draft.service?.id)?.clinicianIds.length ?? 0;
        return offering > 1 ? 'clinician' : many ? 'service' : undefined;
      }
      case 'clinician':
        return many ? 'service' : undefined;
      default:
        return undefined;
    }
  }

  /** Shows `step`; focus moves to its heading only after the client's own action, never on load. */
  #go(step: Step, focus = true): void {
    const draft = this.#state.draft;
    // A fresh key for each reviewed choice; kept while the client retries the same one.
    const key = step === 'review' ? crypto.randomUUID() : step === 'done' ? draft.key : '';
    this.#set({ step, flowError: undefined, draft: { ...draft, key }, ...(step === 'review' ? {} : { nextTimes: undefined }) });
    if (step === 'date') void this.#times.load();
    if (focus) this.#focus(HEADING);
  }

  #cancel(a: Appointment): void {
    const { client, profile } = this.#inputs;
    if (!profile || !client) return;
    void this.#action.run(
      'cancelAppointment',
      async () => {
        await client.cancelAppointment(profile.id, a.id);
        const announcement =
          a.status === 'requested'
            ? msg('Your request was withdrawn.', { id: 'booking.withdrawn' })
            : msg('Your appointment was cancelled.', { id: 'booking.cancelled' });
        this.#set({ confirming: undefined, announcement });
        this.#host.dispatchEvent(new PortalBookingCancelledEvent({ appointmentId: a.id }));
        this.#focus('[part~="heading"]');
        this.#reloadList();
      },
      (error) => {
        this.#set({ confirming: undefined, itemError: { id: a.id, text: bookingError(error) } });
        // The appointment changed meanwhile (e.g. the window began): show it as it is now.
        if (error.code === 'conflict') this.#reloadList();
      },
    );
  }

  #submit(): void {
    const { client, profile } = this.#inputs;
    const { service, slot, moving, key, message, clinician, modality } = this.#state.draft;
    if (!profile || !service || !slot || !client) return;
    const body = { start: slot.start, ...(message ? { message } : {}) };
    void this.#action.run(
      moving ? 'rescheduleAppointment' : 'requestAppointment',
      async () => {
        this.#set({ flowError: undefined });
        if (moving) {
          const result = await client.rescheduleAppointment(profile.id, moving.id, body, { idempotencyKey: key });
          this.#host.dispatchEvent(new PortalBookingRescheduledEvent({ appointmentId: moving.id, requestId: result.request.id }));
        } else {
          const request = { ...body, serviceId: service.id, clinicianId: clinician?.id, modality };
          const created = await client.requestAppointment(profile.id, request, { idempotencyKey: key });
          this.#host.dispatchEvent(new PortalBookingRequestedEvent({ appointmentId: created.id }));
        }
        this.#reloadList();
        this.#go('done');
      },
      async (error) => {
        this.#set({ flowError: bookingError(error) });
        this.#focus('[part~="error"]');
        if (error.reason === 'slot_unavailable') await this.#offerNext(slot);
      },
    );
  }

  /** The time was just taken: load the days from it on again, and offer the next three times. */
  async #offerNext(taken: OpenSlot): Promise<void> {
    const nextTimes = await this.#times.after(taken);
    this.#set({ nextTimes, draft: { ...this.#state.draft, day: undefined } });
  }
}
