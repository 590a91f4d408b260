import { msg } from '@lit/localize';
import { Task, TaskStatus, initialState } from '@lit/task';
import type { AnswerValue, CardMessage, Profile, SignerRelationship } from '../../contract/index.js';
import type { PortalClient } from '../../core/api/client.js';
import { toPortalApiError } from '../../core/api/errors.js';
import { BusyAction } from '../../core/controllers/busy-action.js';
import type { PortalHost } from '../../core/controllers/host.js';
import { PortalDocumentSignedEvent, PortalPacketCompletedEvent, reportError } from '../../core/events.js';
import { Debouncer, sha256Hex } from './files.js';
import type { FormViewModel } from './form-view.js';
import { fieldDomId, type IntakeForm, type SignerFlowActions, type SignerSnapshot, type SignerState } from './view-model.js';
import { signatureForm } from './signature-form.js';
import { LoadFailure, loadCopy, loadDocuments, loadPacket, loadStep, type LoadContext, type StepPatch } from './step-loads.js';
import { checkField, checkForm, serverFieldErrors, trimmed } from './validation.js';

type Load = (context: LoadContext) => Promise<StepPatch | typeof initialState>;

/** What the flow asks of the page around it: where focus goes, and how a file is saved. */
export interface SignerFlowOptions {
  /** Focus the element matching `selector` once it is shown. */
  focus(selector: string): void;
  /** Hand a fetched PDF to the browser's download. */
  saveFile(blob: Blob, title: string): void;
}

const HEADING = '[part~="heading"]';
const NOT_A_STEP = ['welcome', 'done', 'documents', 'copy'];

const initial = (): SignerState => ({
  view: 'welcome',
  index: 0,
  sig: signatureForm(true, false),
  cardHeight: 320,
  replacingCard: false,
  announcement: '',
});

/**
 * The intake and consent packet of one profile, headless: the steps (welcome, consent, each
 * document, each form with its review, the card, done), the Documents tab, drafts saved as the
 * client types, and what each request changes. It renders nothing: the element draws its
 * `snapshot` and calls its `actions`. Each view's data loads through one @lit/task, so a newer
 * load aborts the one under way and a late answer is never shown.
 */
export class SignerFlow {
  #state: SignerState = initial();
  #client: PortalClient | undefined;
  #profile: Profile | null = null;
  #language = '';
  /** `profileId|language` of what is shown: a new profile or language starts again. */
  #shownFor: string | undefined;
  #focusAfterLoad = false;
  readonly #drafts = new Debouncer(700);
  readonly #action: BusyAction;
  readonly #step: Task<readonly [Load], StepPatch>;

  readonly #host: PortalHost;
  readonly #focus: SignerFlowOptions['focus'];
  readonly #saveFile: SignerFlowOptions['saveFile'];

  constructor(host: PortalHost, options: SignerFlowOptions) {
    this.#host = host;
    this.#focus = options.focus;
    this.#saveFile = options.saveFile;
    this.#action = new BusyAction(host);
    this.#step = new Task(host, {
      autoRun: false,
      task: ([load], { signal }) => (this.#profile && this.#client ? load({ client: this.#client, profile: this.#profile, language: this.#language, signal }) : initialState),
      onComplete: (patch) => {
        this.#set(patch);
        if (this.#focusAfterLoad) options.focus(HEADING);
      },
      onError: (failure) => {
        const named = failure instanceof LoadFailure;
        reportError(host, named ? failure.operation : 'load', named ? failure.cause : failure);
      },
    });
  }

  get snapshot(): SignerSnapshot {
    const step = this.#step;
    const failure = step.status === TaskStatus.ERROR ? step.error : undefined;
    return {
      ...this.#state,
      acting: this.#profile,
      busy: this.#action.busy,
      error: this.#action.error,
      loading: step.status === TaskStatus.PENDING,
      stepError: failure instanceof LoadFailure ? failure.cause : failure,
    };
  }

