import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { toPortalApiError } from '../../core/api/errors.js';
import { getLocale } from '../../core/i18n/localization.js';
import { ConsoleView } from '../console-view.js';
import type { StaffSessionCreated } from '../office-types.js';

/** Fired when a staff link was redeemed: the shell keeps the token and opens the inbox. */
export class ConsoleSignedInEvent extends Event {
  constructor(readonly session: StaffSessionCreated) {
    super('console-signed-in', { bubbles: true, composed: true });
  }
}

type Step = 'email' | 'sent' | 'link' | 'link-failed';

/**
 * Staff sign-in: the email asks for a link; the link (its token handed in by the shell from
 * `#staff-token=`) shows whose it is and signs in only on an explicit click (R7).
 */
@customElement('office-sign-in')
export class OfficeSignIn extends ConsoleView {
  /** A token from the sign-in link, already removed from the address bar. */
  @property({ attribute: false }) linkToken: string | null = null;
  /** Why the member is here again (signed out, session ended), shown above the form. */
  @property() notice = '';

  @state() private step: Step = 'email';
  @state() private busy = false;
  @state() private error = '';
  @state() private fieldError = '';
  @state() private maskedEmail = '';
  @state() private held = false;

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // A link opened on load, or in this tab while the console is open (the fragment changed).
    if (changed.has('linkToken') && this.linkToken) void this.preview(this.linkToken);
  }

  private async preview(token: string) {
    this.busy = true;
    this.error = '';
    this.step = 'email';
    try {
      this.maskedEmail = (await this.api.previewLink(token)).maskedEmail;
      this.step = 'link';
    } catch (error) {
      this.failLink(error);
    } finally {
      this.busy = false;
    }
  }

  private failLink(error: unknown) {
    const reason = toPortalApiError(error).reason;
    this.error =
      reason === 'link_expired'
        ? msg('This sign-in link has expired. Ask for a new one below.', { id: 'console-signin-link-expired' })
        : reason === 'link_used'
          ? msg('This sign-in link was already used. Ask for a new one below.', { id: 'console-signin-link-used' })
          : reason === 'link_superseded'
            ? msg('A newer sign-in link was sent since. Use the newest email, or ask for a new link below.', {
                id: 'console-signin-link-superseded',
              })
            : reason === 'link_invalid'
              ? msg("This sign-in link isn't valid. Ask for a new one below.", { id: 'console-signin-link-invalid' })
              : this.describe(error);
    this.step = 'link-failed';
    void this.focusHeading();
  }

  private async redeem() {
    if (!this.linkToken) return;
    this.busy = true;
    this.error = '';
    try {
      const session = await this.api.redeemLink(this.linkToken);
      this.dispatchEvent(new ConsoleSignedInEvent(session));
    } catch (error) {
      this.failLink(error);
    } finally {
      this.busy = false;
    }
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#email')!;
    const email = input.value.trim();
    this.error = '';
    if (!email || !input.checkValidity()) {
      this.fieldError = msg('Enter your work email address, like name@example.com.', { id: 'console-signin-email-invalid' });
      input.focus();
      return;
    }
    this.fieldError = '';
    this.busy = true;
    try {
      const answer = await this.api.requestLink(email, getLocale());
      this.held = answer.status === 'held';
      this.step = 'sent';
      this.announce(msg('Check your email for the sign-in link.', { id: 'console-signin-check-email' }));
      void this.focusHeading();
    } catch (error) {
      this.error = this.describe(error);
    } finally {
      this.busy = false;
    }
  }

  override render(): TemplateResult {
    if (this.step === 'link') return this.renderLink();
    if (this.step === 'sent') return this.renderSent();
    return html`
      <h1 tabindex="-1">${msg('Sign in to the console', { id: 'console-signin-title' })}</h1>
      ${this.notice && this.step === 'email' ? html`<p class="card" role="status">${this.notice}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.linkToken && this.busy && this.step === 'email'
        ? html`<p role="status">${msg('Checking your sign-in link…', { id: 'console-signin-checking' })}</p>`
        : nothing}
      <p>${msg("Enter your work email. We'll send you a link that signs you in.", { id: 'console-signin-intro' })}</p>
      <form novalidate @submit=${this.submit}>
        <div class="field">
          <label for="email">${msg('Work email', { id: 'console-signin-email' })}</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            aria-invalid=${this.fieldError ? 'true' : 'false'}
            aria-describedby=${this.fieldError ? 'email-error' : nothing}
          />
          ${this.fieldError ? html`<p id="email-error" class="field-error">${this.fieldError}</p>` : nothing}
        </div>
        <div><button class="button" type="submit" ?disabled=${this.busy}>${msg('Email me a sign-in link', { id: 'console-signin-send' })}</button></div>
      </form>
    `;
  }

  private renderSent(): TemplateResult {
    return html`
      <h1 tabindex="-1">${msg('Check your email', { id: 'console-signin-sent-title' })}</h1>
      <p>
        ${msg('If this address belongs to a staff member of the practice, a sign-in link is on its way. It works once, for 24 hours.', {
          id: 'console-signin-sent',
        })}
      </p>
      ${this.held
        ? html`<p>${msg('A link was sent a moment ago: use that email, or wait a minute before asking again.', { id: 'console-signin-held' })}</p>`
        : nothing}
      <button class="button" data-variant="secondary" type="button" @click=${() => this.restart()}>
        ${msg('Use another email', { id: 'console-signin-again' })}
      </button>
    `;
  }

  private renderLink(): TemplateResult {
    const who = this.maskedEmail;
    return html`
      <h1 tabindex="-1">${msg('Sign in to the console', { id: 'console-signin-title' })}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <p>${msg(str`This link signs in ${who}.`, { id: 'console-signin-link-who' })}</p>
      <button class="button" type="button" ?disabled=${this.busy} @click=${this.redeem}>
        ${msg(str`Continue as ${who}`, { id: 'console-signin-continue' })}
      </button>
    `;
  }

  private restart() {
    this.step = 'email';
    this.error = '';
    void this.focusHeading();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-sign-in': OfficeSignIn;
  }
}
