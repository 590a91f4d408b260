import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { getLocale } from '../../core/i18n/localization.js';
import type { SignerActions, SignerModel } from './view-model.js';
import { cardPageUrl } from './card-frame.js';
import { cardError, cardSummary } from './messages.js';
import { actionError, button, heading, progress } from './parts.js';

/**
 * The card iframe's sandbox: what the processor's page may do, and nothing more. It runs its
 * script (`allow-scripts`); it keeps its own origin (`allow-same-origin`), which its fetch to
 * its own `/v1/tokens` and the origin the widget checks on its messages both need (without it
 * the origin is the opaque `null`); and it may fire its form's submit event, which Enter in a
 * field and its button rely on (`allow-forms`; its CSP `form-action 'none'` still stops a real
 * submission). No top navigation, popups, modals, downloads or pointer lock. Scripts with the
 * same origin are safe only because the page is on another origin than the host page
 * (docs/payments.md): a same-origin frame could lift its own sandbox.
 *
 * lit-analyzer's HTML data types `sandbox` as a single token, though it is a space-separated
 * list of them: the cast only quiets that false report.
 */
const CARD_FRAME_SANDBOX = 'allow-scripts allow-same-origin allow-forms' as string as 'allow-scripts';

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
    ${model.cardErrorCode ? html`<p class="form-error" role="alert" part="error">${cardError(model.cardErrorCode)}</p>` : nothing}
    ${card
      ? html`<iframe
          part="card-frame"
          title=${msg('Card details', { id: 'signer.card.frame' })}
          src=${cardPageUrl(card.processor.pageUrl, getLocale())}
          height=${model.cardHeight}
          sandbox=${CARD_FRAME_SANDBOX}
          referrerpolicy="no-referrer"
        ></iframe>`
      : nothing}
    ${actionError(model)}`;
}
