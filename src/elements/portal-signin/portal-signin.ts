import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { Task } from '@lit/task';
import { PortalElement } from '../../core/base/portal-element.js';
import { toPortalApiError } from '../../core/api/errors.js';
import type { PortalConnection } from '../../core/config.js';
import { BusyAction } from '../../core/controllers/busy-action.js';
import { FocusAfterUpdate } from '../../core/controllers/focus-after-update.js';
import { PortalNewClientEvent, PortalSignedInEvent, PortalSignedOutEvent } from '../../core/events.js';
import { formatWait } from '../../core/i18n/error-messages.js';
import { getLocale } from '../../core/i18n/localization.js';
import type { SessionChangeEvent } from '../../core/session/session-store.js';
import { Countdown } from './countdown.js';
import { chooseView, emailView, pinView, sentView } from './entry-views.js';
import { IdleTimer } from './idle-timer.js';
import { takeLinkToken } from './link-fragment.js';
import { linkProblemOf } from './messages.js';
import { expiredView, idleDialog, linkView, signedInView } from './session-views.js';
import { headingStyles } from '../../core/styles/heading.styles.js';
import { formStyles } from '../../core/styles/form.styles.js';
import { styles } from './portal-signin.styles.js';
import type { FieldErrors, SigninActions, SigninModel, Step } from './view-model.js';
import { invalidEmailMessage, validateCode, validateEmail, validatePin } from './validation.js';

const VIEWS: Record<Step, (model: SigninModel, actions: SigninActions) => TemplateResult> = {
  choose: chooseView,
  email: emailView,
  sent: sentView,
  pin: pinView,
  link: linkView,
  'signed-in': signedInView,
  expired: expiredView,
};

/**
 * Passwordless sign-in to the practice's client portal: an emailed link (24 hours, once,
 * newest only), the 6-digit code in the same email, or a PIN code the office gives by phone. Shows who is signed in, warns
 * before the idle timeout, and signs every widget on the endpoint out together.
 *
 * @tagname portal-signin
 * @summary Sign-in by emailed link or office PIN, and the session's lifecycle.
 * @fires portal-signed-in - A session started (`detail.method`: `link`, `pin` or `session`).
 * @fires portal-signed-out - The session ended (`detail.reason`: `signed-out` or `expired`).
 * @fires portal-new-client - "I'm a New Client" was chosen and no `new-client-href` is set.
 * @fires portal-error - A request failed (`detail.operation`, `detail.code`).
 * @csspart base - The wrapper.
 * @csspart heading - The heading of each step.
 * @csspart form - The email, PIN and emailed-code forms.
 * @csspart field - A label, its input and its error.
 * @csspart input - The email, PIN and code inputs.
 * @csspart field-error - The error under a field.
 * @csspart submit-button - "Email Me a Link", "Sign In" and "Sign In with Code".
 * @csspart existing-client-button - "I'm an Existing Client".
 * @csspart new-client-button - "I'm a New Client".
 * @csspart continue-button - "Continue as …" on the emailed link's page.
 * @csspart sign-out-button - "Sign out".
 * @csspart tips - The troubleshooting tips.
 * @csspart idle-dialog - The warning before the idle timeout.
 * @csspart countdown - The wait before trying again.
 */
export class PortalSignin extends PortalElement {
  static override styles = [PortalElement.styles, headingStyles, formStyles, styles];
  static readonly defaultTag = 'portal-signin';

  /** Where "I'm a New Client" leads (the practice's intake or booking page). Without it, `portal-new-client` fires. */
  @property({ attribute: 'new-client-href' }) newClientHref = '';

  /** The level of the headings, to fit the host page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  @state() private step: Step = 'choose';
  @state() private email = '';
  @state() private fieldErrors: FieldErrors = {};
  @state() private tipsOpen = false;
  @state() private emailCode = false;
  @state() private linkHeld = false;
  /** The address the resend wait belongs to: another address has its own budget. */
  @state() private resendFor = '';
  @state() private link: SigninModel['link'] = { checking: false };
  @state() private signedInAs: string | undefined;
  @state() private idleWarning = false;
  @state() private announcement = '';

