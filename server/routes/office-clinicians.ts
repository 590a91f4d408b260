import type { FastifyPluginAsync } from 'fastify';
import * as op from '../../src/contract/operations/office-clinicians.js';
import {
  addClinicianTimeOff,
  clinicianHours,
  clinicianServices,
  clinicianTimeOff,
  officeClinicians,
  removeClinicianTimeOff,
  replaceClinicianHours,
  replaceServicesOf,
} from '../office/availability.js';
import { officeCallOf, type OfficeDeps } from '../office/call.js';
import { inbox } from '../office/inbox.js';
import { defineRoute } from './define-route.js';

/**
 * Availability per clinician and the inbox, under `/p/:practice/admin` (staff session or API
 * key): weekly hours, time off and services (a clinician only their own), and what is new from
 * the caller's clients.
 */
export const officeClinicianRoutes: FastifyPluginAsync<OfficeDeps> = async (app, deps) => {
  const clinicianIdOf = (params: { clinicianId: string }) => Number(params.clinicianId);

  defineRoute(app, op.listOfficeClinicians, async (request) => officeClinicians(deps, officeCallOf(request)));

  defineRoute(app, op.getClinicianHours, async (request) => clinicianHours(deps, officeCallOf(request), clinicianIdOf(request.params)));

  defineRoute(app, op.replaceClinicianHours, async (request) =>
    replaceClinicianHours(deps, officeCallOf(request), clinicianIdOf(request.params), request.body),
  );

  defineRoute(app, op.listClinicianTimeOff, async (request) => clinicianTimeOff(deps, officeCallOf(request), clinicianIdOf(request.params)));

  defineRoute(app, op.addClinicianTimeOff, async (request, reply) =>
    reply.code(201).send(addClinicianTimeOff(deps, officeCallOf(request), clinicianIdOf(request.params), request.body)),
  );

  defineRoute(app, op.deleteClinicianTimeOff, async (request, reply) => {
    removeClinicianTimeOff(deps, officeCallOf(request), clinicianIdOf(request.params), Number(request.params.timeOffId));
    return reply.code(204).send(null);
  });

  defineRoute(app, op.getClinicianServices, async (request) => clinicianServices(deps, officeCallOf(request), clinicianIdOf(request.params)));

  defineRoute(app, op.replaceClinicianServices, async (request) =>
    replaceServicesOf(deps, officeCallOf(request), clinicianIdOf(request.params), request.body),
  );

  defineRoute(app, op.getOfficeInbox, async (request) => inbox(deps, officeCallOf(request), request.query));
};