  /**
   * Shows the packet of `profile` (none: nothing) in `language`. A language switch first saves
   * what was typed and comes back to the same step; another profile or a sign-out starts afresh,
   * and nothing of the last profile's stays in memory (a shared device).
   */
  show(client: PortalClient | undefined, profile: Profile | null, language: string): void {
    this.#client = client;
    this.#profile = profile;
    this.#language = language;
    const key = profile ? `${profile.id}|${language}` : undefined;
    if (key === this.#shownFor) return;
    const sameProfile = key?.split('|')[0] === this.#shownFor?.split('|')[0];
    this.#shownFor = key;
    const { packet, view, index } = this.#state;
    const resume = sameProfile && packet && !NOT_A_STEP.includes(view) ? index : undefined;
    const saved = sameProfile ? this.#drafts.flush() : Promise.resolve(this.#drafts.cancel());
    void this.#step.run([() => Promise.resolve(initialState)]);
    this.#state = initial();
    this.#action.error = undefined;
    // Unless the client moved on again meanwhile.
    const load = () => (key === this.#shownFor ? this.#load((context) => loadPacket(context, resume), false) : undefined);
    if (key) void saved.then(load);
  }

  /** Sends the draft waiting for a pause in typing now; `keepalive` when the page may be going away. */
  saveDraftNow(keepalive: boolean): Promise<void> {
    return this.#drafts.flush(keepalive);
  }

  /** A message from the payment frame, already checked (see card-frame.ts). */
  cardMessage(message: Exclude<CardMessage, { type: 'portal-card-submit' }>): void {
    if (message.type === 'portal-card-height') this.#set({ cardHeight: Math.max(120, message.height) });
    else if (message.type === 'portal-card-error') this.#set({ cardErrorCode: message.code });
    else if (message.type === 'portal-card-token') {
      const { type: _type, ...token } = message;
      this.#set({ cardToken: token, cardErrorCode: undefined });
      this.#action.error = undefined;
      this.#focus(HEADING);
    }
  }

  readonly actions: SignerFlowActions = {
    start: () => void this.#enter(Math.max(0, this.#packet.items.findIndex((i) => i.status !== 'completed'))),
    sign: () => {
      if (this.#check(this.#state.sig, (sig) => this.#set({ sig: { ...sig, showSummary: false } }))) {
        void (this.#state.view === 'consent' ? this.#accept() : this.#sign());
      }
    },
    change: (fieldId: string, value: AnswerValue) => this.#change(fieldId, value),
    continueForm: () => {
      if (!this.#check(this.#state.form!, (form) => this.#set({ form: form as IntakeForm }))) {
        this.#focus('[part~="error-summary"]');
        return;
      }
      void this.#drafts.flush();
      this.#set({ view: 'review' });
      this.#focus(HEADING);
    },
    editForm: () => {
      this.#set({ view: 'form', form: { ...this.#state.form!, showSummary: false } });
      this.#focus(HEADING);
    },
    submitForm: () => void this.#submitForm(),
    saveCard: () =>
      void this.#act('savePaymentCard', async () => {
        const saved = await this.#client!.savePaymentCard(this.#profile!.id, this.#state.cardToken!);
        this.#set({ card: { ...this.#state.card!, card: saved }, cardToken: undefined });
        await this.#advance();
      }),
    replaceCard: () => {
      this.#set({ cardToken: undefined, cardErrorCode: undefined, replacingCard: true });
      this.#action.error = undefined;
      this.#focus(HEADING);
    },
    next: () => void this.#advance(),
    showDocuments: () => {
      // Leaving a form for the Documents tab saves what was typed at once, not 700 ms later
      // (the list does not depend on it, so it need not wait).
      void this.#drafts.flush();
      void this.#load(loadDocuments);
    },
    openCopy: (signatureId) => void this.#load((context) => loadCopy(context, signatureId)),
    download: (signatureId, title) =>
      void this.#act('downloadSignedPdf', async () => {
        this.#saveFile(await this.#client!.downloadSignedPdf(this.#profile!.id, signatureId), title);
        this.#set({ announcement: msg('Download started.', { id: 'signer.download-started' }) });
      }),
    back: () => (this.#state.view === 'copy' ? this.actions.showDocuments() : void this.#load(loadPacket, false)),
    retry: () => {
      const { packet, view } = this.#state;
      if (!packet) void this.#load(loadPacket, false);
      else if (view === 'documents' || view === 'copy') this.actions.back();
      else void this.#enter(this.#state.index);
    },
  };

