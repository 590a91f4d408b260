import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ErrorBody } from '../src/contract/index.js';
import type { ErrorCode } from '../src/contract/index.js';

/**
 * A `$ref` to a schema registered with `app.addSchema`, typed as the schema itself. Shared
 * schemas become named components in the OpenAPI document instead of being inlined.
 */
export function ref<T extends TSchema>(schema: T, options: { description?: string } = {}) {
  if (!schema.$id) throw new Error('ref() needs a schema with an $id.');
  return Type.Unsafe<Static<T>>(Type.Ref(schema.$id, options));
}

const ERROR_DESCRIPTIONS: Record<number, { code: ErrorCode; text: string }> = {
  400: { code: 'validation', text: 'The request is not valid; `fields` says which field and why.' },
  401: { code: 'unauthorized', text: 'Missing or wrong bearer token.' },
  403: { code: 'forbidden', text: 'Not allowed.' },
  404: { code: 'not_found', text: 'No such practice or resource.' },
  409: { code: 'conflict', text: 'Conflicts with the current state.' },
  413: { code: 'payload_too_large', text: 'The body is larger than the limit.' },
  415: { code: 'unsupported_media_type', text: 'The body is not JSON.' },
  429: { code: 'rate_limited', text: 'Too many requests; see Retry-After.' },
  500: { code: 'server', text: 'Unexpected error (generic message, no details).' },
  503: { code: 'unavailable', text: 'Briefly unavailable; see Retry-After.' },
};

/** Error responses for a route's schema, each an `ErrorBody` with a description naming its code. */
export function errorResponses(...statuses: (keyof typeof ERROR_DESCRIPTIONS)[]) {
  return Object.fromEntries(
    statuses.map((status) => {
      const { code, text } = ERROR_DESCRIPTIONS[status];
      return [status, ref(ErrorBody, { description: `\`${code}\`: ${text}` })];
    }),
  );
}

/** An error response whose description names route-specific codes, e.g. `link_used` or `link_superseded`. */
export function errorResponse(description: string) {
  return ref(ErrorBody, { description });
}

/** The errors any route under `/p/:practice` can answer with. */
export const PRACTICE_ROUTE_ERRORS = [404, 429, 500, 503] as const;
