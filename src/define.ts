// Registers every widget's tag. The one-file bundle (`dist/portal-widgets.js`) starts here.
// Each element issue adds its define import below.
export * from './index.js';
