import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { openApiDocument } from '../plugins/openapi.js';

/** `GET /openapi.json`: the protocol's OpenAPI 3.1 document, generated from the route schemas. */
export const openApiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Registered on the root instance (the caller passes it), where swagger() sees every route.
  app.get('/openapi.json', { schema: { hide: true } }, async () => openApiDocument(app));
};
