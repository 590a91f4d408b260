// Registers every widget's tag. The one-file bundle (`dist/portal-widgets.js`) starts here.
import './elements/portal-signin/portal-signin.define.js';

export * from './index.js';
