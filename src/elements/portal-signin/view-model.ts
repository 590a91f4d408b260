import type { PracticeInfo } from '../../contract/index.js';
import type { PortalApiError } from '../../core/api/errors.js';
import type { LinkProblem } from './messages.js';

export type Step = 'choose' | 'email' | 'sent' | 'pin' | 'link' | 'signed-in' | 'expired';

export interface FieldErrors {
  email?: string;
  pin?: string;
  code?: string;
}

/** What the views read. The element owns it; views are pure functions of it. */
export interface SigninModel {
  step: Step;
  headingLevel: number;
  email: string;
  busy: boolean;
  error?: PortalApiError;
  fieldErrors: FieldErrors;
  retrySeconds: number;
  tipsOpen: boolean;
  /** The endpoint said the sign-in email carries a code (R16): the sent step offers the code form. */
  emailCode: boolean;
  /** The last link request was held: this address was sent one a short while ago (R10). */
  linkHeld: boolean;
  /** Seconds until another link may be asked for the address in `email`; 0 when it may now. */
  resendSeconds: number;
  practice?: PracticeInfo;
  newClientHref: string;
  link: { checking: boolean; maskedEmail?: string; problem?: LinkProblem };
  signedInAs?: string;
}

/** What the views can ask the element to do. */
export interface SigninActions {
  go(step: Step): void;
  newClient(event: Event): void;
  emailInput(event: Event): void;
  requestLink(event: SubmitEvent): void;
  signInWithPin(event: SubmitEvent): void;
  signInWithCode(event: SubmitEvent): void;
  toggleTips(): void;
  continueWithLink(): void;
  signOut(): void;
}
