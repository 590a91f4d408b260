import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { SignerActions, SignerModel } from './view-model.js';
import { formFields } from './form-view.js';
import { leadingHeadingText } from './fit-headings.js';
import { actionError, button, clinicianHtml, heading, progress, stepCount } from './parts.js';

/** The clinician's welcome and Get Started (or Continue, when some steps are done). */
export function welcomeView(model: SignerModel, actions: SignerActions): TemplateResult {
  const total = stepCount(model.packet.items);
  const started = model.packet.items.some((i) => i.status !== 'pending');
  // The practice's own welcome heading ("Welcome to Lakeside Counseling") is the step's heading.
  const title = leadingHeadingText(model.fragment) ?? msg('Welcome', { id: 'signer.welcome.title' });
  return html`${heading(model, title)}
    ${model.fragment
      ? clinicianHtml(model.fragment, { title, level: model.headingLevel }, 'welcome-text')
      : html`<p>${msg('Your practice has asked you to complete a few documents and forms before your first visit.', { id: 'signer.welcome.default' })}</p>`}
    <p>${msg(str`There are ${total} steps. Your answers are saved as you go, so you can stop and come back.`, { id: 'signer.welcome.steps' })}</p>
    <div class="actions">
      ${button(started ? msg('Continue', { id: 'signer.continue' }) : msg('Get Started', { id: 'signer.get-started' }), actions.start, { part: 'start-button' })}
    </div>`;
}

/** "Completed documents", the Documents tab: reachable from every step, since drafts are saved. */
export function documentsLink(actions: SignerActions): TemplateResult {
  return html`<button class="link-button" part="documents-button" type="button" @click=${actions.showDocuments}>
    ${msg('Completed documents', { id: 'signer.documents.open' })}
  </button>`;
}

/**
 * The ESIGN consent (scope, paper copy, withdrawal) before the first signature, and each
 * document: its text, then the agreement, the typed name and, for a guardian, the relationship.
 */
export function signView(model: SignerModel, actions: SignerActions): TemplateResult {
  const consent = model.view === 'consent';
  const name = model.acting.displayName;
  const title = consent ? msg('Consent to sign electronically', { id: 'signer.consent.title' }) : (model.doc?.title ?? '');
  return html`${progress(model)} ${heading(model, title)} ${clinicianHtml(model.fragment, { title, level: model.headingLevel }, consent ? 'consent-text' : 'document-text')}
    <form part="form signature" novalidate @submit=${actions.sign}>
      ${consent
        ? html`<p class="hint">${msg('If you would rather sign on paper, call the office.', { id: 'signer.consent.paper' })}</p>`
        : model.acting.relationship === 'guardian'
          ? html`<p class="hint">${msg(str`You are signing for ${name}.`, { id: 'signer.signing-for' })}</p>`
          : nothing}
      ${formFields(model.sig, actions, name)} ${actionError(model)}
      ${button(
        model.busy
          ? msg('Signing…', { id: 'signer.signing' })
          : consent
            ? msg('Continue', { id: 'signer.continue' })
            : msg('Sign and continue', { id: 'signer.sign.submit' }),
        () => {},
        { part: 'continue-button', type: 'submit', busy: model.busy },
      )}
    </form>`;
}

export function doneView(model: SignerModel, actions: SignerActions): TemplateResult {
  return html`${heading(model, msg('All done. Thank you!', { id: 'signer.done.title' }))}
    <p>${msg('Your practice has your signed documents and forms. You can view or download the signed copies at any time.', { id: 'signer.done.text' })}</p>
    <div class="actions">
      ${button(msg('Completed documents', { id: 'signer.documents.open' }), actions.showDocuments, { part: 'documents-button' })}
    </div>`;
}

export function emptyView(model: SignerModel): TemplateResult {
  return html`${heading(model, msg('Nothing to sign', { id: 'signer.empty.title' }))}
    <p>${msg('Your practice has not asked you to sign anything right now.', { id: 'signer.empty.text' })}</p>`;
}
