import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { describeSigninError, linkProblemText, linkProblemTitle } from './messages.js';
import { heading } from './parts.js';
import type { SigninActions, SigninModel } from './view-model.js';

/** The emailed link: confirm who will be signed in, and sign in only on the click (R7, R8). */
export function linkView(model: SigninModel, actions: SigninActions): TemplateResult {
  const { link } = model;
  if (link.checking) {
    return html`${heading(model, msg('Checking your sign-in link…', { id: 'signin.link.checking' }))}`;
  }
  if (link.problem) {
    return html`${heading(model, linkProblemTitle(link.problem))}
      <p part="error">${linkProblemText(link.problem)}</p>
      <button class="button" part="new-link-button" type="button" @click=${() => actions.go('email')}>
        ${msg('Email me a new link', { id: 'signin.link.new' })}
      </button>`;
  }
  return html`${heading(model, msg('Continue to the client portal', { id: 'signin.link.title' }))}
    <p>${msg(str`You are signing in as ${link.maskedEmail ?? ''}.`, { id: 'signin.link.as' })}</p>
    ${model.error ? html`<div class="form-error" role="alert" part="error">${describeSigninError(model.error)}</div>` : nothing}
    <button class="button" part="continue-button" type="button" ?disabled=${model.busy} @click=${actions.continueWithLink}>
      ${model.busy
        ? msg('Signing in…', { id: 'signin.signing-in' })
        : msg(str`Continue as ${link.maskedEmail ?? ''}`, { id: 'signin.link.continue' })}
    </button>
    <p class="hint">
      ${msg("Not you? Close this page. Nothing happens until you continue.", { id: 'signin.link.not-you' })}
    </p>`;
}

export function signedInView(model: SigninModel, actions: SigninActions): TemplateResult {
  return html`<div class="signed-in" part="signed-in">
    <p>
      ${model.signedInAs
        ? msg(str`Signed in as ${model.signedInAs}`, { id: 'signin.signed-in-as' })
        : msg('Signed in', { id: 'signin.signed-in' })}
    </p>
    <button class="button" data-variant="secondary" part="sign-out-button" type="button" ?disabled=${model.busy}
      @click=${actions.signOut}>
      ${msg('Sign out', { id: 'signin.sign-out' })}
    </button>
  </div>`;
}

export function expiredView(model: SigninModel, actions: SigninActions): TemplateResult {
  return html`${heading(model, msg('You were signed out', { id: 'signin.expired.title' }))}
    <p>
      ${msg('For your privacy, the portal signs you out after a period without activity. Sign in again to continue.', {
        id: 'signin.expired.text',
      })}
    </p>
    <button class="button" part="sign-in-again-button" type="button" @click=${() => actions.go('email')}>
      ${msg('Sign in again', { id: 'signin.expired.again' })}
    </button>`;
}

/** The warning before the idle timeout: at least 20 seconds to choose (WCAG 2.2.1, R33). */
export function idleDialog(
  secondsLeft: number,
  stay: () => void,
  signOut: () => void,
  formatWait: (seconds: number) => string,
): TemplateResult {
  return html`<dialog part="idle-dialog" aria-labelledby="idle-title" aria-describedby="idle-text"
    @cancel=${(event: Event) => {
      event.preventDefault();
      stay();
    }}>
    <h2 id="idle-title" class="heading">${msg('Are you still there?', { id: 'signin.idle.title' })}</h2>
    <p id="idle-text">
      ${msg('For your privacy, you will be signed out soon because there has been no activity.', {
        id: 'signin.idle.text',
      })}
    </p>
    <p class="countdown" aria-hidden="true">
      ${msg(str`Time left: ${formatWait(secondsLeft)}`, { id: 'signin.idle.left' })}
    </p>
    <div class="choices">
      <button class="button" part="stay-button" type="button" @click=${stay}>
        ${msg('Stay signed in', { id: 'signin.idle.stay' })}
      </button>
      <button class="button" data-variant="secondary" type="button" @click=${signOut}>
        ${msg('Sign out', { id: 'signin.sign-out' })}
      </button>
    </div>
  </dialog>`;
}
