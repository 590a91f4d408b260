import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { msg, str } from '@lit/localize';
import { describeSigninError } from './messages.js';
import { backButton, field, heading, officePhone, resendNotice, retryNotice, submitButton } from './parts.js';
import type { SigninActions, SigninModel } from './view-model.js';

/** "I'm an Existing Client" / "I'm a New Client", named as in the practice's guide. */
export function chooseView(model: SigninModel, actions: SigninActions): TemplateResult {
  return html`${heading(model, msg('Client portal', { id: 'signin.choose.title' }))}
    <div class="choices">
      <button class="button" part="existing-client-button" type="button" @click=${() => actions.go('email')}>
        ${msg("I'm an Existing Client", { id: 'signin.existing-client' })}
      </button>
      ${model.newClientHref
        ? html`<a class="button" data-variant="secondary" part="new-client-button" href=${model.newClientHref}
            >${msg("I'm a New Client", { id: 'signin.new-client' })}</a
          >`
        : html`<button class="button" data-variant="secondary" part="new-client-button" type="button"
            @click=${actions.newClient}>
            ${msg("I'm a New Client", { id: 'signin.new-client' })}
          </button>`}
    </div>
    <p class="hint">
      ${msg('New Client is only for people who have never signed in to this portal.', { id: 'signin.new-client-hint' })}
    </p>`;
}

function formError(model: SigninModel, via: 'pin' | 'code' = 'pin'): TemplateResult | typeof nothing {
  const { email, pin, code } = model.fieldErrors;
  if (!model.error || email || pin || code) return nothing;
  return html`<div class="form-error" role="alert" part="error">${describeSigninError(model.error, via)}</div>`;
}

/** A 6-digit PIN or code: paste and autofill welcome, spaces allowed, no maxlength (R25). */
function digitsField(id: string, name: string, label: string, error: string | undefined): TemplateResult {
  return field({
    id,
    label,
    hint: msg('6 digits', { id: 'signin.pin.hint' }),
    error,
    input: (describedBy, invalid) => html`<input
      id=${id}
      name=${name}
      type="text"
      inputmode="numeric"
      .autocomplete=${'one-time-code'}
      required
      part="input"
      aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy)}
    />`,
  });
}

/** The same email's 6-digit code, for when a mail scanner broke the link (R16, R25). */
function codeForm(model: SigninModel, actions: SigninActions): TemplateResult {
  return html`<form part="form code-form" novalidate aria-labelledby="signin-code-title" @submit=${actions.signInWithCode}>
    <p id="signin-code-title">
      ${msg("Link not working? The email also has a 6-digit code you can enter here.", { id: 'signin.code.intro' })}
    </p>
    ${digitsField('signin-code', 'code', msg('Code from the email', { id: 'signin.code.label' }), model.fieldErrors.code)}
    ${formError(model, 'code')} ${retryNotice(model)}
    ${submitButton(model, msg('Sign In with Code', { id: 'signin.code.submit' }), msg('Signing in…', { id: 'signin.signing-in' }))}
  </form>`;
}

function emailField(model: SigninModel, actions: SigninActions, id: string): TemplateResult {
  return field({
    id,
    label: msg('Email address', { id: 'signin.email.label' }),
    error: model.fieldErrors.email,
    input: (describedBy, invalid) => html`<input
      id=${id}
      name="email"
      type="email"
      autocomplete="email"
      spellcheck="false"
      autocapitalize="off"
      required
      part="input"
      .value=${model.email}
      @input=${actions.emailInput}
      aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy)}
    />`,
  });
}

export function emailView(model: SigninModel, actions: SigninActions): TemplateResult {
  return html`${heading(model, msg('Sign in with your email', { id: 'signin.email.title' }))}
    <p>
      ${msg("Enter the email address your practice has on file. We'll email you a link to sign in.", {
        id: 'signin.email.intro',
      })}
    </p>
    <form part="form" novalidate @submit=${actions.requestLink}>
      ${emailField(model, actions, 'signin-email')} ${formError(model)} ${retryNotice(model)} ${resendNotice(model)}
      ${submitButton(model, msg('Email Me a Link', { id: 'signin.email.submit' }), msg('Sending…', { id: 'signin.sending' }))}
    </form>
    <p class="alternatives">
      <button class="link-button" part="pin-button" type="button" @click=${() => actions.go('pin')}>
        ${msg('Sign in via Pin code', { id: 'signin.use-pin' })}
      </button>
      ${backButton(msg('Back', { id: 'signin.back' }), () => actions.go('choose'))}
    </p>`;
}

