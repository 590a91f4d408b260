import type { FastifyError, FastifyServerOptions } from 'fastify';

/** Where logs go and how much: tests pass a stream to read them, or false for silence. */
export type LoggerOption = false | { level?: string; stream?: { write(line: string): void } };

/** Paths pino replaces with "[redacted]" wherever a log call or serializer puts them. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  'req.body',
  'body',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'cookie',
  'email',
  'to',
  'token',
  'pin',
  'password',
];

/** The path without its query string: queries may carry identifiers we do not want in logs (R30). */
export function pathWithoutQuery(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

const EMAIL = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[A-Za-z]{2,}/g;

/** Email-shaped text replaced, for free text (error messages, SMTP replies) that redaction by key cannot reach. */
export function scrubEmails(text: string): string {
  return text.replace(EMAIL, '[email]');
}

/**
 * Fastify's logger options: JSON lines, secrets redacted, requests summarised as method,
 * path (no query) and client address, never headers or bodies.
 */
export function loggerOptions(option: LoggerOption | undefined): FastifyServerOptions['logger'] {
  if (option === false) return false;
  return {
    level: option?.level ?? 'info',
    ...(option?.stream ? { stream: option.stream } : {}),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req(request: { method: string; url: string; ip?: string }) {
        return { method: request.method, url: pathWithoutQuery(request.url), remoteAddress: request.ip };
      },
      res(reply: { statusCode: number }) {
        return { statusCode: reply.statusCode };
      },
      err(error: FastifyError) {
        return {
          type: error.name,
          code: error.code,
          statusCode: error.statusCode,
          message: scrubEmails(String(error.message)),
          stack: scrubEmails(error.stack ?? ''),
        };
      },
    },
  };
}
