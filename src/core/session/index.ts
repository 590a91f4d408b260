export * from './storage.js';
export * from './session-store.js';
