import type { FastifyRequest } from 'fastify';
import { isTokenShaped, tokenHash } from '../auth/secrets.js';
import { clientKey } from './client-key.js';
import { sessionCookieToken } from './session-cookie.js';

/** Where a request came from, for budgets and the audit trail (R36: tenant, IP, Origin). */
export interface RequestMeta {
  ip: string;
  /** The budget key for this client: an IPv4 address or an IPv6 /64. */
  client: string;
  origin: string | null;
  /** The SHA-256 of a well-formed session token the request carried (bearer, else cookie), if any (R8). */
  presentedTokenHash: string | undefined;
  /**
   * The User-Agent header, at most 512 characters, as a signature and an ESIGN consent record
   * it. Optional so that code driven without HTTP (tests, tools) need not invent one.
   */
  userAgent?: string;
}

/** The token from `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
  return match?.[1];
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  const token = bearerToken(request) ?? sessionCookieToken(request);
  const userAgent = request.headers['user-agent'];
  return {
    ip: request.ip,
    client: clientKey(request.ip),
    origin: request.headers.origin ?? null,
    presentedTokenHash: token && isTokenShaped(token) ? tokenHash(token) : undefined,
    userAgent: (typeof userAgent === 'string' ? userAgent : '').slice(0, 512),
  };
}
