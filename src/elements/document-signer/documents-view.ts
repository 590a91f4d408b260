import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { SignerActions, SignerModel } from './view-model.js';
import { label } from './labels.js';
import { formatInstant } from './messages.js';
import { actionError, button, clinicianHtml, heading } from './parts.js';

/** The Documents tab: each signed document with its date, to view or download as PDF. */
export function documentsView(model: SignerModel, actions: SignerActions): TemplateResult {
  const documents = model.list?.documents ?? [];
  return html`${heading(model, msg('Completed documents', { id: 'signer.documents.title' }))}
    ${documents.length
      ? html`<ul class="documents" part="documents">
          ${documents.map((d) => {
            const date = formatInstant(d.signedAt);
            // Every row has a "View" and a "Download PDF": say which document to screen readers.
            const about = html`<span class="visually-hidden">: ${d.title}</span>`;
            return html`<li part="document">
              <p class="doc-title">${d.title}</p>
              <p class="hint">${msg(str`Signed ${date}`, { id: 'signer.documents.signed-on' })}</p>
              <div class="actions">
                ${button(html`${msg('View', { id: 'signer.documents.view' })}${about}`, () => actions.openCopy(d.signatureId), { part: 'view-button', secondary: true })}
                ${button(html`${msg('Download PDF', { id: 'signer.documents.download' })}${about}`, () => actions.download(d.signatureId, d.title), {
                  part: 'download-button',
                  secondary: true,
                })}
              </div>
            </li>`;
          })}
        </ul>`
      : html`<p part="status">${msg('No signed documents yet.', { id: 'signer.documents.empty' })}</p>`}
    ${actionError(model)}
    <div class="actions">${button(msg('Back', { id: 'signer.back' }), actions.back, { part: 'back-button', secondary: true })}</div>`;
}

/** The signed copy: the exact text signed, then who signed, for whom, and when. */
export function copyView(model: SignerModel, actions: SignerActions): TemplateResult {
  const { signature } = model.copy!;
  const name = signature.signerName;
  const when = formatInstant(signature.signedAt, true);
  const version = signature.version;
  return html`${heading(model, signature.title)} ${clinicianHtml(model.fragment, { title: signature.title, level: model.headingLevel })}
    <div class="signature-block" part="signature-block">
      <p>${msg(str`Signed by ${name} on ${when}`, { id: 'signer.copy.signed-by' })}</p>
      ${signature.relationship ? html`<p>${label(`sign.relationship.${signature.relationship}`)}</p>` : ''}
      <p class="hint">${msg(str`Version ${version}`, { id: 'signer.copy.version' })}</p>
    </div>
    ${actionError(model)}
    <div class="actions">
      ${button(msg('Download PDF', { id: 'signer.documents.download' }), () => actions.download(signature.id, signature.title), { part: 'download-button' })}
      ${button(msg('Back', { id: 'signer.back' }), actions.back, { part: 'back-button', secondary: true })}
    </div>`;
}
