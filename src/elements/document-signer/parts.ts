import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { msg, str } from '@lit/localize';
import type { PacketItem } from '../../contract/index.js';
import { fitHeadings } from './fit-headings.js';
import type { SignerModel } from './view-model.js';
import { describeSignerError } from './messages.js';

/** The heading each step starts with; it takes focus when the client moves to the step. */
export function heading(model: SignerModel, text: string): TemplateResult {
  return html`<div class="heading" part="heading" role="heading" aria-level=${model.headingLevel} tabindex="-1">${text}</div>`;
}

/**
 * The packet's steps in order: each item, and the consent to sign electronically just before
 * the first document (counted whether or not it was given on an earlier visit, so the count
 * never changes under the client).
 */
export function stepCount(items: readonly PacketItem[]): number {
  return items.length + (items.some((i) => i.kind === 'document') ? 1 : 0);
}

/** The number of the step the client is on, from 1. */
function stepNumber(model: SignerModel): number {
  const firstDocument = model.packet.items.findIndex((i) => i.kind === 'document');
  const afterConsent = firstDocument >= 0 && (model.index > firstDocument || (model.index === firstDocument && model.view !== 'consent'));
  return model.index + 1 + (afterConsent ? 1 : 0);
}

/**
 * "Step 2 of 7: a document to sign", and a bar for sighted readers (hidden from screen readers:
 * the text says it). Each step is named for what it is, so the client knows what remains.
 */
export function progress(model: SignerModel): TemplateResult {
  const at = stepNumber(model);
  const total = stepCount(model.packet.items);
  const kind = model.view === 'consent' ? 'consent' : model.packet.items[model.index]?.kind;
  const label =
    kind === 'consent'
      ? msg(str`Step ${at} of ${total}: consent to sign electronically`, { id: 'signer.progress.consent' })
      : kind === 'form'
        ? msg(str`Step ${at} of ${total}: a form to fill in`, { id: 'signer.progress.form' })
        : kind === 'payment_card'
          ? msg(str`Step ${at} of ${total}: your payment card`, { id: 'signer.progress.card' })
          : msg(str`Step ${at} of ${total}: a document to sign`, { id: 'signer.progress.document' });
  return html`<div class="progress" part="progress">
    <p>${label}</p>
    <progress max=${total} .value=${at} aria-hidden="true"></progress>
  </div>`;
}

/**
 * Sanitized clinician HTML under the step's heading `title`: its own copy of that title taken
 * out and its headings moved below the step's level (one heading per step, a sound outline).
 * `guard` places a fresh copy only when the fragment or level changes, so typing a name below
 * a long document does not redraw the document.
 */
export function clinicianHtml(
  fragment: DocumentFragment | undefined,
  fit: { title: string; level: number },
  part = 'document-text',
): TemplateResult | typeof nothing {
  if (!fragment) return nothing;
  return html`<div class="clinician-html" part=${part}>${guard([fragment, fit.title, fit.level], () => fitHeadings(fragment, fit.title, fit.level))}</div>`;
}

export function actionError(model: SignerModel): TemplateResult | typeof nothing {
  if (!model.error) return nothing;
  return html`<p class="form-error" role="alert" part="error">${describeSignerError(model.error)}</p>`;
}

export function button(label: string | TemplateResult, onClick: (e: Event) => void, options: { part: string; secondary?: boolean; busy?: boolean; type?: 'button' | 'submit' }): TemplateResult {
  return html`<button
    class="button"
    data-variant=${options.secondary ? 'secondary' : 'primary'}
    part=${options.part}
    type=${options.type ?? 'button'}
    ?disabled=${options.busy}
    @click=${onClick}
  >
    ${label}
  </button>`;
}
