import { ErrorBody } from '../src/contract/index.js';
import { STANDARD_ERRORS } from '../src/contract/operation.js';
import { refTo } from '../src/contract/ref.js';

/**
 * Error responses for a hand-written route's schema (a test fixture), each an `ErrorBody`
 * with its usual meaning. The contract's operations get theirs from defineRoute.
 */
export function errorResponses(...statuses: (keyof typeof STANDARD_ERRORS)[]) {
  return Object.fromEntries(statuses.map((status) => [status, refTo(ErrorBody, STANDARD_ERRORS[status])]));
}
