import type {
  EmailCodeSignIn,
  LinkPreview,
  LinkRequest,
  LinkRequested,
  PinSignIn,
  PracticeInfo,
  ProfileList,
  SessionCreated,
  SessionInfo,
} from '../../contract/index.js';
import type {
  Appointment,
  AppointmentList,
  AppointmentRequest,
  BookingOptions,
  RescheduleRequest,
  RescheduleResult,
  SlotList,
  SlotQuery,
} from '../../contract/booking.js';
import type { FileItem, FileList, UnfinishedUploadList } from '../../contract/files.js';
import type {
  CompletedDocumentList,
  DocumentVersion,
  EsignConsent,
  EsignConsentAcceptance,
  EsignConsentRecord,
  FormDraftRequest,
  FormDraftSaved,
  FormId,
  FormState,
  FormSubmissionRequest,
  FormSubmitted,
  Packet,
  PaymentCard,
  PaymentCardState,
  PaymentCardToken,
  SignatureRecord,
  SignatureRequest,
  SignedCopy,
} from '../../contract/documents.js';
import type { SessionStore } from '../session/session-store.js';
import type { Transport } from './transport.js';
import type { FileUpload, Uploader, UploadProgress } from './uploads.js';

export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * Typed verbs of the portal protocol. No DOM and no Lit here: a host page can use it
 * headless (the demo's header does), and elements reach the network only through it.
 */
export class PortalClient {
  constructor(
    private readonly transport: Transport,
    private readonly session: SessionStore,
    /** Resumable uploads (tus by default, see config.ts); absent, uploadFile() refuses. */
    private readonly uploader?: Uploader,
  ) {}

  /** Public facts about the practice: name, phone, languages, time zone. */
  getInfo(options: CallOptions = {}): Promise<PracticeInfo> {
    return this.transport.send<PracticeInfo>({ method: 'GET', path: '/info', signal: options.signal });
  }

  /** Emails a sign-in link. The answer is the same whether or not the address is known. */
  requestSignInLink(body: LinkRequest, options: CallOptions = {}): Promise<LinkRequested> {
    return this.transport.send<LinkRequested>({ method: 'POST', path: '/auth/link', body, signal: options.signal });
  }

  /** Who a sign-in link would sign in, without using it up. */
  previewSignInLink(token: string, options: CallOptions = {}): Promise<LinkPreview> {
    return this.transport.send<LinkPreview>({
      method: 'POST',
      path: '/auth/link/preview',
      body: { token },
      signal: options.signal,
    });
  }

  /** Uses a sign-in link (once) and starts the shared session. */
  redeemSignInLink(token: string, options: CallOptions = {}): Promise<SessionInfo> {
    return this.#signIn('/auth/link/redeem', { token }, options);
  }

  /** Signs in with the email and the PIN the office gave, and starts the shared session. */
  signInWithPin(body: PinSignIn, options: CallOptions = {}): Promise<SessionInfo> {
    return this.#signIn('/auth/pin', body, options);
  }

  /** Signs in with the email and the 6-digit code from the newest sign-in email (uses its link up too). */
  signInWithEmailCode(body: EmailCodeSignIn, options: CallOptions = {}): Promise<SessionInfo> {
    return this.#signIn('/auth/email-code', body, options);
  }

  /** The current session; also counts as activity for the idle timeout. */
  getSession(options: CallOptions = {}): Promise<SessionInfo> {
    return this.transport.send<SessionInfo>({ method: 'GET', path: '/auth/session', signal: options.signal });
  }

  /** Ends the session on the server and, whatever the server says, on this page. */
  async signOut(options: CallOptions = {}): Promise<void> {
    try {
      if (this.session.signedIn) {
        await this.transport.send<void>({ method: 'DELETE', path: '/auth/session', signal: options.signal });
      }
    } finally {
      this.session.clear('signed-out');
    }
  }

  /** The profiles this sign-in may act for, and the one this session chose. */
  listProfiles(options: CallOptions = {}): Promise<ProfileList> {
    return this.transport.send<ProfileList>({ method: 'GET', path: '/me/profiles', signal: options.signal });
  }

  /** Acts for `profileId` from now on; the server checks this sign-in may (404 otherwise). */
  selectProfile(profileId: number, options: CallOptions = {}): Promise<ProfileList> {
    return this.transport.send<ProfileList>({
      method: 'PUT',
      path: '/me/profiles/selected',
      body: { profileId },
      signal: options.signal,
    });
  }

  /** The profile's appointments (upcoming and past), with the practice's zone, cancellation window and phone. */
  listAppointments(profileId: number, options: CallOptions = {}): Promise<AppointmentList> {
    return this.transport.send<AppointmentList>({ method: 'GET', path: `/profiles/${profileId}/appointments`, signal: options.signal });
  }

  /** The services this profile can request, and the clinicians offering them. */
  getBookingOptions(profileId: number, options: CallOptions = {}): Promise<BookingOptions> {
    return this.transport.send<BookingOptions>({ method: 'GET', path: `/profiles/${profileId}/services`, signal: options.signal });
  }

  /** Open times of a service, grouped by the days of `query.timeZone`. Ids and dates only in the URL. */
  listOpenSlots(profileId: number, query: SlotQuery, options: CallOptions = {}): Promise<SlotList> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    return this.transport.send<SlotList>({ method: 'GET', path: `/profiles/${profileId}/slots?${params}`, signal: options.signal });
  }

  /**
   * Requests an appointment. `idempotencyKey` names the client's intent: sending the same
   * request again with it (after a lost answer, say) creates nothing new.
   */
  requestAppointment(
    profileId: number,
    body: AppointmentRequest,
    options: CallOptions & { idempotencyKey: string },
  ): Promise<Appointment> {
    return this.transport.send<Appointment>({
      method: 'POST',
      path: `/profiles/${profileId}/appointments`,
      body,
      idempotencyKey: options.idempotencyKey,
      signal: options.signal,
    });
  }

  /** Cancels a confirmed appointment (until the cancellation window) or withdraws a request. */
  cancelAppointment(profileId: number, appointmentId: number, options: CallOptions = {}): Promise<Appointment> {
    return this.transport.send<Appointment>({
      method: 'POST',
      path: `/profiles/${profileId}/appointments/${appointmentId}/cancel`,
      signal: options.signal,
    });
  }

  /** Asks to move a confirmed appointment; it keeps its time until the clinician approves the new one. */
  rescheduleAppointment(
    profileId: number,
    appointmentId: number,
    body: RescheduleRequest,
    options: CallOptions & { idempotencyKey: string },
  ): Promise<RescheduleResult> {
    return this.transport.send<RescheduleResult>({
      method: 'POST',
      path: `/profiles/${profileId}/appointments/${appointmentId}/reschedule`,
      body,
      idempotencyKey: options.idempotencyKey,
      signal: options.signal,
    });
  }

  /** The profile's stored files, newest first, and what may be uploaded (types, limits, quota). */
  listFiles(profileId: number, options: CallOptions = {}): Promise<FileList> {
    return this.transport.send<FileList>({ method: 'GET', path: `/profiles/${profileId}/files`, signal: options.signal });
  }

  /** One stored file's bytes, fetched with the session (never a bare link: R50, R51). */
  downloadFile(profileId: number, fileId: FileItem['id'], options: CallOptions = {}): Promise<Blob> {
    return this.transport.send<Blob>({
      method: 'GET',
      path: `/profiles/${profileId}/files/${fileId}`,
      responseType: 'blob',
      signal: options.signal,
    });
  }

  /**
   * A resumable upload of `file` for the profile; nothing is sent until its `start()`. The
   * first start continues this account's unfinished upload of the same file for the profile,
   * if the endpoint has one (a reload cut it off), through findUnfinishedUploads.
   */
  uploadFile(profileId: number, file: Blob & { name: string }, onProgress: UploadProgress): FileUpload {
    if (!this.uploader) throw new Error('No uploader is configured for this endpoint.');
    return this.uploader.create(`/profiles/${profileId}/uploads`, file, onProgress, {
      profileId,
      find: async (fingerprint) => (await this.findUnfinishedUploads(profileId, fingerprint)).uploads,
    });
  }

  /** This account's unfinished uploads for the profile with this file fingerprint (64 hex), to continue them. */
  findUnfinishedUploads(profileId: number, fingerprint: string, options: CallOptions = {}): Promise<UnfinishedUploadList> {
    return this.transport.send<UnfinishedUploadList>({
      method: 'GET',
      path: `/profiles/${profileId}/uploads?fingerprint=${encodeURIComponent(fingerprint)}`,
      signal: options.signal,
    });
  }

  /** The intake and consent packet assigned to the profile, with each step's status, in `language`. */
  getPacket(profileId: number, language: string, options: CallOptions = {}): Promise<Packet> {
    return this.transport.send<Packet>({ method: 'GET', path: `/profiles/${profileId}/documents/packet?language=${language}`, signal: options.signal });
  }

  /** The newest version of one document of the packet, exactly as it is to be shown and signed. */
  getDocument(profileId: number, documentId: number, language: string, options: CallOptions = {}): Promise<DocumentVersion> {
    return this.transport.send<DocumentVersion>({
      method: 'GET',
      path: `/profiles/${profileId}/documents/${documentId}?language=${language}`,
      signal: options.signal,
    });
  }

  /** The consent to sign electronically (ESIGN), and whether this sign-in accepted its current version. */
  getEsignConsent(profileId: number, language: string, options: CallOptions = {}): Promise<EsignConsent> {
    return this.transport.send<EsignConsent>({ method: 'GET', path: `/profiles/${profileId}/esign-consent?language=${language}`, signal: options.signal });
  }

  acceptEsignConsent(profileId: number, body: EsignConsentAcceptance, options: CallOptions = {}): Promise<EsignConsentRecord> {
    return this.transport.send<EsignConsentRecord>({ method: 'POST', path: `/profiles/${profileId}/esign-consent`, body, signal: options.signal });
  }

  /** Signs a document version (an immutable record, R44); 409 when the text changed meanwhile. */
  signDocument(profileId: number, body: SignatureRequest, options: CallOptions = {}): Promise<SignatureRecord> {
    return this.transport.send<SignatureRecord>({ method: 'POST', path: `/profiles/${profileId}/signatures`, body, signal: options.signal });
  }

  /** The profile's signed documents, newest first (the Documents tab). */
  listSignedDocuments(profileId: number, options: CallOptions = {}): Promise<CompletedDocumentList> {
    return this.transport.send<CompletedDocumentList>({ method: 'GET', path: `/profiles/${profileId}/signatures`, signal: options.signal });
  }

  /** The exact text signed and its signature block. */
  getSignedCopy(profileId: number, signatureId: number, options: CallOptions = {}): Promise<SignedCopy> {
    return this.transport.send<SignedCopy>({ method: 'GET', path: `/profiles/${profileId}/signatures/${signatureId}`, signal: options.signal });
  }

  /** The signed copy as a PDF, fetched with the session (never a bare link that would carry it). */
  downloadSignedPdf(profileId: number, signatureId: number, options: CallOptions = {}): Promise<Blob> {
    return this.transport.send<Blob>({
      method: 'GET',
      path: `/profiles/${profileId}/signatures/${signatureId}/pdf`,
      responseType: 'blob',
      signal: options.signal,
    });
  }

  /** A form's field descriptions, its saved draft and its last submitted answers. */
  getForm(profileId: number, formId: FormId, options: CallOptions = {}): Promise<FormState> {
    return this.transport.send<FormState>({ method: 'GET', path: `/profiles/${profileId}/forms/${formId}`, signal: options.signal });
  }

  /**
   * Replaces the form's draft with everything typed so far, so a reload or another device resumes.
   * `keepalive` is for the last save as the page is hidden or closed: the request outlives the page.
   */
  saveFormDraft(
    profileId: number,
    formId: FormId,
    body: FormDraftRequest,
    options: CallOptions & { keepalive?: boolean } = {},
  ): Promise<FormDraftSaved> {
    return this.transport.send<FormDraftSaved>({
      method: 'PUT',
      path: `/profiles/${profileId}/forms/${formId}/draft`,
      body,
      signal: options.signal,
      ...(options.keepalive ? { keepalive: true } : {}),
    });
  }

  /** Submits the reviewed answers; 400 `validation` names the fields (`answers.<fieldId>`). */
  submitForm(profileId: number, formId: FormId, body: FormSubmissionRequest, options: CallOptions = {}): Promise<FormSubmitted> {
    return this.transport.send<FormSubmitted>({ method: 'POST', path: `/profiles/${profileId}/forms/${formId}/submission`, body, signal: options.signal });
  }

  /** The card on file (brand, last 4, expiry) and the payment origin whose page tokenizes a new one. */
  getPaymentCard(profileId: number, options: CallOptions = {}): Promise<PaymentCardState> {
    return this.transport.send<PaymentCardState>({ method: 'GET', path: `/profiles/${profileId}/payment-card`, signal: options.signal });
  }

  /** Stores the processor's token for the card; a card number never passes through here (R57). */
  savePaymentCard(profileId: number, body: PaymentCardToken, options: CallOptions = {}): Promise<PaymentCard> {
    return this.transport.send<PaymentCard>({ method: 'PUT', path: `/profiles/${profileId}/payment-card`, body, signal: options.signal });
  }

  /** One sign-in call: on success the new token (or, in cookie mode, the endpoint's cookie) becomes the shared session. */
  async #signIn(path: string, body: unknown, options: CallOptions): Promise<SessionInfo> {
    const created = await this.transport.send<SessionCreated>({ method: 'POST', path, body, signal: options.signal });
    this.session.set(created.token === undefined ? {} : { token: created.token });
    return created.session;
  }
}
