import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * A named schema by reference (`$ref` to its `$id`), typed as the schema: the OpenAPI
 * document then names it once, and a parent may hold it more than once. The server
 * registers every referenced schema.
 */
export function refTo<T extends TSchema>(schema: T, description?: string) {
  if (!schema.$id) throw new Error('refTo() needs a schema with an $id.');
  return Type.Unsafe<Static<T>>(Type.Ref(schema.$id, description === undefined ? {} : { description }));
}
