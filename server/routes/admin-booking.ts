import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AdminAppointment,
  AdminAppointmentParams,
  AdminSlotQuery,
  DeclineRequest,
  PendingRequestList,
  PendingRequestQuery,
  PracticeParams,
  SlotList,
} from '../../src/contract/index.js';
import { adminSlots, approveRequest, declineRequest, pendingRequests } from '../booking/decisions.js';
import type { BookingDeps } from '../booking/scope.js';
import { transaction } from '../db/transaction.js';
import { addSchemasOnce } from '../plugins/local-schemas.js';
import { audit } from '../request/audit.js';
import { practiceOf } from '../request/context.js';
import { requestMeta } from '../request/meta.js';
import { errorResponse, errorResponses, ref } from '../schemas.js';
import { BOOKING_SCHEMAS } from './booking.js';

const NOT_PENDING = '`conflict`: the request was already answered, withdrawn or has lapsed (R43).';
const NO_REQUEST = { 404: errorResponse('`not_found`: no such appointment at this practice (or no such practice).') };

/**
 * The office's side of booking, under `/p/:practice/admin` (admin token): the requests
 * waiting for an answer, approve, decline with proposals, and open times to propose.
 */
export const adminBookingRoutes: FastifyPluginAsyncTypebox<BookingDeps> = async (app, deps) => {
  addSchemasOnce(app, [...BOOKING_SCHEMAS, AdminAppointment, PendingRequestList, DeclineRequest]);

  app.get<{ Querystring: PendingRequestQuery }>(
    '/appointment-requests',
    {
      schema: {
        operationId: 'listPendingAppointmentRequests',
        summary: 'Appointment requests waiting for an answer',
        description: 'Requests and reschedule requests not yet approved, declined, withdrawn or lapsed, soonest start first.',
        tags: ['admin', 'booking', 'phi'],
        security: [{ adminBearer: [] }],
        params: PracticeParams,
        querystring: PendingRequestQuery,
        response: { 200: ref(PendingRequestList), ...errorResponses(400, 401, 404, 429, 500, 503) },
      },
    },
    async (request) => {
      const practice = practiceOf(request);
      const list = pendingRequests(deps, practice, request.query.clinician);
      transaction(deps.db, () =>
        audit(deps, { practice, meta: requestMeta(request) }, { action: 'sensitive_read', resourceType: 'appointment_list', resourceId: practice.id }),
      );
      return list;
    },
  );

  app.post<{ Params: AdminAppointmentParams }>(
    '/appointments/:appointmentId/approve',
    {
      schema: {
        operationId: 'approveAppointmentRequest',
        summary: 'Approve an appointment request',
        description:
          'The request becomes confirmed and the client is emailed the confirmation with an iCalendar file. For a reschedule ' +
          'request the original is cancelled and the new time confirmed in one transaction (the calendar event moves). ' +
          'Of concurrent approvals of one request exactly one succeeds; the others are 409. No body.',
        tags: ['admin', 'booking', 'phi'],
        security: [{ adminBearer: [] }],
        params: AdminAppointmentParams,
        response: {
          200: ref(AdminAppointment, { description: 'Confirmed.' }),
          ...errorResponses(401),
          ...NO_REQUEST,
          409: errorResponse(NOT_PENDING),
          ...errorResponses(429, 500, 503),
        },
      },
    },
    async (request) => approveRequest(deps, practiceOf(request), Number(request.params.appointmentId), requestMeta(request)),
  );

  app.post<{ Params: AdminAppointmentParams; Body: DeclineRequest }>(
    '/appointments/:appointmentId/decline',
    {
      schema: {
        operationId: 'declineAppointmentRequest',
        summary: 'Decline an appointment request, optionally proposing other times',
        description:
          'The request is declined (its time freed) and the client emailed, with up to three proposed times (each must be an ' +
          'open time with the same clinician and service) and a link back to the portal. The note is shown in the portal only. ' +
          'A declined reschedule leaves the original appointment confirmed.',
        tags: ['admin', 'booking', 'phi'],
        security: [{ adminBearer: [] }],
        params: AdminAppointmentParams,
        body: ref(DeclineRequest),
        response: {
          200: ref(AdminAppointment, { description: 'Declined.' }),
          ...errorResponses(400, 401),
          ...NO_REQUEST,
          409: errorResponse(`${NOT_PENDING} \`slot_unavailable\`: a proposed time is not open.`),
          ...errorResponses(413, 415, 429, 500, 503),
        },
      },
    },
    async (request) =>
      declineRequest(deps, practiceOf(request), Number(request.params.appointmentId), request.body, requestMeta(request)),
  );

  app.get<{ Querystring: AdminSlotQuery }>(
    '/slots',
    {
      schema: {
        operationId: 'listOpenSlotsForOffice',
        summary: 'Open times for a service (to propose them)',
        description: 'The same open times clients see (notice and horizon included), for any active service.',
        tags: ['admin', 'booking'],
        security: [{ adminBearer: [] }],
        params: PracticeParams,
        querystring: AdminSlotQuery,
        response: { 200: ref(SlotList), ...errorResponses(400, 401, 404, 429, 500, 503) },
      },
    },
    async (request) => adminSlots(deps, practiceOf(request), request.query),
  );
};
