// Registers every widget's tag. The one-file bundle (`dist/portal-widgets.js`) starts here.
import './elements/portal-signin/portal-signin.define.js';
import './elements/profile-picker/profile-picker.define.js';
import './elements/file-uploader/file-uploader.define.js';
import './elements/booking-request/booking-request.define.js';
import './elements/document-signer/document-signer.define.js';

export * from './index.js';
