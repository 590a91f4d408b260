import type { FastifyPluginAsync } from 'fastify';
import * as op from '../../src/contract/operations/booking.js';
import { cancelAppointment } from '../booking/client-cancel.js';
import { bookingOptions, listAppointments, profileSlots } from '../booking/client-reads.js';
import { requestAppointment, requestReschedule } from '../booking/client-requests.js';
import type { ProfileScopeOptions } from '../plugins/profile-access.js';
import { clientActorOf } from '../request/actor.js';
import { defineRoute } from './define-route.js';

/**
 * `<booking-request>`'s routes under `/p/:practice/profiles/:profileId` (behind the
 * session and profile guards, R41): one request per user action. Times are UTC instants;
 * answers name the practice's zone. Reads need the `view` permission, writes `book`.
 */
export const bookingRoutes: FastifyPluginAsync<ProfileScopeOptions> = async (app, deps) => {
  defineRoute(app, op.listAppointments, async (request) => listAppointments(deps, clientActorOf(request)));

  defineRoute(app, op.getBookingOptions, async (request) => bookingOptions(deps, clientActorOf(request)));

  defineRoute(app, op.listOpenSlots, async (request) => profileSlots(deps, clientActorOf(request), request.query));

  defineRoute(app, op.createAppointmentRequest, async (request, reply) => {
    const answer = requestAppointment(deps, clientActorOf(request), request.body, request.headers['idempotency-key']);
    if (answer.replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(answer.status).send(answer.body);
  });

  defineRoute(app, op.cancelAppointment, async (request) =>
    cancelAppointment(deps, clientActorOf(request), Number(request.params.appointmentId)),
  );

  defineRoute(app, op.rescheduleAppointment, async (request, reply) => {
    const actor = clientActorOf(request);
    const answer = requestReschedule(deps, actor, Number(request.params.appointmentId), request.body, request.headers['idempotency-key']);
    if (answer.replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(answer.status).send(answer.body);
  });
};
