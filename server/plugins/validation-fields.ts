import type { FastifySchemaValidationError } from 'fastify';
import type { FieldErrorCode } from '../../src/contract/index.js';

/** Which per-field code an Ajv keyword becomes; anything not listed is `invalid`. */
const CODE_BY_KEYWORD: Record<string, FieldErrorCode> = {
  required: 'required',
  maxLength: 'too_long',
  maxItems: 'too_long',
  maxProperties: 'too_long',
  minLength: 'too_short',
  minItems: 'too_short',
  minProperties: 'too_short',
  minimum: 'out_of_range',
  maximum: 'out_of_range',
  exclusiveMinimum: 'out_of_range',
  exclusiveMaximum: 'out_of_range',
};

/** `/address/city` → `address.city`; the missing property for `required`; the part for the root. */
function fieldName(error: FastifySchemaValidationError, context: string): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required' && typeof error.params.missingProperty === 'string') {
    path.push(error.params.missingProperty);
  }
  if (error.keyword === 'additionalProperties' && typeof error.params.additionalProperty === 'string') {
    path.push(error.params.additionalProperty);
  }
  return path.length > 0 ? path.join('.') : context;
}

/**
 * Turns Ajv's errors into `{ field: code }`, one code per field, the first error winning
 * (a union reports one error per branch; the first is the most useful). No values and no
 * Ajv messages are echoed: codes only.
 */
export function validationFields(errors: readonly FastifySchemaValidationError[], context: string): Record<string, FieldErrorCode> {
  const fields: Record<string, FieldErrorCode> = {};
  for (const error of errors) {
    const name = fieldName(error, context);
    fields[name] ??= CODE_BY_KEYWORD[error.keyword] ?? 'invalid';
  }
  return fields;
}
