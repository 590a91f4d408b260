import type {
  CompletedDocumentList,
  DocumentVersion,
  EsignConsent,
  FormDefinition,
  Packet,
  PaymentCardState,
  PaymentCardToken,
  Profile,
  SignedCopy,
} from '../../contract/index.js';
import type { PortalApiError } from '../../core/api/errors.js';
import type { FormViewActions, FormViewModel } from './form-view.js';

export type View = 'welcome' | 'consent' | 'document' | 'form' | 'review' | 'card' | 'done' | 'documents' | 'copy';

export type IntakeForm = FormViewModel & { definition: FormDefinition; saved: 'idle' | 'saving' | 'saved' | 'failed' };

/** Element ids inside the shadow root: prefixed so they cannot clash with the widget's own. */
export const fieldDomId = (fieldId: string): string => `f-${fieldId}`;

/** Where the client is in the packet, and what that step shows: the flow's own state. */
export interface SignerState {
  readonly view: View;
  readonly packet?: Packet;
  readonly index: number;
  /** The sanitized clinician HTML of the current view (welcome, consent, document, signed copy). */
  readonly fragment?: DocumentFragment;
  readonly doc?: DocumentVersion;
  readonly consent?: EsignConsent;
  /** The consent's or the document's agreement (and name and relationship), as a small form. */
  readonly sig: FormViewModel;
  readonly form?: IntakeForm;
  readonly card?: PaymentCardState;
  readonly cardToken?: PaymentCardToken;
  /** What the payment frame said was wrong with the card (`invalid_number`…). */
  readonly cardErrorCode?: string;
  readonly cardHeight: number;
  readonly replacingCard: boolean;
  readonly list?: CompletedDocumentList;
  readonly copy?: SignedCopy;
  /** Said politely to screen readers: "Signed.", "Download started." */
  readonly announcement: string;
}

/** The flow as the element reads it: its state, whom it acts for, and its requests' progress. */
export interface SignerSnapshot extends SignerState {
  readonly acting: Profile | null;
  /** A button's request is under way. */
  readonly busy: boolean;
  /** The failure of a button's request, shown in place. */
  readonly error: PortalApiError | undefined;
  /** What the next view needs is loading. */
  readonly loading: boolean;
  /** What the next view needs failed to load: shown with Try again. */
  readonly stepError: unknown;
}

/** Everything the step templates read, so each view is a pure function of it. */
export interface SignerModel extends SignerSnapshot {
  readonly headingLevel: number;
  readonly packet: Packet;
  readonly acting: Profile;
}

/** What the client can do; the flow does it, with no DOM. */
export interface SignerFlowActions {
  start(): void;
  /** Agree to the consent, or sign the document (the signature form was submitted). */
  sign(): void;
  change: FormViewActions['change'];
  /** Check the intake form and show the review. */
  continueForm(): void;
  editForm(): void;
  submitForm(): void;
  saveCard(): void;
  replaceCard(): void;
  next(): void;
  showDocuments(): void;
  openCopy(signatureId: number): void;
  download(signatureId: number, title: string): void;
  back(): void;
  /** Load again what failed to load. */
  retry(): void;
}

/** What the views can ask for: the flow's actions, with the form events they come from. */
export interface SignerActions extends Omit<SignerFlowActions, 'sign' | 'continueForm'>, FormViewActions {
  sign(event: Event): void;
  continueForm(event: Event): void;
}
