import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { msg, str } from '@lit/localize';
import type { SignerModel } from './view-model.js';
import { describeSignerError } from './messages.js';

/** The heading each step starts with; it takes focus when the client moves to the step. */
export function heading(model: SignerModel, text: string): TemplateResult {
  return html`<div class="heading" part="heading" role="heading" aria-level=${model.headingLevel} tabindex="-1">${text}</div>`;
}

/** "Document 2 of 5", and a bar for sighted readers (hidden from screen readers: the text says it). */
export function progress(model: SignerModel): TemplateResult {
  const at = model.index + 1;
  const total = model.packet.items.length;
  return html`<div class="progress" part="progress">
    <p>${msg(str`Document ${at} of ${total}`, { id: 'signer.progress' })}</p>
    <progress max=${total} .value=${at} aria-hidden="true"></progress>
  </div>`;
}

/**
 * Sanitized clinician HTML. `guard` places a fresh copy only when the view's fragment
 * changes, so typing a name below a long document does not redraw the document.
 */
export function clinicianHtml(fragment: DocumentFragment | undefined, part = 'document-text'): TemplateResult | typeof nothing {
  if (!fragment) return nothing;
  return html`<div class="clinician-html" part=${part}>${guard([fragment], () => fragment.cloneNode(true))}</div>`;
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
