import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { getLocale } from '../../core/i18n/localization.js';
import type { SignerActions, SignerModel } from './model.js';
import { cardPageUrl } from './card-frame.js';
import { cardSummary } from './messages.js';
import { actionError, button, heading, progress } from './parts.js';

/**
 * The payment card. Its number is typed only inside the processor's iframe, on the payment
 * origin; the widget sees an opaque token, the brand, the last 4 digits and the expiry.
 */
export function cardView(model: SignerModel, actions: SignerActions): TemplateResult {
  const { card, cardToken } = model;
  const title = heading(model, msg('Payment card', { id: 'signer.card.title' }));
  if (cardToken) {
    return html`${progress(model)} ${title}
      <p>${msg('Use this card for your sessions? Your practice will keep only what is shown here.', { id: 'signer.card.review' })}</p>
      <p class="card-summary" part="card-summary">${cardSummary(cardToken)}</p>
      ${actionError(model)}
      <div class="actions">
        ${button(model.busy ? msg('Saving…', { id: 'signer.saving' }) : msg('Use this card', { id: 'signer.card.save' }), actions.saveCard, {
          part: 'submit-button',
          busy: model.busy,
        })}
        ${button(msg('Use a different card', { id: 'signer.card.other' }), actions.replaceCard, { part: 'edit-button', secondary: true })}
      </div>`;
  }
  if (card?.card && !model.replacingCard) {
    return html`${progress(model)} ${title}
      <p>${msg('The card on file:', { id: 'signer.card.on-file' })}</p>
      <p class="card-summary" part="card-summary">${cardSummary(card.card)}</p>
      <div class="actions">
        ${button(msg('Continue', { id: 'signer.continue' }), actions.next, { part: 'continue-button' })}
        ${button(msg('Use a different card', { id: 'signer.card.other' }), actions.replaceCard, { part: 'edit-button', secondary: true })}
      </div>`;
  }
  return html`${progress(model)} ${title}
    <p>${msg('Enter your card below. The card details go straight to the payment service; your practice keeps only the last 4 digits.', { id: 'signer.card.intro' })}</p>
    ${model.cardError ? html`<p class="form-error" role="alert" part="error">${model.cardError}</p>` : nothing}
    ${card
      ? html`<iframe
          part="card-frame"
          title=${msg('Card details', { id: 'signer.card.frame' })}
          src=${cardPageUrl(card.processor.pageUrl, getLocale())}
          height=${model.cardHeight}
          referrerpolicy="no-referrer"
        ></iframe>`
      : nothing}
    ${actionError(model)}`;
}
