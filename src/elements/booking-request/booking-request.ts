import type { PropertyValues, TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { PortalElement } from '../../core/base/portal-element.js';
import { ActingProfileGate } from '../../core/controllers/acting-profile-gate.js';
import { FocusAfterUpdate } from '../../core/controllers/focus-after-update.js';
import { headingStyles } from '../../core/styles/heading.styles.js';
import { BookingFlow } from './booking-flow.js';
import { bookingView } from './booking-views.js';
import { keyTarget } from './date-grid.js';
import { browserZone } from './format.js';
import type { BookingActions } from './view-model.js';
import { styles } from './booking-request.styles.js';

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

  // Another profile chosen (here or in <profile-picker>): nothing of the last one stays on screen.
  protected override readonly profileGate = new ActingProfileGate(this, () => this.#flow.reset());

  readonly #focus = new FocusAfterUpdate(this);
  readonly #flow = new BookingFlow(this, (selector) => this.#focus.request(selector));

  readonly #actions: BookingActions = {
    ...this.#flow.actions,
    gridKey: (event) => {
      const day = (event.target as HTMLElement).dataset.day;
      const target = day && keyTarget(event.key, day, this.matches(':dir(rtl)'));
      if (!target) return;
      event.preventDefault();
      this.#flow.actions.move(target);
    },
  };

  protected override sessionChanged(): void {
    this.#flow.reset();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const { client, service, clinician, view } = this;
    this.#flow.update({ client, profile: this.profileGate.acting, view, service, clinician, zone: this.timeZone || browserZone() });
  }

  protected override render(): TemplateResult {
    const gate = this.profileGate.renderGate({ signedOut: msg('Sign in to see and request appointments.', { id: 'booking.signed-out' }) });
    return gate ?? bookingView({ ...this.#flow.snapshot, headingLevel: this.headingLevel }, this.#actions);
  }
}
