// The package's public API, listed by name: the element classes, their events, the page-wide
// configuration and locale, the client the widgets use (for headless use), its errors, and the
// protocol's types. Importing it registers no element: import `./define.js` (or one element's
// define file), or call `X.define()`. Test hooks and internals are in `./testing.js`.

export { PortalSignin } from './elements/portal-signin/portal-signin.js';
export { ProfilePicker } from './elements/profile-picker/profile-picker.js';
export { FileUploader } from './elements/file-uploader/file-uploader.js';
export { BookingRequest } from './elements/booking-request/booking-request.js';
export { DocumentSigner } from './elements/document-signer/document-signer.js';

export {
  PortalErrorEvent,
  PortalSignedInEvent,
  PortalSignedOutEvent,
  PortalNewClientEvent,
  PortalProfileSelectedEvent,
  PortalBookingRequestedEvent,
  PortalBookingCancelledEvent,
  PortalBookingRescheduledEvent,
  PortalFileAcceptEvent,
  PortalFileUploadedEvent,
  PortalDocumentSignedEvent,
  PortalPacketCompletedEvent,
  type PortalEventMap,
  type PortalErrorDetail,
  type SignedInDetail,
  type SignedOutDetail,
  type ProfileSelectedDetail,
  type BookingRequestedDetail,
  type BookingCancelledDetail,
  type BookingRescheduledDetail,
  type FileAcceptDetail,
  type FileUploadedDetail,
  type DocumentSignedDetail,
  type PacketCompletedDetail,
} from './core/events.js';

export { configurePortal, connect, type PortalConfig, type PortalConnection } from './core/config.js';
export { getLocale, setPortalLocale, followDocumentLanguage, resolveLocale, type PortalLocale } from './core/i18n/localization.js';

export { PortalClient, type CallOptions } from './core/api/client.js';
export { PortalApiError, type PortalApiErrorInit, type PortalErrorCode } from './core/api/errors.js';
export type { HttpMethod, PortalRequest, Transport } from './core/api/transport.js';
export type { FileUpload, Uploader, UploadProgress, UploadResume } from './core/api/uploads.js';
export type { PortalSession, SessionChangeEvent, SessionChangeReason, SessionStore } from './core/session/session-store.js';
export type { SessionPersistence } from './core/session/storage.js';
export type { ProfileStatus, ProfileStore } from './core/profile/profile-store.js';

// The protocol's types the client and the events use (types only: no schema code ships).
export type {
  AnswerValue,
  Appointment,
  AppointmentList,
  AppointmentRequest,
  AppointmentStatus,
  AppointmentStatusReason,
  BookingClinician,
  BookingOptions,
  BookingService,
  CardBrand,
  CompletedDocument,
  CompletedDocumentList,
  DocumentVersion,
  EmailCodeSignIn,
  ErrorBody,
  ErrorCode,
  EsignConsent,
  EsignConsentAcceptance,
  EsignConsentRecord,
  FileItem,
  FileList,
  FileType,
  FormAnswers,
  FormDefinition,
  FormDraftRequest,
  FormDraftSaved,
  FormField,
  FormId,
  FormState,
  FormSubmissionRequest,
  FormSubmitted,
  Language,
  LinkPreview,
  LinkRequest,
  LinkRequested,
  Modality,
  OpenDay,
  OpenSlot,
  Packet,
  PacketItem,
  PaymentCard,
  PaymentCardState,
  PaymentCardToken,
  PinSignIn,
  PracticeInfo,
  Profile,
  ProfileKind,
  ProfileList,
  ProfilePermissions,
  ProposedTime,
  RescheduleRequest,
  RescheduleResult,
  SessionInfo,
  SignatureRecord,
  SignatureRequest,
  SignedCopy,
  SignerRelationship,
  SlotList,
  SlotQuery,
  UnfinishedUpload,
  UnfinishedUploadList,
  UploadPolicy,
  UploadTypePolicy,
} from './contract/index.js';
