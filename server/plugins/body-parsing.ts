import type { PortalApp } from '../app-types.js';

/**
 * JSON only (R29). Fastify also parses text/plain by default; removing that parser makes a
 * form-style or text/plain body a 415, so a cross-site "simple" request can never reach a
 * handler and every real call needs a preflight. Upload routes add their own parser in
 * their own scope. The body limit (413) is Fastify's `bodyLimit`, checked before parsing.
 */
export function installBodyParsing(app: PortalApp): void {
  app.removeContentTypeParser('text/plain');
}