  get #packet() {
    return this.#state.packet!;
  }

  #set(patch: StepPatch): void {
    this.#state = { ...this.#state, ...patch };
    this.#host.requestUpdate();
  }

  /** Loads what a view needs while "Loading…" shows; `focus` moves to its heading once shown. */
  #load(load: Load, focus = true): Promise<void> {
    this.#focusAfterLoad = focus;
    this.#action.error = undefined;
    return this.#step.run([load]);
  }

  /** Shows step `index` of the packet, loading what it needs. */
  async #enter(index: number, focus = true): Promise<void> {
    await this.#drafts.flush();
    const packet = this.#packet;
    if (!packet.items[index]) return this.#finish();
    this.#set({ index });
    return this.#load((context) => loadStep(context, packet, index), focus);
  }

  /** Marks the current step done and moves to the next one not yet completed. */
  #advance(): Promise<void> {
    const { packet, index } = this.#state;
    const items = packet!.items.map((item, i) => (i === index ? { ...item, status: 'completed' as const } : item));
    this.#set({ packet: { ...packet!, items } });
    const later = items.findIndex((item, i) => i > index && item.status !== 'completed');
    const next = later >= 0 ? later : items.findIndex((item) => item.status !== 'completed');
    return next >= 0 ? this.#enter(next) : this.#finish();
  }

  #finish(): Promise<void> {
    this.#set({ packet: { ...this.#packet, completed: true }, view: 'done', fragment: undefined });
    this.#focus(HEADING);
    this.#host.dispatchEvent(new PortalPacketCompletedEvent({ profileId: this.#profile!.id }));
    return Promise.resolve();
  }

  /** A button's request: busy while it runs, its error shown in place and focused. */
  #act(operation: string, run: () => Promise<void>): Promise<void> {
    return this.#action.run(operation, run, () => this.#focus('[part~="error"]'));
  }

  /** Checks a small form; on a problem, shows it and focuses the first field with one. */
  #check(model: FormViewModel, set: (next: FormViewModel) => void): boolean {
    const errors = checkForm(model.fields, trimmed(model.answers));
    set({ ...model, errors, showSummary: true });
    const first = model.fields.find((f) => errors[f.id]);
    if (first) this.#focus(`#${fieldDomId(first.id)}`);
    return !first;
  }

  #change(fieldId: string, value: AnswerValue): void {
    const intake = this.#state.view === 'form';
    const model = intake ? this.#state.form! : this.#state.sig;
    const errors = { ...model.errors };
    // Once shown, an error goes as soon as the answer is right (and none appears while typing).
    if (errors[fieldId]) {
      const code = checkField(model.fields.find((f) => f.id === fieldId)!, typeof value === 'string' ? value.trim() : value);
      if (code) errors[fieldId] = code;
      else delete errors[fieldId];
    }
    const next = { ...model, answers: { ...model.answers, [fieldId]: value }, errors };
    if (!intake) return this.#set({ sig: next });
    this.#set({ form: next as IntakeForm });
    this.#saveDraft();
  }

  async #accept(): Promise<void> {
    const consent = this.#state.consent!;
    await this.#act('acceptEsignConsent', async () => {
      await this.#client!.acceptEsignConsent(this.#profile!.id, { textVersion: consent.textVersion, accept: true, language: consent.language });
      this.#set({ packet: { ...this.#packet, esignConsent: { textVersion: consent.textVersion, accepted: true } } });
      await this.#enter(this.#state.index);
    });
  }

  async #sign(): Promise<void> {
    const doc = this.#state.doc!;
    const { fullName, relationship } = trimmed(this.#state.sig.answers) as { fullName: string; relationship?: SignerRelationship };
    await this.#act('signDocument', async () => {
      const profileId = this.#profile!.id;
      try {
        const record = await this.#client!.signDocument(profileId, {
          documentId: doc.documentId,
          version: doc.version,
          // Hash what was actually shown; the endpoint refuses it if that is not its newest text.
          textSha256: (await sha256Hex(doc.html)) ?? doc.textSha256,
          fullName,
          ...(relationship ? { relationship } : {}),
          agreed: true,
          language: doc.language,
        });
        this.#host.dispatchEvent(new PortalDocumentSignedEvent({ profileId, documentId: doc.documentId, signatureId: record.id }));
        this.#set({ announcement: msg('Signed.', { id: 'signer.signed' }) });
      } catch (error) {
        const reason = toPortalApiError(error).reason;
        if (reason === 'already_signed') return this.#advance();
        const packet = this.#packet;
        if (reason === 'esign_consent_required') this.#set({ packet: { ...packet, esignConsent: { ...packet.esignConsent, accepted: false } } });
        // Show what must be read now (the consent, or the new text), with the reason above it.
        if (reason === 'esign_consent_required' || reason === 'document_changed') await this.#enter(this.#state.index);
        throw error;
      }
      await this.#advance();
    });
  }

  #saveDraft(): void {
    const { definition, answers } = this.#state.form!;
    // Taken now: a save flushed after the element left the page still knows where to go.
    const profileId = this.#profile!.id;
    const client = this.#client!;
    this.#drafts.schedule(async (keepalive) => {
      // Only the form it belongs to shows how its save went.
      const mark = (saved: IntakeForm['saved']) => {
        const form = this.#state.form;
        if (form?.definition === definition) this.#set({ form: { ...form, saved } });
      };
      mark('saving');
      try {
        await client.saveFormDraft(profileId, definition.id, { answers }, { keepalive });
        mark('saved');
      } catch (error) {
        reportError(this.#host, 'saveFormDraft', error);
        mark('failed');
      }
    });
  }

  async #submitForm(): Promise<void> {
    const form = this.#state.form!;
    await this.#act('submitForm', async () => {
      try {
        // The submission replaces the draft: drop a pending save, and let one already sent
        // land first, so it cannot arrive after the submission.
        this.#drafts.cancel();
        await this.#drafts.flush();
        await this.#client!.submitForm(this.#profile!.id, form.definition.id, { answers: trimmed(form.answers) });
      } catch (error) {
        const apiError = toPortalApiError(error);
        const errors = serverFieldErrors(apiError.fields);
        if (apiError.code !== 'validation' || !Object.keys(errors).length) throw error;
        this.#set({ form: { ...form, errors, showSummary: true }, view: 'form' });
        reportError(this.#host, 'submitForm', error);
        this.#focus('[part~="error-summary"]');
        return;
      }
      await this.#advance();
    });
  }
}