  #linkToken: string | null = null;
  #startedFor: PortalConnection | undefined;
  readonly #action = new BusyAction(this);
  readonly #focus = new FocusAfterUpdate(this);
  readonly #retry = new Countdown(this, () => this.#announce(msg('You can try again now.', { id: 'signin.retry-now' })));
  readonly #idleCountdown = new Countdown(this);
  readonly #resend = new Countdown(this, () => {
    if (this.step === 'sent' || this.step === 'email') this.#announce(msg('You can ask for another link now.', { id: 'signin.resend-now' }));
  });
  readonly #idle = new IdleTimer(this, { warn: () => this.#warnIdle(), expire: () => this.session?.clear('expired') });

  readonly #practice = new Task(this, {
    args: () => [this.client] as const,
    task: ([client], { signal }) => client?.getInfo({ signal }),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.#linkToken ??= takeLinkToken();
    window.addEventListener('hashchange', this.#onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHashChange);
  }

  /** A sign-in link opened in a tab that already shows this page only changes the fragment. */
  #onHashChange = () => {
    const token = takeLinkToken();
    if (token === null) return;
    this.#linkToken = token;
    this.#show('link', false);
    void this.#previewLink(token);
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.connection && this.connection !== this.#startedFor) {
      this.#startedFor = this.connection;
      this.#start();
    }
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) {
      dialog.showModal();
      // The safe choice takes focus, so Enter or Space keeps the client signed in.
      dialog.querySelector<HTMLElement>('[part~="stay-button"]')?.focus();
    }
  }

  override render(): TemplateResult {
    if (!this.endpoint) return this.renderMissingEndpoint();
    return html`<div class="base" part="base">
      ${VIEWS[this.step](this.#model(), this.#actions)}
      ${this.idleWarning
        ? idleDialog(this.#idleCountdown.secondsLeft, () => void this.#stay(), () => void this.#signOut(), formatWait)
        : nothing}
      <div class="visually-hidden" role="status">${this.announcement}</div>
    </div>`;
  }

  protected override sessionChanged(event: SessionChangeEvent): void {
    if (event.reason === 'signed-in') {
      if (this.step === 'signed-in') return;
      this.step = 'signed-in';
      // Signed in by another widget on the page: learn who, in one request.
      if (!this.#action.busy) void this.#loadSession();
      return;
    }
    this.#idle.stop();
    this.idleWarning = false;
    this.signedInAs = undefined;
    this.#show(event.reason === 'expired' ? 'expired' : 'choose', false);
    this.#announce(
      event.reason === 'expired'
        ? msg('You were signed out after a period without activity.', { id: 'signin.announce.expired' })
        : msg('You are signed out.', { id: 'signin.announce.signed-out' }),
    );
    this.dispatchEvent(new PortalSignedOutEvent({ reason: event.reason }));
  }

  #start(): void {
    if (this.#linkToken !== null) {
      this.step = 'link';
      void this.#previewLink(this.#linkToken);
    } else if (this.session?.signedIn) {
      this.step = 'signed-in';
      void this.#loadSession();
    }
  }

  #model(): SigninModel {
    return {
      step: this.step,
      headingLevel: this.headingLevel,
      email: this.email,
      busy: this.#action.busy,
      error: this.#action.error,
      fieldErrors: this.fieldErrors,
      retrySeconds: this.#retry.running ? this.#retry.secondsLeft : 0,
      tipsOpen: this.tipsOpen,
      emailCode: this.emailCode,
      linkHeld: this.linkHeld,
      resendSeconds: this.#resend.running && this.resendFor === this.email.trim() ? this.#resend.secondsLeft : 0,
      practice: this.#practice.value,
      newClientHref: this.newClientHref,
      link: this.link,
      signedInAs: this.signedInAs,
    };
  }

  readonly #actions: SigninActions = {
    go: (step) => this.#show(step, true),
    newClient: () => this.dispatchEvent(new PortalNewClientEvent()),
    emailInput: (event) => {
      this.email = (event.target as HTMLInputElement).value;
      if (this.fieldErrors.email) this.fieldErrors = { ...this.fieldErrors, email: undefined };
    },
    requestLink: (event) => void this.#requestLink(event),
    signInWithPin: (event) => void this.#signInWithPin(event),
    signInWithCode: (event) => void this.#signInWithCode(event),
    toggleTips: () => (this.tipsOpen = !this.tipsOpen),
    continueWithLink: () => void this.#redeemLink(),
    signOut: () => void this.#signOut(),
  };

  #show(step: Step, moveFocus: boolean): void {
    // A wait belongs to the form that was refused: a code or PIN guessed by someone else must
    // not disable asking for a new link (R23); the server still refuses what it must.
    if (step !== this.step) this.#retry.stop();
    this.step = step;
    this.#action.error = undefined;
    this.fieldErrors = {};
    this.tipsOpen = false;
    if (moveFocus) this.#focus.request('[part~="heading"]');
    else this.#focus.cancel();
  }

  #announce(text: string): void {
    this.announcement = text;
  }

  async #requestLink(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const emailError = validateEmail(this.email);
    if (emailError) return this.#invalid({ email: emailError });
    await this.#act('requestSignInLink', async (client) => {
      const email = this.email.trim();
      const sent = await client.requestSignInLink({ email, returnTo: pageUrl(), language: getLocale() as 'en' | 'es' });
      this.emailCode = sent.emailCode === true;
      this.linkHeld = sent.status === 'held';
      this.resendFor = email;
      // An endpoint that does not say when is taken at the protocol's one email a minute.
      const wait = sent.resendAfterSeconds ?? 60;
      if (wait > 0) this.#resend.start(wait);
      else this.#resend.stop();
      this.#show('sent', true);
    });
  }

  async #signInWithPin(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const pin = typedDigits(event, 'pin');
    const errors: FieldErrors = { email: validateEmail(this.email), pin: validatePin(pin) };
    if (errors.email || errors.pin) return this.#invalid(errors);
    await this.#act('signInWithPin', async (client) => {
      const session = await client.signInWithPin({ email: this.email.trim(), pin });
      this.#signedIn(session.maskedEmail, session.idleTimeoutSeconds, 'pin');
    });
  }

  /** The code from the sign-in email (R16), for the address the link was sent to. */
  async #signInWithCode(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const code = typedDigits(event, 'code');
    const codeError = validateCode(code);
    if (codeError) return this.#invalid({ code: codeError });
    await this.#act('signInWithEmailCode', async (client) => {
      const session = await client.signInWithEmailCode({ email: this.email.trim(), code });
      this.#signedIn(session.maskedEmail, session.idleTimeoutSeconds, 'link');
    });
  }

  async #previewLink(token: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.link = { checking: true };
    try {
      const preview = await client.previewSignInLink(token);
      this.link = { checking: false, maskedEmail: preview.maskedEmail };
    } catch (error) {
      const apiError = this.emitError('previewSignInLink', error);
      const problem = linkProblemOf(apiError);
      this.link = { checking: false, problem };
      if (!problem) this.#action.error = apiError;
    }
  }

  async #redeemLink(): Promise<void> {
    const token = this.#linkToken;
    if (!token) return;
    await this.#act('redeemSignInLink', async (client) => {
      try {
        const session = await client.redeemSignInLink(token);
        this.#linkToken = null;
        this.#signedIn(session.maskedEmail, session.idleTimeoutSeconds, 'link');
      } catch (error) {
        const problem = linkProblemOf(toPortalApiError(error));
        if (!problem) throw error;
        this.emitError('redeemSignInLink', error);
        this.link = { checking: false, problem };
      }
    });
  }

  async #loadSession(): Promise<void> {
    const client = this.client;
    const store = this.session;
    if (!client || !store) return;
    try {
      const session = await client.getSession();
      this.signedInAs = session.maskedEmail;
      this.#idle.watch(store, session.idleTimeoutSeconds);
      this.dispatchEvent(new PortalSignedInEvent({ method: 'session' }));
    } catch (error) {
      // A 401 has already cleared the session (and so this view); other failures leave
      // the client signed in, shown without the address.
      this.emitError('getSession', error);
    }
  }

  #signedIn(maskedEmail: string, idleSeconds: number, method: 'link' | 'pin'): void {
    this.signedInAs = maskedEmail;
    if (this.session) this.#idle.watch(this.session, idleSeconds);
    this.#show('signed-in', false);
    this.#announce(msg('You are signed in.', { id: 'signin.announce.signed-in' }));
    this.dispatchEvent(new PortalSignedInEvent({ method }));
  }

  #warnIdle(): void {
    this.idleWarning = true;
    this.#idleCountdown.start(Math.max(1, Math.round((this.#idle.deadline - Date.now()) / 1000)));
  }

  async #stay(): Promise<void> {
    this.idleWarning = false;
    this.#idleCountdown.stop();
    await this.#act('getSession', (client) => client.getSession().then(() => undefined));
  }

  async #signOut(): Promise<void> {
    this.idleWarning = false;
    await this.#act('signOut', (client) => client.signOut());
  }

  #invalid(errors: FieldErrors): void {
    this.#action.error = undefined;
    this.fieldErrors = errors;
    this.#focus.request('[aria-invalid="true"]');
  }

  /** Runs one user action: busy while it runs, its failure shown calmly and reported. */
  async #act(operation: string, run: (client: NonNullable<PortalElement['client']>) => Promise<void>): Promise<void> {
    const client = this.client;
    if (!client) return;
    await this.#action.run(
      operation,
      () => {
        this.fieldErrors = {};
        return run(client);
      },
      (apiError) => {
        if (apiError.code === 'rate_limited') this.#retry.start(apiError.retryAfter ?? 60);
        if (apiError.code === 'validation' && apiError.fields.email) this.#invalid({ email: invalidEmailMessage() });
      },
    );
  }
}

/** The page the emailed link should come back to, without any fragment. */
function pageUrl(): string {
  const url = new URL(location.href);
  url.hash = '';
  return url.href;
}

/** A submitted PIN or code field's value without its spaces ("123 456" → "123456"). */
function typedDigits(event: SubmitEvent, name: string): string {
  const typed = new FormData(event.target as HTMLFormElement).get(name);
  return typeof typed === 'string' ? typed.replace(/\s+/g, '') : '';
}
