import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import type {
  AnswerValue,
  CompletedDocumentList,
  DocumentVersion,
  EsignConsent,
  Packet,
  PaymentCardState,
  PaymentCardToken,
  Profile,
  SignedCopy,
  SignerRelationship,
} from '../../contract/index.js';
import { toPortalApiError, type PortalApiError } from '../../core/api/errors.js';
import { PortalElement } from '../../core/base/portal-element.js';
import { ActingProfileGate } from '../../core/controllers/acting-profile-gate.js';
import { PortalDocumentSignedEvent, PortalPacketCompletedEvent } from '../../core/events.js';
import { getLocale } from '../../core/i18n/localization.js';
import { sanitizeHtml } from '../../core/sanitized-html/sanitize.js';
import { CardFrameListener } from './card-frame.js';
import { Debouncer, saveBlob, sha256Hex } from './files.js';
import { fieldDomId, type FormViewModel } from './form-view.js';
import { cardError } from './messages.js';
import type { IntakeForm, SignerActions, SignerModel, View } from './model.js';
import { documentsLink, emptyView } from './steps.js';
import { VIEWS, signatureForm } from './views.js';
import { headingStyles } from '../../core/styles/heading.styles.js';
import { formStyles } from '../../core/styles/form.styles.js';
import { styles } from './document-signer.styles.js';
import { checkField, checkForm, serverFieldErrors, trimmed } from './validation.js';

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

  // State that only the views read (through SignerModel) is protected rather than private.
  @state() private packet: Packet | undefined;
  @state() private stepError: unknown;
  @state() private loading = false;
  @state() private view: View = 'welcome';
  @state() private index = 0;
  @state() private busy = false;
  @state() protected error: PortalApiError | undefined;
  @state() protected fragment: DocumentFragment | undefined;
  @state() private doc: DocumentVersion | undefined;
  @state() private consent: EsignConsent | undefined;
  @state() private sig: FormViewModel = signatureForm(true, false);
  @state() private form: IntakeForm | undefined;
  @state() private card: PaymentCardState | undefined;
  @state() private cardToken: PaymentCardToken | undefined;
  @state() protected cardError: string | undefined;
  @state() protected cardHeight = 320;
  @state() protected replacingCard = false;
  @state() protected list: CompletedDocumentList | undefined;
  @state() protected copy: SignedCopy | undefined;
  @state() private announcement = '';

  /** `profileId|locale` of what is shown: a new profile or language starts again. */
  #shownFor: string | undefined;
  /** Bumped whenever what is shown is replaced, so late answers are dropped. */
  #generation = 0;
  #focus: string | undefined;
  readonly #drafts = new Debouncer(700);
  readonly #cardFrame = new CardFrameListener();

  /**
   * A hidden page (another tab, a phone's app switcher) may be closed without ever running the
   * debounce timer again, and `pagehide` is the last moment of a closing or navigating page:
   * the draft goes at once, in a request that outlives the page.
   */
  readonly #onPageHidden = (event: Event): void => {
    if (event.type === 'visibilitychange' && document.visibilityState !== 'hidden') return;
    void this.#drafts.flush(true);
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
    void this.#drafts.flush(true);
    this.#cardFrame.stop();
  }

  private get acting(): Profile {
    return this.profileGate.store!.acting!;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const acting = this.session?.signedIn ? this.profileGate.store?.acting : undefined;
    const key = acting ? `${acting.id}|${getLocale()}` : undefined;
    if (key === this.#shownFor) return;
    const sameProfile = key?.split('|')[0] === this.#shownFor?.split('|')[0];
    this.#shownFor = key;
    // A language switch keeps the client's place (texts reload in the new language); a new
    // profile or sign-in starts afresh.
    const resume = sameProfile && this.packet && !['welcome', 'done', 'documents', 'copy'].includes(this.view) ? this.index : undefined;
    this.#generation++;
    // A language switch first saves what was typed, so the form comes back with it; another
    // profile or a sign-out drops it.
    const saved = sameProfile ? this.#drafts.flush() : Promise.resolve(this.#drafts.cancel());
    this.#cardFrame.stop();
    // Nothing of the last profile's stays in memory on a shared device (a sign-out lands here too).
    const none = undefined;
    Object.assign(this, { packet: none, stepError: none, error: none, fragment: none, doc: none, consent: none, form: none, card: none, cardToken: none, list: none, copy: none });
    Object.assign(this, { view: 'welcome', index: 0 });
    if (acting) void saved.then(() => this.#loadPacket(resume));
  }

  protected override updated(): void {
    const target = this.#focus && this.renderRoot.querySelector<HTMLElement>(this.#focus);
    if (target) {
      this.#focus = undefined;
      target.focus();
    }
  }

  /**
   * Loads what a view needs while "Loading…" shows, then applies it, unless the client moved
   * on meanwhile (the answer is then dropped). A failure shows the error with Try again.
   */
  async #load<T>(operation: string, request: () => Promise<T>, apply: (result: T) => unknown, focus = true): Promise<void> {
    const generation = ++this.#generation;
    Object.assign(this, { loading: true, stepError: undefined, error: undefined, busy: false });
    try {
      const result = await request();
      if (generation !== this.#generation) return;
      await apply(result);
      if (focus) this.#focus = '[part~="heading"]';
    } catch (error) {
      if (generation !== this.#generation) return;
      this.emitError(operation, error);
      this.stepError = error;
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }

  #loadPacket(resume?: number): Promise<void> {
    return this.#load(
      'getPacket',
      () => this.client!.getPacket(this.acting.id, getLocale()),
      async (packet: Packet) => {
        this.packet = packet;
        const next = packet.items.findIndex((item) => item.status !== 'completed');
        if (resume !== undefined) return this.#enter(resume, false);
        // Someone who already started is taken back to where they were, as a reload should.
        if (next >= 0 && packet.items.some((item) => item.status !== 'pending')) return this.#enter(next, false);
        this.fragment = packet.welcomeHtml ? await sanitizeHtml(packet.welcomeHtml) : undefined;
        this.view = packet.items.length && packet.completed ? 'done' : 'welcome';
      },
      false,
    );
  }

  /** Shows step `index` of the packet, loading what it needs. */
  async #enter(index: number, focus = true): Promise<void> {
    await this.#drafts.flush();
    this.#cardFrame.stop();
    const packet = this.packet!;
    const item = packet.items[index];
    if (!item) return this.#finish();
    const { id, relationship } = this.acting;
    const language = getLocale();
    this.index = index;
    if (item.kind === 'document' && !packet.esignConsent.accepted) {
      return this.#load('getEsignConsent', () => this.client!.getEsignConsent(id, language), async (consent) => {
        Object.assign(this, { consent, sig: signatureForm(true, false), fragment: await sanitizeHtml(consent.html), view: 'consent' });
      }, focus);
    }
    if (item.kind === 'document') {
      return this.#load('getDocument', () => this.client!.getDocument(id, item.documentId, language), async (doc) => {
        Object.assign(this, { doc, sig: signatureForm(false, relationship === 'guardian'), fragment: await sanitizeHtml(doc.html), view: 'document' });
      }, focus);
    }
    if (item.kind === 'form') {
      return this.#load('getForm', () => this.client!.getForm(id, item.formId), ({ definition, draft, submitted }) => {
        const answers = draft?.answers ?? submitted?.answers ?? {};
        this.form = { definition, fields: definition.fields, answers, errors: {}, showSummary: false, saved: 'idle' };
        this.view = 'form';
      }, focus);
    }
    return this.#load('getPaymentCard', () => this.client!.getPaymentCard(id), (card) => {
      Object.assign(this, { card, cardToken: undefined, cardError: undefined, replacingCard: false, view: 'card' });
      this.#cardFrame.listen(card.processor.origin, () => this.renderRoot.querySelector('iframe'), (message) => {
        if (message.type === 'portal-card-height') this.cardHeight = Math.max(120, message.height);
        else if (message.type === 'portal-card-error') this.cardError = cardError(message.code);
        else if (message.type === 'portal-card-token') {
          const { type: _type, ...token } = message;
          Object.assign(this, { cardToken: token, cardError: undefined, error: undefined });
          this.#focus = '[part~="heading"]';
        }
      });
    }, focus);
  }

  /** Marks the current step done and moves to the next one not yet completed. */
  #advance(): Promise<void> {
    const packet = this.packet!;
    const items = packet.items.map((item, i) => (i === this.index ? { ...item, status: 'completed' as const } : item));
    this.packet = { ...packet, items };
    const later = items.findIndex((item, i) => i > this.index && item.status !== 'completed');
    const next = later >= 0 ? later : items.findIndex((item) => item.status !== 'completed');
    return next >= 0 ? this.#enter(next) : this.#finish();
  }

  #finish(): Promise<void> {
    Object.assign(this, { packet: { ...this.packet!, completed: true }, view: 'done', fragment: undefined });
    this.#focus = '[part~="heading"]';
    this.dispatchEvent(new PortalPacketCompletedEvent({ profileId: this.acting.id }));
    return Promise.resolve();
  }

  /** A button's request: busy while it runs, its error shown in place. */
  async #act(operation: string, run: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = undefined;
    try {
      await run();
    } catch (error) {
      this.error = toPortalApiError(error);
      this.emitError(operation, error);
      this.#focus = '[part~="error"]';
    } finally {
      this.busy = false;
    }
  }

  /** Checks a small form; on a problem, shows it and focuses the first field with one. */
  #check(model: FormViewModel, set: (next: FormViewModel) => void): boolean {
    const errors = checkForm(model.fields, trimmed(model.answers));
    set({ ...model, errors, showSummary: true });
    const first = model.fields.find((f) => errors[f.id]);
    if (first) this.#focus = `#${fieldDomId(first.id)}`;
    return !first;
  }

  async #accept(): Promise<void> {
    const consent = this.consent!;
    await this.#act('acceptEsignConsent', async () => {
      await this.client!.acceptEsignConsent(this.acting.id, { textVersion: consent.textVersion, accept: true, language: consent.language });
      this.packet = { ...this.packet!, esignConsent: { textVersion: consent.textVersion, accepted: true } };
      await this.#enter(this.index);
    });
  }

  async #sign(): Promise<void> {
    const doc = this.doc!;
    const { fullName, relationship } = trimmed(this.sig.answers) as { fullName: string; relationship?: SignerRelationship };
    await this.#act('signDocument', async () => {
      const profileId = this.acting.id;
      try {
        const record = await this.client!.signDocument(profileId, {
          documentId: doc.documentId,
          version: doc.version,
          // Hash what was actually shown; the endpoint refuses it if that is not its newest text.
          textSha256: (await sha256Hex(doc.html)) ?? doc.textSha256,
          fullName,
          ...(relationship ? { relationship } : {}),
          agreed: true,
          language: doc.language,
        });
        this.dispatchEvent(new PortalDocumentSignedEvent({ profileId, documentId: doc.documentId, signatureId: record.id }));
        this.announcement = msg('Signed.', { id: 'signer.signed' });
      } catch (error) {
        const reason = toPortalApiError(error).reason;
        if (reason === 'already_signed') return this.#advance();
        if (reason === 'esign_consent_required') this.packet = { ...this.packet!, esignConsent: { ...this.packet!.esignConsent, accepted: false } };
        // Show what must be read now (the consent, or the new text), with the reason above it.
        if (reason === 'esign_consent_required' || reason === 'document_changed') await this.#enter(this.index);
        throw error;
      }
      await this.#advance();
    });
  }

  #saveDraft(): void {
    const { definition, answers } = this.form!;
    const profileId = this.acting.id;
    // Taken now: a save flushed after the element left the page still knows where to go.
    const client = this.client!;
    this.#drafts.schedule(async (keepalive) => {
      // Only the form it belongs to shows how its save went.
      const mark = (saved: IntakeForm['saved']) => {
        if (this.form?.definition === definition) this.form = { ...this.form, saved };
      };
      mark('saving');
      try {
        await client.saveFormDraft(profileId, definition.id, { answers }, { keepalive });
        mark('saved');
      } catch (error) {
        this.emitError('saveFormDraft', error);
        mark('failed');
      }
    });
  }

  async #submitForm(): Promise<void> {
    const form = this.form!;
    await this.#act('submitForm', async () => {
      try {
        // The submission replaces the draft: drop a pending save, and let one already sent
        // land first, so it cannot arrive after the submission.
        this.#drafts.cancel();
        await this.#drafts.flush();
        await this.client!.submitForm(this.acting.id, form.definition.id, { answers: trimmed(form.answers) });
      } catch (error) {
        const apiError = toPortalApiError(error);
        const errors = serverFieldErrors(apiError.fields);
        if (apiError.code !== 'validation' || !Object.keys(errors).length) throw error;
        Object.assign(this, { form: { ...form, errors, showSummary: true }, view: 'form' });
        this.emitError('submitForm', error);
        this.#focus = '[part~="error-summary"]';
        return;
      }
      await this.#advance();
    });
  }

  readonly #actions: SignerActions = {
    start: () => void this.#enter(Math.max(0, this.packet!.items.findIndex((i) => i.status !== 'completed'))),
    sign: (event) => {
      event.preventDefault();
      if (!this.#check(this.sig, (sig) => (this.sig = { ...sig, showSummary: false }))) return;
      void (this.view === 'consent' ? this.#accept() : this.#sign());
    },
    change: (fieldId: string, value: AnswerValue) => {
      const intake = this.view === 'form';
      const model = intake ? this.form! : this.sig;
      const errors = { ...model.errors };
      // Once shown, an error goes as soon as the answer is right (and none appears while typing).
      if (errors[fieldId]) {
        const code = checkField(model.fields.find((f) => f.id === fieldId)!, typeof value === 'string' ? value.trim() : value);
        if (code) errors[fieldId] = code;
        else delete errors[fieldId];
      }
      const next = { ...model, answers: { ...model.answers, [fieldId]: value }, errors };
      if (!intake) return void (this.sig = next);
      this.form = next as IntakeForm;
      this.#saveDraft();
    },
    jump: (event, fieldId) => {
      event.preventDefault();
      const field = this.renderRoot.querySelector<HTMLElement>(`#${fieldDomId(fieldId)}`);
      (field?.matches('fieldset') ? field.querySelector('input') : field)?.focus();
    },
    continueForm: (event) => {
      event.preventDefault();
      if (!this.#check(this.form!, (form) => (this.form = form as IntakeForm))) {
        this.#focus = '[part~="error-summary"]';
        return;
      }
      void this.#drafts.flush();
      this.view = 'review';
      this.#focus = '[part~="heading"]';
    },
    editForm: () => {
      Object.assign(this, { view: 'form', form: { ...this.form!, showSummary: false } });
      this.#focus = '[part~="heading"]';
    },
    submitForm: () => void this.#submitForm(),
    saveCard: () =>
      void this.#act('savePaymentCard', async () => {
        const saved = await this.client!.savePaymentCard(this.acting.id, this.cardToken!);
        Object.assign(this, { card: { ...this.card!, card: saved }, cardToken: undefined });
        await this.#advance();
      }),
    replaceCard: () => {
      Object.assign(this, { cardToken: undefined, cardError: undefined, replacingCard: true, error: undefined });
      this.#focus = '[part~="heading"]';
    },
    next: () => void this.#advance(),
    showDocuments: () => {
      // Leaving a form for the Documents tab saves what was typed at once, not 700 ms later
      // (the list does not depend on it, so it need not wait).
      void this.#drafts.flush();
      void this.#load('listSignedDocuments', () => this.client!.listSignedDocuments(this.acting.id), (list) => {
        Object.assign(this, { list, view: 'documents', fragment: undefined });
      });
    },
    openCopy: (signatureId) =>
      void this.#load('getSignedCopy', () => this.client!.getSignedCopy(this.acting.id, signatureId), async (copy) => {
        Object.assign(this, { copy, fragment: await sanitizeHtml(copy.html), view: 'copy' });
      }),
    download: (signatureId, title) =>
      void this.#act('downloadSignedPdf', async () => {
        saveBlob(await this.client!.downloadSignedPdf(this.acting.id, signatureId), title, this.renderRoot);
        this.announcement = msg('Download started.', { id: 'signer.download-started' });
      }),
    back: () => (this.view === 'copy' ? this.#actions.showDocuments() : void this.#loadPacket()),
  };

  override render(): TemplateResult {
    if (!this.endpoint) return this.renderMissingEndpoint();
    if (!this.session?.signedIn) return this.renderSignedOut(msg('Sign in to see your documents and forms.', { id: 'signer.signed-out' }));
    const store = this.profileGate.store!;
    if (store.status === 'error') return this.renderError(store.error, () => void store.load(true));
    if (store.status !== 'ready') return this.renderLoading(msg('Loading your documents…', { id: 'signer.loading' }));
    if (!store.acting) {
      return html`<p class="state" part="status">${msg('Choose whose portal you are using to see their documents.', { id: 'signer.no-profile' })}</p>`;
    }
    if (this.stepError) {
      const retry = this.packet ? (this.view === 'documents' || this.view === 'copy' ? this.#actions.back : () => void this.#enter(this.index)) : () => void this.#loadPacket();
      return this.renderError(this.stepError, retry);
    }
    if (!this.packet || this.loading) return this.renderLoading(msg('Loading your documents…', { id: 'signer.loading' }));
    // The views read the element's own state through SignerModel (the same names, read-only).
    const model = this as unknown as SignerModel;
    const empty = this.view === 'welcome' && !this.packet.items.length;
    const tab = !['documents', 'copy', 'done'].includes(this.view);
    return html`<div class="base" part="base">
      ${tab ? documentsLink(this.#actions) : ''} ${(empty ? emptyView : VIEWS[this.view])(model, this.#actions)}
      <div class="visually-hidden" role="status">${this.announcement}</div>
    </div>`;
  }
}
