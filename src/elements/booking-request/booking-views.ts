import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { TaskStatus } from '@lit/task';
import { errorView, loadingView, statusView } from '../../core/base/state-views.js';
import { appointmentList } from './appointment-list.js';
import type { BookingActions, BookingModel } from './view-model.js';
import { flowView } from './request-steps.js';

const nothingToBook = () => statusView(msg("Online booking isn't available for this profile. Please call the office.", { id: 'booking.nothing' }));

/** The list of appointments, or the request flow, for the acting profile. */
export function bookingView(m: BookingModel, a: BookingActions): TemplateResult {
  const body = !m.profile
    ? // With no profile at all, <profile-picker> says to call the office.
      statusView(msg('Choose whose portal you are using first.', { id: 'booking.no-profile' }))
    : m.flowOpen || m.view === 'request'
      ? flowPart(m, a)
      : listPart(m, a);
  return html`<div class="base" part="base">
    ${body}
    <p class="visually-hidden" role="status">${m.announcement}</p>
  </div>`;
}

function listPart(m: BookingModel, a: BookingActions): TemplateResult {
  const canBook = m.profile?.permissions.book ?? false;
  const { status, value: list, error } = m.appointments;
  return html`${canBook && m.view === 'both'
      ? html`<button class="button request" part="request-button" @click=${a.open}>${msg('Request an appointment', { id: 'booking.request' })}</button>`
      : nothing}
    ${status === TaskStatus.ERROR
      ? errorView(error, a.reloadList)
      : // A reload keeps the list on screen (and focus where it was) until the new one arrives.
        list
        ? appointmentList({ list, zone: m.zone, canBook, confirming: m.confirming, itemError: m.itemError, busy: m.busy, headingLevel: m.headingLevel }, a)
        : status === TaskStatus.PENDING
          ? loadingView(msg('Loading your appointments…', { id: 'booking.loading' }))
          : nothing}`;
}

function flowPart(m: BookingModel, a: BookingActions): TemplateResult | typeof nothing {
  if (!m.profile?.permissions.book) return nothingToBook();
  const { status, value: options, error } = m.options;
  if (status === TaskStatus.PENDING) return loadingView();
  if (status === TaskStatus.ERROR) return errorView(error, a.reloadOptions);
  if (!options) return nothing;
  if (!options.services.length) return nothingToBook();
  const { step, draft, zone, slots, grid, busy, flowError, nextTimes, headingLevel, canBack, journey } = m;
  return flowView({ step, options, draft, zone, slots, grid, busy, error: flowError, nextTimes, headingLevel, canBack, journey, hasList: m.view !== 'request' }, a);
}
