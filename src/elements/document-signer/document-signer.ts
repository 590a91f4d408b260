import type { PropertyValues, TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { PortalElement } from '../../core/base/portal-element.js';
import { ActingProfileGate } from '../../core/controllers/acting-profile-gate.js';
import { FocusAfterUpdate } from '../../core/controllers/focus-after-update.js';
import { getLocale } from '../../core/i18n/localization.js';
import { formStyles } from '../../core/styles/form.styles.js';
import { headingStyles } from '../../core/styles/heading.styles.js';
import { CardFrameListener } from './card-frame.js';
import { saveBlob } from './files.js';
import { fieldDomId, type SignerActions } from './view-model.js';
import { SignerFlow } from './signer-flow.js';
import { signerView } from './views.js';
import { styles } from './document-signer.styles.js';

/**
 * The intake and consent packet the practice assigned to the acting profile: a welcome from
 * the clinician, the consent to sign electronically, each document to read and sign, the
 * contact, demographics and insurance forms (drafts saved as the client types, reviewed
 * before submitting), the payment card, and the completed documents to view or download.
 *
 * Clinician HTML is sanitized again in the browser (DOMPurify, loaded on first use) and is the
 * only HTML the widget renders. Card numbers are typed only in the processor's iframe.
 *
 * @tagname document-signer
 * @summary Read and sign intake documents, fill in forms, and see completed documents.
 * @fires portal-document-signed - A document was signed (`detail.profileId`, `documentId`, `signatureId`).
 * @fires portal-packet-completed - Every step of the packet is done (`detail.profileId`).
 * @fires portal-error - A request failed (`detail.operation`, `detail.code`).
 * @slot signed-out - Shown instead of the widget while nobody is signed in.
 * @csspart base - The wrapper.
 * @csspart heading - The heading of each step.
 * @csspart progress - "Document 2 of 5" and its bar.
 * @csspart welcome-text - The clinician's welcome message.
 * @csspart consent-text - The consent to sign electronically.
 * @csspart document-text - A document's text (sanitized clinician HTML).
 * @csspart form - A form (consent, signature or intake form).
 * @csspart signature - The agreement, name and relationship under a document.
 * @csspart section - A group of fields with its legend.
 * @csspart field - A label, its control and its error.
 * @csspart input - A text input or select.
 * @csspart field-error - The error under a field.
 * @csspart error-summary - The list of problems above a form.
 * @csspart save-status - "Draft saved."
 * @csspart review - The answers shown before submitting.
 * @csspart card-frame - The payment processor's card iframe.
 * @csspart card-summary - "Visa ending in 4242, expires 12/2030".
 * @csspart documents - The list of completed documents.
 * @csspart document - One completed document.
 * @csspart signature-block - Who signed the copy, for whom and when.
 * @csspart start-button - "Get Started" / "Continue".
 * @csspart continue-button - Continue, sign and review buttons.
 * @csspart submit-button - Submit a reviewed form; save a card.
 * @csspart edit-button - Back to change answers; use a different card.
 * @csspart documents-button - "Completed documents".
 * @csspart view-button - Open a signed copy.
 * @csspart download-button - Download a signed copy as PDF.
 * @csspart back-button - Back from the documents.
 * @cssproperty --portal-color-primary - Buttons, links and progress (every `--portal-*` token applies).
 * @cssproperty --portal-document-max-block-size - Height at which a document's text scrolls in its box; default `none`.
 */
export class DocumentSigner extends PortalElement {
  static override styles = [PortalElement.styles, headingStyles, formStyles, styles];
  static readonly defaultTag = 'document-signer';

  /** The level of the headings, to fit the host page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  protected override readonly profileGate = new ActingProfileGate(this);

  readonly #focus = new FocusAfterUpdate(this);
  readonly #flow = new SignerFlow(this, {
    focus: (selector) => this.#focus.request(selector),
    saveFile: (blob, title) => saveBlob(blob, title, this.renderRoot),
  });
  readonly #cardFrame = new CardFrameListener();
  /** The payment origin listened to while the card step shows. */
  #cardOrigin: string | undefined;

  /**
   * A hidden page (another tab, a phone's app switcher) may be closed without ever running the
   * debounce timer again, and `pagehide` is the last moment of a closing or navigating page:
   * the draft goes at once, in a request that outlives the page.
   */
  readonly #onPageHidden = (event: Event): void => {
    if (event.type === 'visibilitychange' && document.visibilityState !== 'hidden') return;
    void this.#flow.saveDraftNow(true);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onPageHidden);
    window.addEventListener('pagehide', this.#onPageHidden);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onPageHidden);
    window.removeEventListener('pagehide', this.#onPageHidden);
    // A host page's router removing the widget is often the page moving on: keepalive, too.
    void this.#flow.saveDraftNow(true);
    this.#listenToCard(undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#flow.show(this.client, this.profileGate.acting, getLocale());
  }

  protected override updated(): void {
    const { view, card } = this.#flow.snapshot;
    this.#listenToCard(view === 'card' ? card?.processor.origin : undefined);
  }

  /** Card numbers are typed only in the processor's iframe; only its checked messages count. */
  #listenToCard(origin: string | undefined): void {
    if (origin === this.#cardOrigin) return;
    this.#cardOrigin = origin;
    if (!origin) return this.#cardFrame.stop();
    this.#cardFrame.listen(origin, () => this.renderRoot.querySelector('iframe'), (message) => this.#flow.cardMessage(message));
  }

  readonly #actions: SignerActions = {
    ...this.#flow.actions,
    sign: (event) => {
      event.preventDefault();
      this.#flow.actions.sign();
    },
    continueForm: (event) => {
      event.preventDefault();
      this.#flow.actions.continueForm();
    },
    jump: (event, fieldId) => {
      event.preventDefault();
      const field = this.renderRoot.querySelector<HTMLElement>(`#${fieldDomId(fieldId)}`);
      (field?.matches('fieldset') ? field.querySelector('input') : field)?.focus();
    },
  };

  override render(): TemplateResult {
    const loading = msg('Loading your documents…', { id: 'signer.loading' });
    const gate = this.profileGate.renderGate({
      signedOut: msg('Sign in to see your documents and forms.', { id: 'signer.signed-out' }),
      loading,
      noProfile: msg('Choose whose portal you are using to see their documents.', { id: 'signer.no-profile' }),
    });
    if (gate) return gate;
    const snapshot = this.#flow.snapshot;
    if (snapshot.stepError) return this.renderError(snapshot.stepError, this.#actions.retry);
    const { packet, acting } = snapshot;
    if (!packet || !acting || snapshot.loading) return this.renderLoading(loading);
    return signerView({ ...snapshot, packet, acting, headingLevel: this.headingLevel }, this.#actions);
  }
}
