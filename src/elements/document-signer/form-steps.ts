import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { SignerActions, SignerModel } from './view-model.js';
import { displayAnswer, errorSummary, formFields, sections } from './form-view.js';
import { label } from './labels.js';
import { actionError, button, heading, progress } from './parts.js';

function saveStatus(saved: NonNullable<SignerModel['form']>['saved']): TemplateResult | typeof nothing {
  // Shown, not announced: a status on every pause in typing would talk over the client.
  if (saved === 'saving') return html`<p class="hint" part="save-status">${msg('Saving your draft…', { id: 'signer.draft.saving' })}</p>`;
  if (saved === 'saved') return html`<p class="hint" part="save-status">${msg('Draft saved.', { id: 'signer.draft.saved' })}</p>`;
  if (saved === 'failed') {
    return html`<p class="hint" part="save-status">${msg("Your draft couldn't be saved just now. We'll try again as you type.", { id: 'signer.draft.failed' })}</p>`;
  }
  return nothing;
}

/** A form rendered from the endpoint's field descriptions; Continue checks it, then the review. */
export function formView(model: SignerModel, actions: SignerActions): TemplateResult {
  const form = model.form!;
  return html`${progress(model)} ${heading(model, label(form.definition.titleId))}
    <p class="hint">${msg('Fields are required unless marked optional.', { id: 'signer.form.required-note' })}</p>
    ${errorSummary(form, actions)}
    <form part="form" novalidate @submit=${actions.continueForm}>
      ${formFields(form, actions)} ${saveStatus(form.saved)}
      ${button(msg('Review answers', { id: 'signer.form.review' }), () => {}, { part: 'continue-button', type: 'submit' })}
    </form>`;
}

/** WCAG 3.3.4: every answer once more before it is submitted, with a way back to change it. */
export function reviewView(model: SignerModel, actions: SignerActions): TemplateResult {
  const form = model.form!;
  return html`${progress(model)} ${heading(model, label(form.definition.titleId))}
    <p>${msg('Check your answers before you submit them.', { id: 'signer.review.intro' })}</p>
    <div class="review" part="review">
      ${sections(form.fields).map(
        ({ section, fields }) => html`${section ? html`<p class="review-section">${label(section)}</p>` : nothing}
          <dl class="review">
            ${fields.map((f) => html`<div><dt>${label(f.labelId)}</dt><dd>${displayAnswer(f, form.answers[f.id])}</dd></div>`)}
          </dl>`,
      )}
    </div>
    ${actionError(model)}
    <div class="actions">
      ${button(model.busy ? msg('Submitting…', { id: 'signer.submitting' }) : msg('Submit', { id: 'signer.submit' }), actions.submitForm, {
        part: 'submit-button',
        busy: model.busy,
      })}
      ${button(msg('Change answers', { id: 'signer.review.edit' }), actions.editForm, { part: 'edit-button', secondary: true })}
    </div>`;
}
