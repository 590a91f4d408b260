import type { FastifyPluginAsync } from 'fastify';
import * as op from '../../src/contract/operations/booking.js';
import { adminSlots, approveRequest, declineRequest, pendingRequests } from '../booking/decisions.js';
import type { BookingDeps } from '../booking/scope.js';
import { transaction } from '../db/transaction.js';
import { officeCallOf } from '../office/call.js';
import { assertAppointmentVisible } from '../office/visibility.js';
import { audit } from '../request/audit.js';
import { defineRoute } from './define-route.js';

/**
 * The office's side of booking, under `/p/:practice/admin` (staff session or API key): the
 * requests waiting for an answer, approve, decline with proposals, and open times to propose.
 * A clinician lists and decides only their own appointments (another's answers 404).
 */
export const adminBookingRoutes: FastifyPluginAsync<BookingDeps> = async (app, deps) => {
  defineRoute(app, op.listPendingAppointmentRequests, async (request) => {
    const call = officeCallOf(request);
    const own = call.office.clinicianId;
    const asked = request.query.clinician;
    // A clinician asking for another clinician's requests gets none.
    const list =
      own !== null && asked !== undefined && asked !== own
        ? { timeZone: call.practice.timeZone, requests: [] }
        : pendingRequests(deps, call.practice, own ?? asked);
    transaction(deps.db, () => audit(deps, call, { action: 'sensitive_read', resourceType: 'appointment_list', resourceId: call.practice.id }));
    return list;
  });

  defineRoute(app, op.approveAppointmentRequest, async (request) => {
    const call = officeCallOf(request);
    const id = Number(request.params.appointmentId);
    assertAppointmentVisible(deps, call, id);
    return approveRequest(deps, call.practice, id, call.meta, call.office);
  });

  defineRoute(app, op.declineAppointmentRequest, async (request) => {
    const call = officeCallOf(request);
    const id = Number(request.params.appointmentId);
    assertAppointmentVisible(deps, call, id);
    return declineRequest(deps, call.practice, id, request.body, call.meta, call.office);
  });

  defineRoute(app, op.listOpenSlotsForOffice, async (request) => adminSlots(deps, officeCallOf(request).practice, request.query));
};
