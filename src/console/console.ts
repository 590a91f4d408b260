// Entry of dist/console.js, the office console's own bundle (not part of the widgets' bundle):
// importing it registers <office-console> and its views.
export { OfficeConsole } from './office-console.js';
