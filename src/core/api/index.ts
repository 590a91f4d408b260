export * from './errors.js';
export * from './transport.js';
export * from './client.js';
export * from './uploads.js';
