// Registers every widget's tag. The one-file bundle (`dist/portal-widgets.js`) starts here.
import './elements/portal-signin/portal-signin.define.js';
import './elements/profile-picker/profile-picker.define.js';

export * from './index.js';
