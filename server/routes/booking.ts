import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import {
  Appointment,
  AppointmentList,
  AppointmentParams,
  AppointmentRequest,
  BookingClinician,
  BookingOptions,
  BookingService,
  IdempotencyHeaders,
  OpenDay,
  OpenSlot,
  ProfileParams,
  ProposedTime,
  RescheduleRequest,
  RescheduleResult,
  SlotList,
  SlotQuery,
} from '../../src/contract/index.js';
import { cancelAppointment } from '../booking/client-cancel.js';
import { bookingOptions, listAppointments, profileSlots } from '../booking/client-reads.js';
import { requestAppointment, requestReschedule } from '../booking/client-requests.js';
import { addSchemasOnce } from '../plugins/local-schemas.js';
import type { ProfileScopeOptions } from '../plugins/profile-access.js';
import { clientActorOf } from '../request/actor.js';
import { errorResponse, errorResponses, ref } from '../schemas.js';

export const BOOKING_SCHEMAS = [
  ProposedTime,
  Appointment,
  AppointmentList,
  BookingService,
  BookingClinician,
  BookingOptions,
  OpenSlot,
  OpenDay,
  SlotList,
  AppointmentRequest,
  RescheduleRequest,
  RescheduleResult,
];

const SESSION_REFUSAL = {
  401: errorResponse('`session_expired`: the session passed its idle or absolute limit. `unauthorized`: no token, or an unknown or ended one.'),
};
const NOT_FOUND = {
  404: errorResponse('`not_found`: this sign-in may not act for the profile (or it may not book for it), no such appointment of the profile, or no such practice.'),
};
const SLOT_TAKEN = '`slot_unavailable`: the time is not open any more (just taken, or never offered); fetch the open times again.';
const WINDOW = '`cancellation_window`: the appointment starts within the practice’s cancellation window; the client must call the office.';
const STATE = '`conflict`: the appointment’s state does not allow this (R43).';
const LIMITS = errorResponse(
  '`too_many_requests_open`: the profile has as many requests waiting for approval as the practice allows (R45). ' +
    '`rate_limited`: the profile’s daily request budget (R45) or the client’s request budget is used up; see Retry-After.',
);
const IDEMPOTENCY = { 422: errorResponse('`idempotency_key_reused`: the Idempotency-Key was already used with a different request.') };

/**
 * `<booking-request>`'s routes under `/p/:practice/profiles/:profileId` (behind the
 * session and profile guards, R41): one request per user action. Times are UTC instants;
 * answers name the practice's zone. Reads need the `view` permission, writes `book`.
 */
