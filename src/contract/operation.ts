import type { TSchema } from '@sinclair/typebox';
import { ErrorBody } from './errors.js';
import { refTo } from './ref.js';

// One operation of the protocol, declared once: the server routes it (defineRoute), the
// OpenAPI document is generated from it, and a test holds PortalClient to it.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/** What a profile-scoped operation does for the profile; each is one permission of the account's link to it (R41). */
export type ProfilePermission = 'book' | 'sign' | 'upload' | 'view';

export const PROFILE_PERMISSIONS: readonly ProfilePermission[] = ['book', 'sign', 'upload', 'view'];

/**
 * What an office operation (under `/p/:practice/admin`) needs of its caller: a staff member
 * whose role grants it, or an API key with that scope. `owner` is for owners only (staff, API
 * keys); API keys carry `read`, `write` and `webhooks` at most.
 */
export type OfficePermission = 'office:read' | 'office:write' | 'office:webhooks' | 'office:owner';

export const OFFICE_PERMISSIONS: readonly OfficePermission[] = ['office:read', 'office:write', 'office:webhooks', 'office:owner'];

/**
 * Who may call: anyone (`public`), a signed-in client (`session`), a signed-in client whose
 * link to the profile in the path grants that permission, or the practice's side (an office
 * permission: a staff session, an API key, or in development the admin token).
 */
export type Permission = 'public' | 'session' | ProfilePermission | OfficePermission;

/** A non-JSON answer (a download, a tus reply), described for the document only. */
export interface RawAnswer {
  description: string;
  type?: 'null';
  headers?: Record<string, object>;
  content?: Record<string, { schema: object }>;
}

/** An answer: a schema, a raw answer, or for an error the text naming its codes (the body is ErrorBody). */
export type Answer = TSchema | RawAnswer | string;

export interface Operation {
  operationId: string;
  method: HttpMethod;
  /** The path as the server routes it, e.g. `/p/:practice/profiles/:profileId/slots`. */
  path: string;
  permission: Permission;
  /**
   * The PortalClient method that calls this operation, or null when the widgets never call it
   * themselves (the office's side, tus steps the upload library takes, operators' routes).
   */
  clientMethod: string | null;
  summary: string;
  description?: string;
  tags: readonly string[];
  params?: TSchema;
  querystring?: TSchema;
  headers?: TSchema;
  body?: TSchema;
  /** Successes, and the errors with codes or reasons of their own; the shared ones are added (sharedErrors). */
  responses: Readonly<Record<number, Answer>>;
}

/** Declares an operation, keeping its literal types (the routes' request and answer types come from them). */
export const operation = <const O extends Operation>(declared: O): O => declared;

/** The errors' usual meaning, by status: what an operation answers unless it says more. */
export const STANDARD_ERRORS = {
  400: '`validation`: The request is not valid; `fields` says which field and why.',
  401: '`unauthorized`: Missing or wrong bearer token.',
  403: '`forbidden`: Not allowed.',
  404: '`not_found`: No such practice or resource.',
  409: '`conflict`: Conflicts with the current state.',
  413: '`payload_too_large`: The body is larger than the limit.',
  415: '`unsupported_media_type`: The body is not JSON.',
  429: '`rate_limited`: Too many requests; see Retry-After.',
  500: '`server`: Unexpected error (generic message, no details).',
  503: '`unavailable`: Briefly unavailable; see Retry-After.',
} as const;

/** The 403 of every office operation: the credential is good here but its role or scopes do not allow this. */
export const OFFICE_FORBIDDEN = '`forbidden`: the staff role or the API key scopes do not allow this operation.';

/** The 401 of every operation that needs a session. */
export const SESSION_REFUSED =
  '`session_expired`: the session passed its idle or absolute limit and has ended. `unauthorized`: no token, or a token that is unknown here or signed out.';

export const isProfilePermission = (permission: Permission): permission is ProfilePermission =>
  (PROFILE_PERMISSIONS as readonly string[]).includes(permission);

export const isOfficePermission = (permission: Permission): permission is OfficePermission =>
  (OFFICE_PERMISSIONS as readonly string[]).includes(permission);

/** Path parameters the server checks before validation, so a malformed one is never a 400. */
function guardedParams(op: Operation): string[] {
  return isProfilePermission(op.permission) ? ['practice', 'profileId'] : ['practice'];
}

/**
 * The errors any operation of its kind can answer: 429 and 500 anywhere; under a practice,
 * 404 (no such practice) and 503; 401 where a token is needed; 400 when anything beyond the
 * guarded path ids is validated; 413 and 415 with a body.
 */
export function sharedErrors(op: Operation): Record<number, string> {
  const errors: Record<number, string> = { 429: STANDARD_ERRORS[429], 500: STANDARD_ERRORS[500] };
  if (op.path.startsWith('/p/:practice')) Object.assign(errors, { 404: STANDARD_ERRORS[404], 503: STANDARD_ERRORS[503] });
  if (isOfficePermission(op.permission)) Object.assign(errors, { 401: STANDARD_ERRORS[401], 403: OFFICE_FORBIDDEN });
  else if (op.permission !== 'public') errors[401] = SESSION_REFUSED;
  const pathIds = Object.keys((op.params as { properties?: object } | undefined)?.properties ?? {});
  const guarded = guardedParams(op);
  if (op.body || op.querystring || op.headers || pathIds.some((id) => !guarded.includes(id))) errors[400] = STANDARD_ERRORS[400];
  if (op.body) Object.assign(errors, { 413: STANDARD_ERRORS[413], 415: STANDARD_ERRORS[415] });
  return errors;
}

/** Every answer of an operation as a response schema: the shared errors, then its own (which win). */
export function responsesOf(op: Operation): Record<number, TSchema | RawAnswer> {
  const answers: Record<number, Answer> = { ...sharedErrors(op), ...op.responses };
  return Object.fromEntries(
    Object.entries(answers).map(([status, answer]) => [status, typeof answer === 'string' ? refTo(ErrorBody, answer) : answer]),
  );
}

/** The OpenAPI security requirement of a permission: none, an office credential, or a session. */
export function securityOf(permission: Permission): Array<Record<string, string[]>> {
  if (permission === 'public') return [];
  return isOfficePermission(permission) ? [{ officeBearer: [] }] : [{ bearer: [] }];
}
