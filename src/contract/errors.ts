import { Type, type Static } from '@sinclair/typebox';

/**
 * Stable error codes the endpoint answers with, in `{ error: { code, message, fields } }`.
 * Widgets map them to localized text and never show `message` (it is for developers).
 * Later features add their own codes here (e.g. `link_expired`), never remove one.
 */
export const ERROR_CODES = [
  'validation',
  'unauthorized',
  'session_expired',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
  'server',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Per-field validation codes, keyed by the field's JSON name. */
export const FIELD_ERROR_CODES = ['required', 'invalid', 'too_long', 'too_short', 'out_of_range'] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export const ErrorBody = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String({ description: 'Stable, machine-readable code; see ERROR_CODES.' }),
        message: Type.String({ description: 'English text for developers. Never shown to clients.' }),
        fields: Type.Optional(
          Type.Record(Type.String(), Type.String(), { description: 'Per-field codes for validation errors.' }),
        ),
      },
      { additionalProperties: false },
    ),
  },
  { $id: 'ErrorBody', additionalProperties: false, description: 'Every non-2xx answer has this shape.' },
);
export type ErrorBody = Static<typeof ErrorBody>;
