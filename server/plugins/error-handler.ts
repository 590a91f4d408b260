import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../../src/contract/index.js';
import type { PortalApp } from '../app-types.js';
import { ApiError, DEFAULT_MESSAGES, errorBody, type ServerErrorCode } from '../errors.js';
import { validationFields } from './validation-fields.js';

/** SQLite cannot take the lock or the disk is full: transient, the client should retry. */
const TRANSIENT_SQLITE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_FULL']);

/** Fastify's own 4xx errors, by code, with the body we answer instead of Fastify's. */
const FASTIFY_ERRORS: Record<string, { status: number; code: ErrorCode; message?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'validation', message: 'Content-Length does not match the body.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'validation', message: 'The JSON body is empty.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'validation', message: 'The body is not valid JSON.' },
};

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

interface Answer {
  status: number;
  code: ServerErrorCode;
  message: string;
  fields?: Record<string, string>;
  headers?: Record<string, string>;
}

/** Decides the answer for anything thrown. Unknown errors become a generic 500: no stack, no SQL (R39). */
export function answerFor(error: FastifyError | Error): Answer {
  if (error instanceof ApiError) {
    return { status: error.statusCode, code: error.code, message: error.message, fields: error.fields, headers: error.headers };
  }
  const fastifyError = error as FastifyError & { validationContext?: string };
  if (fastifyError.validation) {
    return {
      status: 400,
      code: 'validation',
      message: DEFAULT_MESSAGES.validation,
      fields: validationFields(fastifyError.validation, fastifyError.validationContext ?? 'body'),
    };
  }
  const known = fastifyError.code ? FASTIFY_ERRORS[fastifyError.code] : undefined;
  if (known) return { status: known.status, code: known.code, message: known.message ?? DEFAULT_MESSAGES[known.code] };
  if (fastifyError.code && TRANSIENT_SQLITE_CODES.has(fastifyError.code)) {
    return { status: 503, code: 'unavailable', message: DEFAULT_MESSAGES.unavailable, headers: { 'retry-after': '1' } };
  }
  // Other client errors Fastify raises (a malformed URL, a bad header) keep their status,
  // with our generic message for it; everything else is a server error.
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    const code = CODE_BY_STATUS[status] ?? 'validation';
    return { status, code, message: DEFAULT_MESSAGES[code] };
  }
  return { status: 500, code: 'server', message: DEFAULT_MESSAGES.server };
}

/**
 * One error handler and one not-found handler for the whole app, so every non-2xx answer is
 * `{ error: { code, message, fields? } }` with a stable code.
 */
export function installErrorHandling(app: PortalApp): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const answer = answerFor(error);
    if (answer.status >= 500) {
      request.log.error({ err: error }, 'request failed');
    } else {
      request.log.info({ code: answer.code, status: answer.status }, 'request refused');
    }
    if (answer.headers) reply.headers(answer.headers);
    return reply.code(answer.status).send(errorBody(answer.code, answer.message, answer.fields));
  });

  app.setNotFoundHandler((_request, reply) => reply.code(404).send(errorBody('not_found')));
}
