import type { FastifyRequest } from 'fastify';
import { notFound, unauthorized } from '../errors.js';
import type { OfficeActor } from '../office/actor.js';
import type { AccessibleProfile } from '../repos/clients.js';
import type { Practice } from '../repos/practices.js';
import type { Session } from '../repos/sessions.js';

// What a request carries once the app's hooks have run. The hooks (plugins/) fill these in;
// routes and the actor builder read them through the accessors below, which refuse when a
// hook that should have run did not.

/** Who is signed in on this request: set by requireSession, read by the routes behind it. */
export interface SessionContext {
  accountId: number;
  sessionId: number;
  session: Session;
}

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The practice named by `/p/:practice/…`, looked up once per request before CORS runs
     * (CORS needs its allow-list). null outside `/p/` or when the slug is unknown.
     */
    practice: Practice | null;
    /** The signed-in account and session; null unless the route runs `requireSession`. */
    auth: SessionContext | null;
    /** The acting profile as this sign-in may act for it; null outside the profile scope. */
    actingProfile: AccessibleProfile | null;
    /** Who on the practice's side is calling; null outside the office scope (`/admin`). */
    office: OfficeActor | null;
  }
}

/** The request's practice in a route handler under `/p/:practice` (the scope hook guarantees one). */
export function practiceOf(request: FastifyRequest): Practice {
  if (!request.practice) throw notFound();
  return request.practice;
}

/** The signed-in context in a handler behind requireSession. */
export function authOf(request: FastifyRequest): SessionContext {
  if (!request.auth) throw unauthorized();
  return request.auth;
}

/** The acting profile in a handler inside the profile scope. */
export function actingProfileOf(request: FastifyRequest): AccessibleProfile {
  if (!request.actingProfile) throw notFound();
  return request.actingProfile;
}

/** The office caller in a handler under `/p/:practice/admin` (the office guard sets it). */
export function officeOf(request: FastifyRequest): OfficeActor {
  if (!request.office) throw unauthorized();
  return request.office;
}
