import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { toPortalApiError } from '../api/errors.js';
import { describeError } from '../i18n/error-messages.js';

// The states every widget has, drawn the same way in each: pure functions of their text.

export function loadingView(text: string = msg('Loading…', { id: 'portal.loading' })): TemplateResult {
  return html`<p class="state" role="status" part="status">${text}</p>`;
}

/** A calm line of status: nothing is wrong, there is just nothing to do here yet. */
export function statusView(text: string): TemplateResult {
  return html`<p class="state" part="status">${text}</p>`;
}

export function errorView(error: unknown, retry?: () => void): TemplateResult {
  return html`<div class="state" data-kind="error" role="alert" part="error">
    <p>${describeError(toPortalApiError(error))}</p>
    ${retry
      ? html`<button class="button" data-variant="secondary" part="retry-button" @click=${retry}>
          ${msg('Try again', { id: 'portal.retry' })}
        </button>`
      : null}
  </div>`;
}

export function signedOutView(text: string = msg('Please sign in to continue.', { id: 'portal.signed-out' })): TemplateResult {
  return html`<slot name="signed-out">${statusView(text)}</slot>`;
}

export function notConfiguredView(): TemplateResult {
  return html`<p class="state" data-kind="error" role="alert" part="error">
    ${msg('This part of the portal is not set up yet.', { id: 'portal.not-configured' })}
  </p>`;
}
