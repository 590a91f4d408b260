import { toPortalApiError, type PortalApiError, type PortalErrorCode } from './api/errors.js';
import type { FileType } from '../contract/files.js';

/**
 * Every event the widgets fire: a CustomEvent subclass whose name is a static constant,
 * bubbling and composed so the host page can listen outside the shadow root. Details
 * carry ids and codes only, never personal data.
 */

export interface PortalErrorDetail {
  /** What the widget was doing, e.g. `getInfo`. */
  readonly operation: string;
  readonly code: PortalErrorCode;
}

export class PortalErrorEvent extends CustomEvent<PortalErrorDetail> {
  static readonly type = 'portal-error' as const;
  constructor(detail: PortalErrorDetail) {
    super(PortalErrorEvent.type, { detail, bubbles: true, composed: true });
  }
}

/** Tells the host page, from `target`, that `operation` failed: ids and codes only. */
export function reportError(target: EventTarget, operation: string, error: unknown): PortalApiError {
  const apiError = toPortalApiError(error);
  target.dispatchEvent(new PortalErrorEvent({ operation, code: apiError.code }));
  return apiError;
}

export interface SignedInDetail {
  /** How this page's sign-in happened, when this widget did it; `session` when it was restored. */
  readonly method: 'link' | 'pin' | 'session';
}

/** Someone signed in; every widget on the endpoint now acts with that session. */
export class PortalSignedInEvent extends CustomEvent<SignedInDetail> {
  static readonly type = 'portal-signed-in' as const;
  constructor(detail: SignedInDetail) {
    super(PortalSignedInEvent.type, { detail, bubbles: true, composed: true });
  }
}

export interface SignedOutDetail {
  /** `signed-out` when the client chose to, `expired` after the idle or absolute timeout. */
  readonly reason: 'signed-out' | 'expired';
}

export class PortalSignedOutEvent extends CustomEvent<SignedOutDetail> {
  static readonly type = 'portal-signed-out' as const;
  constructor(detail: SignedOutDetail) {
    super(PortalSignedOutEvent.type, { detail, bubbles: true, composed: true });
  }
}

/** "I'm a New Client" was chosen and no `new-client-href` is set: the host takes over. */
export class PortalNewClientEvent extends CustomEvent<Record<string, never>> {
  static readonly type = 'portal-new-client' as const;
  constructor() {
    super(PortalNewClientEvent.type, { detail: {}, bubbles: true, composed: true });
  }
}

export interface ProfileSelectedDetail {
  readonly profileId: number;
}

/** The acting profile changed: every widget on the endpoint now acts for `profileId`. */
export class PortalProfileSelectedEvent extends CustomEvent<ProfileSelectedDetail> {
  static readonly type = 'portal-profile-selected' as const;
  constructor(detail: ProfileSelectedDetail) {
    super(PortalProfileSelectedEvent.type, { detail, bubbles: true, composed: true });
  }
}

export interface BookingRequestedDetail {
  /** The new appointment request, waiting for the clinician's approval. */
  readonly appointmentId: number;
}

/** An appointment was requested for the acting profile (it waits for approval). */
export class PortalBookingRequestedEvent extends CustomEvent<BookingRequestedDetail> {
  static readonly type = 'portal-booking-requested' as const;
  constructor(detail: BookingRequestedDetail) {
    super(PortalBookingRequestedEvent.type, { detail, bubbles: true, composed: true });
  }
}

export interface BookingCancelledDetail {
  /** The appointment cancelled, or the request withdrawn. */
  readonly appointmentId: number;
}

export class PortalBookingCancelledEvent extends CustomEvent<BookingCancelledDetail> {
  static readonly type = 'portal-booking-cancelled' as const;
  constructor(detail: BookingCancelledDetail) {
    super(PortalBookingCancelledEvent.type, { detail, bubbles: true, composed: true });
  }
}

export interface BookingRescheduledDetail {
  /** The confirmed appointment, which keeps its time until the new one is approved. */
  readonly appointmentId: number;
  /** The request for the new time. */
  readonly requestId: number;
}