export const bookingRoutes: FastifyPluginAsync<ProfileScopeOptions> = async (scope, deps) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  addSchemasOnce(app, BOOKING_SCHEMAS);

  app.get(
    '/appointments',
    {
      config: { profilePermission: 'view' },
      schema: {
        operationId: 'listAppointments',
        summary: 'The profile’s appointments, upcoming and past',
        description:
          'Upcoming (ending after now, soonest first, any status) and past (the 50 most recent), each with what may be done ' +
          'with it now (`cancellable`, `reschedulable`, decided by the server), plus the practice’s zone, cancellation window ' +
          'and phone. A request that lapsed unanswered reads as declined (`expired`).',
        tags: ['booking', 'phi'],
        security: [{ bearer: [] }],
        params: ProfileParams,
        response: { 200: ref(AppointmentList), ...SESSION_REFUSAL, ...NOT_FOUND, ...errorResponses(429, 500, 503) },
      },
    },
    async (request) => listAppointments(deps, clientActorOf(request)),
  );

  app.get(
    '/services',
    {
      config: { profilePermission: 'view' },
      schema: {
        operationId: 'getBookingOptions',
        summary: 'What this profile can book, and with whom',
        description: 'The services this profile can request (a couple profile: couples therapy; a person: individual therapy; both: an intake), each with the clinicians offering it.',
        tags: ['booking'],
        security: [{ bearer: [] }],
        params: ProfileParams,
        response: { 200: ref(BookingOptions), ...SESSION_REFUSAL, ...NOT_FOUND, ...errorResponses(429, 500, 503) },
      },
    },
    async (request) => bookingOptions(deps, clientActorOf(request)),
  );

  app.get<{ Querystring: SlotQuery }>(
    '/slots',
    {
      config: { profilePermission: 'view' },
      schema: {
        operationId: 'listOpenSlots',
        summary: 'Open times for a service, grouped by day',
        description:
          'Every open start on the days `from`–`to` (default: 28 days from today; at most 92 days) of `timeZone` (default: the ' +
          'practice’s), from the clinicians’ weekly hours, time off, the service’s duration and buffer, and the bookings and ' +
          'pending requests that hold time. Only times at least the practice’s notice ahead (default 24 h) and within its ' +
          'horizon (default 90 days). Days without an open time are left out: a date grid enables exactly the listed days.',
        tags: ['booking'],
        security: [{ bearer: [] }],
        params: ProfileParams,
        querystring: SlotQuery,
        response: {
          200: ref(SlotList),
          ...errorResponses(400),
          ...SESSION_REFUSAL,
          ...NOT_FOUND,
          ...errorResponses(429, 500, 503),
        },
      },
    },
    async (request) => profileSlots(deps, clientActorOf(request), request.query),
  );

  app.post<{ Body: AppointmentRequest; Headers: IdempotencyHeaders }>(
    '/appointments',
    {
      config: { profilePermission: 'book' },
      schema: {
        operationId: 'createAppointmentRequest',
        summary: 'Request an appointment',
        description:
          'Asks for an open time. The request holds the time until the clinician approves or declines it, or it lapses (the ' +
          'practice’s expiry, default 72 h). Of concurrent requests for one time exactly one succeeds (a unique index in the ' +
          'database, R43). Send an `Idempotency-Key` so a retry cannot request twice. Emails the client that it was received.',
        tags: ['booking', 'phi'],
        security: [{ bearer: [] }],
        params: ProfileParams,
        headers: IdempotencyHeaders,
        body: ref(AppointmentRequest),
        response: {
          201: ref(Appointment, { description: 'Requested (or the same answer again for a retried Idempotency-Key).' }),
          ...errorResponses(400),
          ...SESSION_REFUSAL,
          ...NOT_FOUND,
          409: errorResponse(SLOT_TAKEN),
          ...errorResponses(413, 415),
          ...IDEMPOTENCY,
          429: LIMITS,
          ...errorResponses(500, 503),
        },
      },
    },
    async (request, reply) => {
      const answer = requestAppointment(deps, clientActorOf(request), request.body, request.headers['idempotency-key']);
      if (answer.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(answer.status).send(answer.body);
    },
  );

  app.post<{ Params: AppointmentParams }>(
    '/appointments/:appointmentId/cancel',
    {
      config: { profilePermission: 'book' },
      schema: {
        operationId: 'cancelAppointment',
        summary: 'Cancel an appointment or withdraw a request',
        description:
          'A request (new or a reschedule) can always be withdrawn; withdrawing a reschedule keeps the original. A confirmed ' +
          'appointment can be cancelled until the practice’s cancellation window (default 24 h before), with a move waiting for ' +
          'approval withdrawn with it. Emails the client (a cancelled appointment with a calendar file that removes it). No body.',
        tags: ['booking', 'phi'],
        security: [{ bearer: [] }],
        params: AppointmentParams,
        response: {
          200: ref(Appointment, { description: 'Cancelled.' }),
          ...SESSION_REFUSAL,
          ...NOT_FOUND,
          409: errorResponse(`${WINDOW} ${STATE}`),
          ...errorResponses(429, 500, 503),
        },
      },
    },
    async (request) => cancelAppointment(deps, clientActorOf(request), Number(request.params.appointmentId)),
  );

  app.post<{ Params: AppointmentParams; Body: RescheduleRequest; Headers: IdempotencyHeaders }>(
    '/appointments/:appointmentId/reschedule',
    {
      config: { profilePermission: 'book' },
      schema: {
        operationId: 'rescheduleAppointment',
        summary: 'Ask to move a confirmed appointment',
        description:
          'Requests another open time with the same clinician and service. The original stays confirmed, keeping its time ' +
          '(status `reschedule_requested`), until the clinician approves the new time; approval swaps them in one transaction, ' +
          'declining or lapsing leaves the original as it was. Counts as a request for the R45 limits. Allowed until the ' +
          'cancellation window. Send an `Idempotency-Key`.',
        tags: ['booking', 'phi'],
        security: [{ bearer: [] }],
        params: AppointmentParams,
        headers: IdempotencyHeaders,
        body: ref(RescheduleRequest),
        response: {
          201: ref(RescheduleResult, { description: 'The new request and the original.' }),
          ...errorResponses(400),
          ...SESSION_REFUSAL,
          ...NOT_FOUND,
          409: errorResponse(`${SLOT_TAKEN} ${WINDOW} ${STATE}`),
          ...errorResponses(413, 415),
          ...IDEMPOTENCY,
          429: LIMITS,
          ...errorResponses(500, 503),
        },
      },
    },
    async (request, reply) => {
      const answer = requestReschedule(
        deps,
        clientActorOf(request),
        Number(request.params.appointmentId),
        request.body,
        request.headers['idempotency-key'],
      );
      if (answer.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(answer.status).send(answer.body);
    },
  );
};
