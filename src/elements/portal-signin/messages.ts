import { msg } from '@lit/localize';
import type { PortalApiError } from '../../core/api/errors.js';
import { describeError } from '../../core/i18n/error-messages.js';

export type LinkProblem = 'link_expired' | 'link_used' | 'link_superseded' | 'link_invalid';

const LINK_PROBLEMS: readonly string[] = ['link_expired', 'link_used', 'link_superseded', 'link_invalid'];

/** The endpoint's reason when it is one of the sign-in link's own failures. */
export function linkProblemOf(error: PortalApiError): LinkProblem | undefined {
  if (error.reason && LINK_PROBLEMS.includes(error.reason)) return error.reason as LinkProblem;
  return error.code === 'not_found' || error.code === 'validation' ? 'link_invalid' : undefined;
}

export function linkProblemTitle(problem: LinkProblem): string {
  switch (problem) {
    case 'link_expired':
      return msg('This sign-in link has expired', { id: 'signin.link-expired.title' });
    case 'link_used':
      return msg('This sign-in link was already used', { id: 'signin.link-used.title' });
    case 'link_superseded':
      return msg('A newer sign-in link was sent', { id: 'signin.link-superseded.title' });
    default:
      return msg("This sign-in link isn't valid", { id: 'signin.link-invalid.title' });
  }
}

export function linkProblemText(problem: LinkProblem): string {
  switch (problem) {
    case 'link_expired':
      return msg('Links work for 24 hours. Ask for a new one and it will arrive in a minute or two.', {
        id: 'signin.link-expired.text',
      });
    case 'link_used':
      return msg('Each link signs you in once. Ask for a new one to sign in again.', { id: 'signin.link-used.text' });
    case 'link_superseded':
      return msg(
        'Only the most recent link in your inbox works. Open the newest email from the practice, or ask for a new link.',
        { id: 'signin.link-superseded.text' },
      );
    default:
      return msg('The link may be incomplete. Ask for a new one, or open the newest email from the practice.', {
        id: 'signin.link-invalid.text',
      });
  }
}

/** Sign-in failures in the client's words; one generic text for every PIN or code refusal (R24). */
export function describeSigninError(error: PortalApiError, via: 'pin' | 'code' = 'pin'): string {
  if (error.reason === 'invalid_credentials' || (error.code === 'unauthorized' && !error.reason)) {
    if (via === 'code') {
      return msg("That code didn't work. Check it against the newest email from the practice, or ask for a new link.", {
        id: 'signin.code-refused',
      });
    }
    return msg("That email and PIN weren't accepted. Check both, or call the office for a new PIN.", {
      id: 'signin.pin-refused',
    });
  }
  return describeError(error);
}
