import type { FieldErrorCode } from '../../src/contract/index.js';
import { ApiError } from '../errors.js';

/** The time is not open (taken a moment ago, or never offered). The body says nothing more. */
export const slotUnavailable = () => new ApiError(409, 'slot_unavailable');

/** Too close to the start to cancel or move online: the widget tells the client to call. */
export const insideCancellationWindow = () => new ApiError(409, 'cancellation_window');

/** R45: as many requests wait for approval as the practice allows. */
export const tooManyRequestsOpen = () => new ApiError(429, 'too_many_requests_open');

export const idempotencyKeyReused = () => new ApiError(422, 'idempotency_key_reused');

/** The appointment is not in a state that allows this (R43). */
export const notAllowedNow = () => new ApiError(409, 'conflict', 'The appointment is not in a state that allows this.');

/** A 400 naming one field, like the schema validation's answers. */
export const invalidField = (field: string, code: FieldErrorCode = 'invalid') =>
  new ApiError(400, 'validation', undefined, { [field]: code });
