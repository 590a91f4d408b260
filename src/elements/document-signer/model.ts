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

/** Everything the step templates read (the element's own state), so each view is a function of it. */
export interface SignerModel {
  readonly headingLevel: number;
  readonly view: View;
  readonly packet: Packet;
  readonly index: number;
  readonly acting: Profile;
  readonly busy: boolean;
  readonly error: PortalApiError | undefined;
  /** The sanitized clinician HTML of the current view (welcome, consent, document, signed copy). */
  readonly fragment: DocumentFragment | undefined;
  readonly doc: DocumentVersion | undefined;
  readonly consent: EsignConsent | undefined;
  /** The consent's or the document's agreement (and name and relationship), as a small form. */
  readonly sig: FormViewModel;
  readonly form: IntakeForm | undefined;
  readonly card: PaymentCardState | undefined;
  readonly cardToken: PaymentCardToken | undefined;
  readonly cardError: string | undefined;
  readonly cardHeight: number;
  readonly replacingCard: boolean;
  readonly list: CompletedDocumentList | undefined;
  readonly copy: SignedCopy | undefined;
}

export interface SignerActions extends FormViewActions {
  start(): void;
  /** Submit of the consent or signature form. */
  sign(event: Event): void;
  continueForm(event: Event): void;
  editForm(): void;
  submitForm(): void;
  saveCard(): void;
  replaceCard(): void;
  next(): void;
  showDocuments(): void;
  openCopy(signatureId: number): void;
  download(signatureId: number, title: string): void;
  back(): void;
}
