// The portal protocol's schemas. The reference server validates with them; the browser
// imports their *types* only (`import type`), so none of this ships in the widgets.
export * from './errors.js';
export * from './info.js';
export * from './auth.js';
export * from './admin.js';
export * from './dev.js';
export * from './profiles.js';
export * from './files.js';
export * from './households.js';
export * from './booking.js';
export * from './documents.js';
export * from './staff.js';
export * from './office.js';
export * from './office-clinicians.js';
