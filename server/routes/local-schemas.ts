import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';

/**
 * Registers shared schemas in a route plugin's own scope, so `ref()` works there and
 * @fastify/swagger still lists them as named components (it collects every scope's schemas).
 * A schema the scope already sees (from a parent, or a sibling plugin that got it first) is
 * not added twice: Fastify refuses a duplicate `$id`.
 */
export function addSchemasOnce(app: Pick<FastifyInstance, 'getSchema' | 'addSchema'>, schemas: readonly TSchema[]): void {
  for (const schema of schemas) {
    if (!schema.$id) throw new Error('addSchemasOnce() needs schemas with an $id.');
    if (!app.getSchema(schema.$id)) app.addSchema(schema);
  }
}
