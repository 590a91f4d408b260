import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Step } from './view-model.js';

/** The name of each step in the list of steps. */
function stepName(step: Step): string {
  switch (step) {
    case 'service':
      return msg('Service', { id: 'booking.step.service' });
    case 'clinician':
      return msg('Clinician', { id: 'booking.step.clinician' });
    case 'date':
      return msg('Day', { id: 'booking.step.date' });
    case 'time':
      return msg('Time', { id: 'booking.step.time' });
    case 'details':
      return msg('Details', { id: 'booking.step.details' });
    default:
      return msg('Review', { id: 'booking.step.review' });
  }
}

/**
 * Where the client is in the request ("Step 3 of 6") and every step as a list: the ones done
 * are buttons back to that choice (from the review too), the current one is marked as such.
 * Nothing when the request has a single step (a proposed time, one tap from the list).
 */
export function stepNav(journey: readonly Step[], current: Step, goTo: (step: Step) => void): TemplateResult | typeof nothing {
  const at = journey.indexOf(current);
  if (journey.length < 2 || at < 0) return nothing;
  const total = journey.length;
  return html`<nav class="steps" part="steps" aria-label=${msg('Request steps', { id: 'booking.steps.label' })}>
    <p class="muted" part="step-count">${msg(str`Step ${at + 1} of ${total}`, { id: 'booking.steps.count' })}</p>
    <ol>
      ${journey.map((step, i) =>
        i < at
          ? html`<li><button part="step-button" type="button" @click=${() => goTo(step)}>${stepName(step)}</button></li>`
          : html`<li ?data-current=${i === at} aria-current=${i === at ? 'step' : 'false'}>${stepName(step)}</li>`,
      )}
    </ol>
  </nav>`;
}
