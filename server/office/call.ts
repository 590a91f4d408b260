import type { FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import type { Practice } from '../repos/practices.js';
import { officeOf, practiceOf } from '../request/context.js';
import { requestMeta, type RequestMeta } from '../request/meta.js';
import type { OfficeActor } from './actor.js';

export interface OfficeDeps {
  db: Db;
  clock: Clock;
}

/**
 * One office request as the office modules see it: the practice, who on its side is calling
 * and from where. It is also an AuditSource, so `audit(deps, call, …)` records the staff
 * member or API key (R36).
 */
export interface OfficeCall {
  practice: Practice;
  office: OfficeActor;
  meta: RequestMeta;
}

/** The office call of a request that passed the office guard. */
export function officeCallOf(request: FastifyRequest): OfficeCall {
  return { practice: practiceOf(request), office: officeOf(request), meta: requestMeta(request) };
}
