// The package's public API: classes, events, configuration and types. Importing it
// registers no element; import `./define.js` (or one element's define file) for that.
export * from './core/index.js';
export { PortalSignin } from './elements/portal-signin/portal-signin.js';
export { ProfilePicker } from './elements/profile-picker/profile-picker.js';
export { FileUploader } from './elements/file-uploader/file-uploader.js';
export { BookingRequest } from './elements/booking-request/booking-request.js';
export { DocumentSigner } from './elements/document-signer/document-signer.js';
export type * from './contract/index.js';
