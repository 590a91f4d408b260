import { html, type TemplateResult } from 'lit';
import { cardView } from './card-view.js';
import { copyView, documentsView } from './documents-view.js';
import { formView, reviewView } from './form-steps.js';
import type { SignerActions, SignerModel, View } from './view-model.js';
import { documentsLink, doneView, emptyView, signView, welcomeView } from './steps.js';

/** Which template shows each view. */
const VIEWS: Record<View, (model: SignerModel, actions: SignerActions) => TemplateResult> = {
  welcome: welcomeView,
  consent: signView,
  document: signView,
  form: formView,
  review: reviewView,
  card: cardView,
  done: doneView,
  documents: documentsView,
  copy: copyView,
};

/** The packet's current view, with the way to the Documents tab from every step of it. */
export function signerView(model: SignerModel, actions: SignerActions): TemplateResult {
  const empty = model.view === 'welcome' && !model.packet.items.length;
  const tab = !['documents', 'copy', 'done'].includes(model.view);
  return html`<div class="base" part="base">
    ${tab ? documentsLink(actions) : ''} ${(empty ? emptyView : VIEWS[model.view])(model, actions)}
    <div class="visually-hidden" role="status">${model.announcement}</div>
  </div>`;
}
