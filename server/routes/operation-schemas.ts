import type { TSchema } from '@sinclair/typebox';
import * as contract from '../../src/contract/index.js';
import { responsesOf, type Operation } from '../../src/contract/operation.js';

const isNamed = (value: unknown): value is TSchema & { $id: string } =>
  typeof value === 'object' && value !== null && typeof (value as { $id?: unknown }).$id === 'string';

/** Every named schema of the protocol by its `$id`: what a `$ref` in an operation points at. */
const NAMED: ReadonlyMap<string, TSchema> = new Map((Object.values(contract) as unknown[]).filter(isNamed).map((schema) => [schema.$id, schema]));

function collectRefs(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) collectRefs(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') into.add(inner);
      else collectRefs(inner, into);
    }
  }
}

/** Named schemas a schema holds inline (not by `$ref`): SessionCreated holds SessionInfo. */
function inlineNamed(schema: TSchema): string[] {
  const ids: string[] = [];
  const walk = (value: unknown, top: boolean): void => {
    if (Array.isArray(value)) for (const item of value) walk(item, false);
    else if (value && typeof value === 'object') {
      if (!top && isNamed(value)) ids.push(value.$id);
      for (const inner of Object.values(value)) walk(inner, false);
    }
  };
  walk(schema, true);
  return ids;
}

function named(op: Operation, id: string): TSchema {
  const schema = NAMED.get(id);
  if (!schema) throw new Error(`${op.operationId}: no named schema "${id}" in the contract.`);
  return schema;
}

/**
 * The named schemas an operation refers to, directly or through other named schemas: the
 * route registers exactly these, so the OpenAPI document lists each as a component once and
 * none that nothing uses. A schema held inline by another comes first: Ajv refuses an `$id`
 * it already met inside a schema added before.
 */
export function namedSchemasOf(op: Operation): TSchema[] {
  const ids = new Set<string>();
  collectRefs([op.params, op.querystring, op.headers, op.body, responsesOf(op)], ids);
  for (const id of ids) collectRefs(named(op, id), ids); // a Set visits what is added while iterating
  const ordered = new Set<string>();
  for (const id of ids) {
    for (const inner of inlineNamed(named(op, id))) ordered.add(inner);
    ordered.add(id);
  }
  return [...ordered].map((id) => named(op, id));
}