/** A move of a confirmed appointment to another time was requested. */
export class PortalBookingRescheduledEvent extends CustomEvent<BookingRescheduledDetail> {
  static readonly type = 'portal-booking-rescheduled' as const;
  constructor(detail: BookingRescheduledDetail) {
    super(PortalBookingRescheduledEvent.type, { detail, bubbles: true, composed: true });
  }
}

export interface FileAcceptDetail {
  /** The profile the file would be uploaded for. */
  readonly profileId: number;
  /** The kind of file, from its name (the server checks the content too). */
  readonly type: FileType;
  readonly sizeBytes: number;
}

/**
 * A file passed the widget's checks and is about to be uploaded. Cancel it (`preventDefault()`)
 * to refuse the file. No name or content: a file's name can be health information.
 */
export class PortalFileAcceptEvent extends CustomEvent<FileAcceptDetail> {
  static readonly type = 'portal-file-accept' as const;
  constructor(detail: FileAcceptDetail) {
    super(PortalFileAcceptEvent.type, { detail, bubbles: true, composed: true, cancelable: true });
  }
}

export interface FileUploadedDetail {
  readonly profileId: number;
  /** The stored file's id, as `GET files` lists it. */
  readonly fileId: number;
  readonly type: FileType;
}

/** A file was uploaded, passed the endpoint's checks and is stored for the clinician. */
export class PortalFileUploadedEvent extends CustomEvent<FileUploadedDetail> {
  static readonly type = 'portal-file-uploaded' as const;
  constructor(detail: FileUploadedDetail) {
    super(PortalFileUploadedEvent.type, { detail, bubbles: true, composed: true });
  }
}

export interface DocumentSignedDetail {
  readonly profileId: number;
  readonly documentId: number;
  /** The immutable signature record, as `GET signatures/{signatureId}` opens it. */
  readonly signatureId: number;
}

/** A document of the packet was signed for the acting profile. Ids only: no title, no name. */
export class PortalDocumentSignedEvent extends CustomEvent<DocumentSignedDetail> {
  static readonly type = 'portal-document-signed' as const;
  constructor(detail: DocumentSignedDetail) {
    super(PortalDocumentSignedEvent.type, { detail, bubbles: true, composed: true });
  }
}

export interface PacketCompletedDetail {
  readonly profileId: number;
}

/** Every document, form and card step of the profile's packet is done. */
export class PortalPacketCompletedEvent extends CustomEvent<PacketCompletedDetail> {
  static readonly type = 'portal-packet-completed' as const;
  constructor(detail: PacketCompletedDetail) {
    super(PortalPacketCompletedEvent.type, { detail, bubbles: true, composed: true });
  }
}

/** All event classes, so tests and docs can walk them. */
export const PORTAL_EVENTS = [PortalErrorEvent, PortalSignedInEvent, PortalSignedOutEvent, PortalNewClientEvent, PortalProfileSelectedEvent, PortalBookingRequestedEvent, PortalBookingCancelledEvent, PortalBookingRescheduledEvent, PortalFileAcceptEvent, PortalFileUploadedEvent, PortalDocumentSignedEvent, PortalPacketCompletedEvent] as const;

/** Every event the widgets fire, by name (`HTMLElementEventMap` below lists the same). */
export type PortalEventMap = Pick<HTMLElementEventMap, (typeof PORTAL_EVENTS)[number]['type']>;

declare global {
  interface HTMLElementEventMap {
    'portal-error': PortalErrorEvent;
    'portal-signed-in': PortalSignedInEvent;
    'portal-signed-out': PortalSignedOutEvent;
    'portal-new-client': PortalNewClientEvent;
    'portal-profile-selected': PortalProfileSelectedEvent;
    'portal-file-accept': PortalFileAcceptEvent;
    'portal-file-uploaded': PortalFileUploadedEvent;
    'portal-booking-requested': PortalBookingRequestedEvent;
    'portal-booking-cancelled': PortalBookingCancelledEvent;
    'portal-booking-rescheduled': PortalBookingRescheduledEvent;
    'portal-document-signed': PortalDocumentSignedEvent;
    'portal-packet-completed': PortalPacketCompletedEvent;
  }
}
