import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { msg, str } from '@lit/localize';
import { formatWait } from '../../core/i18n/error-messages.js';
import type { PracticeInfo } from '../../contract/index.js';
import type { SigninModel } from './view-model.js';

/** The heading each step starts with; it takes focus when the step appears. */
export function heading(model: SigninModel, text: string): TemplateResult {
  return html`<div class="heading" part="heading" role="heading" aria-level=${model.headingLevel} tabindex="-1">
    ${text}
  </div>`;
}

/** A labelled input with its inline error linked by aria-describedby (WCAG 3.3.1). */
export function field(options: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  input: (describedBy: string | undefined, invalid: boolean) => TemplateResult;
}): TemplateResult {
  const ids = [options.hint ? `${options.id}-hint` : '', options.error ? `${options.id}-error` : ''].filter(Boolean);
  return html`<div class="field" part="field">
    <label for=${options.id}>${options.label}</label>
    ${options.hint ? html`<p class="hint" id="${options.id}-hint">${options.hint}</p>` : nothing}
    ${options.input(ids.length ? ids.join(' ') : undefined, Boolean(options.error))}
    ${options.error
      ? html`<p class="field-error" id="${options.id}-error" part="field-error">${options.error}</p>`
      : nothing}
  </div>`;
}

export function submitButton(model: SigninModel, label: string, busyLabel: string): TemplateResult {
  const waiting = model.retrySeconds > 0;
  return html`<button class="button" part="submit-button" type="submit" ?disabled=${model.busy || waiting}
    aria-disabled=${ifDefined(model.busy ? 'true' : undefined)}>
    ${model.busy ? busyLabel : label}
  </button>`;
}

/** The office phone as a tel: link, once the practice info has loaded. */
export function officePhone(practice: PracticeInfo | undefined): TemplateResult | typeof nothing {
  if (!practice) return nothing;
  return html`<a href="tel:${practice.phone}">${practice.phoneDisplay}</a>`;
}

export function backButton(label: string, onClick: () => void): TemplateResult {
  return html`<button class="link-button" part="back-button" type="button" @click=${onClick}>${label}</button>`;
}

export function retryNotice(model: SigninModel): TemplateResult | typeof nothing {
  if (model.retrySeconds <= 0) return nothing;
  // Ticks every second, so it is hidden from screen readers; the alert said the wait once.
  return html`<p class="countdown" part="countdown" aria-hidden="true">
    ${msg(str`You can try again in ${formatWait(model.retrySeconds)}.`, { id: 'signin.retry-in' })}
  </p>`;
}

/**
 * When another sign-in link may be asked for this address (R10). Not a live region: it ticks
 * every second, and a screen reader reads its current value when the client reaches it.
 */
export function resendNotice(model: SigninModel): TemplateResult | typeof nothing {
  if (model.resendSeconds <= 0) return nothing;
  return html`<p class="countdown" part="resend-countdown">
    ${msg(str`You can ask for another link in ${formatWait(model.resendSeconds)}.`, { id: 'signin.resend-in' })}
  </p>`;
}
