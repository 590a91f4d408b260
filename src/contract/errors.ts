import { Type, type Static } from '@sinclair/typebox';

export { ERROR_CODES, FIELD_ERROR_CODES, type ErrorCode, type FieldErrorCode } from './constants.js';


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