function tips(model: SigninModel): TemplateResult {
  const phone = officePhone(model.practice);
  return html`<ul class="tips" id="signin-tips" part="tips">
    <li>
      ${msg('Check the spelling of your email address. It must be exactly the address the practice has on file.', {
        id: 'signin.tip.spelling',
      })}
    </li>
    <li>
      ${msg(
        "Look in your spam or junk folder and other inbox tabs. Add the practice's email address to your contacts so its emails reach you.",
        { id: 'signin.tip.spam' },
      )}
    </li>
    <li>
      ${msg(
        "Your browser's autofill may have replaced what you typed. Check the address before you ask for a new link.",
        { id: 'signin.tip.autofill' },
      )}
    </li>
    <li>
      ${msg('Use the same email address your invitation from the practice was sent to.', { id: 'signin.tip.same-address' })}
    </li>
    <li>
      ${msg('Still nothing? Call the office and ask for a 6-digit PIN code, then choose "Sign in via Pin code".', {
        id: 'signin.tip.call',
      })}
      ${phone === nothing ? nothing : html` ${phone}`}
    </li>
  </ul>`;
}

export function sentView(model: SigninModel, actions: SigninActions): TemplateResult {
  return html`${heading(model, msg('Check your inbox', { id: 'signin.sent.title' }))}
    <p part="sent-text">
      ${model.linkHeld
        ? msg(
            str`If ${model.email} is the address your practice has on file, a sign-in link was sent to it a short while ago, so no new email was sent this time. Look for that email.`,
            { id: 'signin.sent.held' },
          )
        : msg(str`If ${model.email} is the address your practice has on file, a sign-in link is on its way.`, {
            id: 'signin.sent.text',
          })}
    </p>
    <p>
      ${msg('The link works for 24 hours and only once. If you ask for several links, only the newest one works.', {
        id: 'signin.sent.validity',
      })}
    </p>
    ${resendNotice(model)} ${model.emailCode ? codeForm(model, actions) : nothing}
    <p class="alternatives">
      <button class="link-button" part="tips-button" type="button" aria-expanded=${model.tipsOpen ? 'true' : 'false'}
        aria-controls="signin-tips" @click=${actions.toggleTips}>
        ${msg('Try these tips', { id: 'signin.tips' })}
      </button>
    </p>
    ${model.tipsOpen ? tips(model) : nothing}
    <p class="alternatives">
      ${backButton(msg('Request a new link', { id: 'signin.request-new-link' }), () => actions.go('email'))}
      <button class="link-button" part="pin-button" type="button" @click=${() => actions.go('pin')}>
        ${msg('Sign in via Pin code', { id: 'signin.use-pin' })}
      </button>
    </p>`;
}

export function pinView(model: SigninModel, actions: SigninActions): TemplateResult {
  const phone = officePhone(model.practice);
  return html`${heading(model, msg('Sign in with a PIN code', { id: 'signin.pin.title' }))}
    <p>
      ${msg('Your practice can give you a 6-digit PIN code by phone. Enter it with your email address.', {
        id: 'signin.pin.intro',
      })}
      ${phone === nothing ? nothing : html` ${phone}`}
    </p>
    <form part="form" novalidate @submit=${actions.signInWithPin}>
      ${emailField(model, actions, 'signin-pin-email')}
      ${digitsField('signin-pin', 'pin', msg('PIN code', { id: 'signin.pin.label' }), model.fieldErrors.pin)}
      ${formError(model)} ${retryNotice(model)}
      ${submitButton(model, msg('Sign In', { id: 'signin.pin.submit' }), msg('Signing in…', { id: 'signin.signing-in' }))}
    </form>
    <p class="alternatives">${backButton(msg('Email me a link instead', { id: 'signin.use-link' }), () => actions.go('email'))}</p>`;
}
