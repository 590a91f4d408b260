import type { FastifyPluginAsync } from 'fastify';
import * as op from '../../src/contract/operations/booking.js';
import { adminSlots, approveRequest, declineRequest, pendingRequests } from '../booking/decisions.js';
import type { BookingDeps } from '../booking/scope.js';
import { transaction } from '../db/transaction.js';
import { audit } from '../request/audit.js';
import { practiceOf } from '../request/context.js';
import { requestMeta } from '../request/meta.js';
import { defineRoute } from './define-route.js';

/**
 * The office's side of booking, under `/p/:practice/admin` (admin token): the requests
 * waiting for an answer, approve, decline with proposals, and open times to propose.
 */
export const adminBookingRoutes: FastifyPluginAsync<BookingDeps> = async (app, deps) => {
  defineRoute(app, op.listPendingAppointmentRequests, async (request) => {
    const practice = practiceOf(request);
    const list = pendingRequests(deps, practice, request.query.clinician);
    transaction(deps.db, () =>
      audit(deps, { practice, meta: requestMeta(request) }, { action: 'sensitive_read', resourceType: 'appointment_list', resourceId: practice.id }),
    );
    return list;
  });

  defineRoute(app, op.approveAppointmentRequest, async (request) =>
    approveRequest(deps, practiceOf(request), Number(request.params.appointmentId), requestMeta(request)),
  );

  defineRoute(app, op.declineAppointmentRequest, async (request) =>
    declineRequest(deps, practiceOf(request), Number(request.params.appointmentId), request.body, requestMeta(request)),
  );

  defineRoute(app, op.listOpenSlotsForOffice, async (request) => adminSlots(deps, practiceOf(request), request.query));
};
