import type { FastifyRequest } from 'fastify';
import type { AccessibleProfile } from '../repos/clients.js';
import type { Practice } from '../repos/practices.js';
import { actingProfileOf, authOf, practiceOf } from './context.js';
import { requestMeta, type RequestMeta } from './meta.js';

/**
 * Who acts, for whom, from where: a signed-in client acting for one profile. Booking,
 * documents and files take this and never the request, so they run the same from a test.
 */
export interface ClientActor {
  practice: Practice;
  accountId: number;
  profile: AccessibleProfile;
  meta: RequestMeta;
}

/** The actor of a request that passed the session and profile guards (the profile scope). */
export function clientActorOf(request: FastifyRequest): ClientActor {
  return {
    practice: practiceOf(request),
    accountId: authOf(request).accountId,
    profile: actingProfileOf(request),
    meta: requestMeta(request),
  };
}
