// `client-portal-widgets/testing`: test hooks and internals, for this package's own tests and
// stories and for hosts that test pages with the widgets (forget every connection between
// tests, fake a session, build an element on the same base). Not the stable API: names here
// may change in any release. The widgets' bundle never includes this module.

export { resetPortal, normalizeEndpoint } from './core/config.js';
export { memoryStorage, tabStorage, type TokenStorage } from './core/session/storage.js';
export { SessionStore, SessionChangeEvent, SessionActivityEvent } from './core/session/session-store.js';
export { ProfileStore, ProfileChangeEvent } from './core/profile/profile-store.js';
export { PORTAL_ERROR_CODES, codeForResponse, isPortalApiError, parseRetryAfter, toPortalApiError } from './core/api/errors.js';
export { KEEPALIVE_MAX_BYTES, createFetchTransport, type FetchTransportOptions } from './core/api/transport.js';
export { createTusUploader, type TusUploaderOptions } from './core/api/uploads.js';
export { PORTAL_EVENTS, reportError } from './core/events.js';
export { describeError, formatWait } from './core/i18n/error-messages.js';

// The base every widget stands on, and the controllers the widgets share.
export { PortalElement } from './core/base/portal-element.js';
export { errorView, loadingView, notConfiguredView, signedOutView, statusView } from './core/base/state-views.js';
export type { PortalHost } from './core/controllers/host.js';
export { StoreController } from './core/controllers/store-controller.js';
export { ActingProfileGate, type GateTexts } from './core/controllers/acting-profile-gate.js';
export { FocusAfterUpdate } from './core/controllers/focus-after-update.js';
export { BusyAction } from './core/controllers/busy-action.js';

// Uploads, as the file uploader uses them.
export { UploadQueue, UploadChangeEvent, type UploadEntry, type UploadStatus } from './core/files/upload-queue.js';
export { acceptList, checkFile, ruleFor, uploadRules, type Refusal, type UploadRules } from './core/files/upload-rules.js';

// Styles and design tokens.
export { sharedStyles } from './core/styles/shared.styles.js';
export { headingStyles } from './core/styles/heading.styles.js';
export { formStyles } from './core/styles/form.styles.js';
export { tokens, TOKEN_NAMES } from './core/styles/tokens.styles.js';
