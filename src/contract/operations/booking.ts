import {
  AdminAppointment,
  AdminAppointmentParams,
  AdminSlotQuery,
  Appointment,
  AppointmentList,
  AppointmentParams,
  AppointmentRequest,
  BookingOptions,
  DeclineRequest,
  IdempotencyHeaders,
  PendingRequestList,
  PendingRequestQuery,
  RescheduleRequest,
  RescheduleResult,
  SlotList,
  SlotQuery,
} from '../booking.js';
import { PracticeParams } from '../info.js';
import { operation } from '../operation.js';
import { ProfileParams } from '../profiles.js';
import { refTo } from '../ref.js';

// `<booking-request>`'s operations under a profile (reads need `view`, writes `book`; one
// request per user action; times are UTC instants and answers name the practice's zone), and
// the office's side: the requests waiting for an answer, approve, decline, open times to propose.

const NOT_FOUND =
  '`not_found`: this sign-in may not act for the profile (or it may not book for it), no such appointment of the profile, or no such practice.';
const SLOT_TAKEN = '`slot_unavailable`: the time is not open any more (just taken, or never offered); fetch the open times again.';
const WINDOW = '`cancellation_window`: the appointment starts within the practice’s cancellation window; the client must call the office.';
const STATE = '`conflict`: the appointment’s state does not allow this (R43).';
const LIMITS =
  '`too_many_requests_open`: the profile has as many requests waiting for approval as the practice allows (R45). ' +
  '`rate_limited`: the profile’s daily request budget (R45) or the client’s request budget is used up; see Retry-After.';
const KEY_REUSED = '`idempotency_key_reused`: the Idempotency-Key was already used with a different request.';
const NOT_PENDING = '`conflict`: the request was already answered, withdrawn or has lapsed (R43).';
const NO_REQUEST = '`not_found`: no such appointment at this practice (or no such practice).';
const CLIENT_TAGS = ['booking', 'phi'] as const;
const OFFICE_TAGS = ['admin', 'booking', 'phi'] as const;

export const listAppointments = operation({
  operationId: 'listAppointments',
  method: 'GET',
  path: '/p/:practice/profiles/:profileId/appointments',
  permission: 'view',
  clientMethod: 'listAppointments',
  summary: 'The profile’s appointments, upcoming and past',
  description:
    'Upcoming (ending after now, soonest first, any status) and past (the 50 most recent), each with what may be done ' +
    'with it now (`cancellable`, `reschedulable`, decided by the server), plus the practice’s zone, cancellation window ' +
    'and phone. A request that lapsed unanswered reads as declined (`expired`).',
  tags: CLIENT_TAGS,
  params: ProfileParams,
  responses: { 200: refTo(AppointmentList), 404: NOT_FOUND },
});

export const getBookingOptions = operation({
  operationId: 'getBookingOptions',
  method: 'GET',
  path: '/p/:practice/profiles/:profileId/services',
  permission: 'view',
  clientMethod: 'getBookingOptions',
  summary: 'What this profile can book, and with whom',
  description:
    'The services this profile can request (a couple profile: couples therapy; a person: individual therapy; both: an intake), each with the clinicians offering it.',
  tags: ['booking'],
  params: ProfileParams,
  responses: { 200: refTo(BookingOptions), 404: NOT_FOUND },
});

export const listOpenSlots = operation({
  operationId: 'listOpenSlots',
  method: 'GET',
  path: '/p/:practice/profiles/:profileId/slots',
  permission: 'view',
  clientMethod: 'listOpenSlots',
  summary: 'Open times for a service, grouped by day',
  description:
    'Every open start on the days `from`–`to` (default: 28 days from today; at most 92 days) of `timeZone` (default: the ' +
    'practice’s), from the clinicians’ weekly hours, time off, the service’s duration and buffer, and the bookings and ' +
    'pending requests that hold time. Only times at least the practice’s notice ahead (default 24 h) and within its ' +
    'horizon (default 90 days). Days without an open time are left out: a date grid enables exactly the listed days.',
  tags: ['booking'],
  params: ProfileParams,
  querystring: SlotQuery,
  responses: { 200: refTo(SlotList), 404: NOT_FOUND },
});

export const createAppointmentRequest = operation({
  operationId: 'createAppointmentRequest',
  method: 'POST',
  path: '/p/:practice/profiles/:profileId/appointments',
  permission: 'book',
  clientMethod: 'requestAppointment',
  summary: 'Request an appointment',
  description:
    'Asks for an open time. The request holds the time until the clinician approves or declines it, or it lapses (the ' +
    'practice’s expiry, default 72 h). Of concurrent requests for one time exactly one succeeds (a unique index in the ' +
    'database, R43). Send an `Idempotency-Key` so a retry cannot request twice. Emails the client that it was received.',
  tags: CLIENT_TAGS,
  params: ProfileParams,
  headers: IdempotencyHeaders,
  body: refTo(AppointmentRequest),
  responses: {
    201: refTo(Appointment, 'Requested (or the same answer again for a retried Idempotency-Key).'),
    404: NOT_FOUND,
    409: SLOT_TAKEN,
    422: KEY_REUSED,
    429: LIMITS,
  },
});

export const cancelAppointment = operation({
  operationId: 'cancelAppointment',
  method: 'POST',
  path: '/p/:practice/profiles/:profileId/appointments/:appointmentId/cancel',
  permission: 'book',
  clientMethod: 'cancelAppointment',
  summary: 'Cancel an appointment or withdraw a request',
  description:
    'A request (new or a reschedule) can always be withdrawn; withdrawing a reschedule keeps the original. A confirmed ' +
    'appointment can be cancelled until the practice’s cancellation window (default 24 h before), with a move waiting for ' +
    'approval withdrawn with it. Emails the client (a cancelled appointment with a calendar file that removes it). No body.',
  tags: CLIENT_TAGS,
  params: AppointmentParams,
  responses: { 200: refTo(Appointment, 'Cancelled.'), 404: NOT_FOUND, 409: `${WINDOW} ${STATE}` },
});

export const rescheduleAppointment = operation({
  operationId: 'rescheduleAppointment',
  method: 'POST',
  path: '/p/:practice/profiles/:profileId/appointments/:appointmentId/reschedule',
  permission: 'book',
  clientMethod: 'rescheduleAppointment',
  summary: 'Ask to move a confirmed appointment',
  description:
    'Requests another open time with the same clinician and service. The original stays confirmed, keeping its time ' +
    '(status `reschedule_requested`), until the clinician approves the new time; approval swaps them in one transaction, ' +
    'declining or lapsing leaves the original as it was. Counts as a request for the R45 limits. Allowed until the ' +
    'cancellation window. Send an `Idempotency-Key`.',
  tags: CLIENT_TAGS,
  params: AppointmentParams,
  headers: IdempotencyHeaders,
  body: refTo(RescheduleRequest),
  responses: {
    201: refTo(RescheduleResult, 'The new request and the original.'),
    404: NOT_FOUND,
    409: `${SLOT_TAKEN} ${WINDOW} ${STATE}`,
    422: KEY_REUSED,
    429: LIMITS,
  },
});

export const listPendingAppointmentRequests = operation({
  operationId: 'listPendingAppointmentRequests',
  method: 'GET',
  path: '/p/:practice/admin/appointment-requests',
  permission: 'office:read',
  clientMethod: null,
  summary: 'Appointment requests waiting for an answer',
  description: 'Requests and reschedule requests not yet approved, declined, withdrawn or lapsed, soonest start first.',
  tags: OFFICE_TAGS,
  params: PracticeParams,
  querystring: PendingRequestQuery,
  responses: { 200: refTo(PendingRequestList) },
});

export const approveAppointmentRequest = operation({
  operationId: 'approveAppointmentRequest',
  method: 'POST',
  path: '/p/:practice/admin/appointments/:appointmentId/approve',
  permission: 'office:write',
  clientMethod: null,
  summary: 'Approve an appointment request',
  description:
    'The request becomes confirmed and the client is emailed the confirmation with an iCalendar file. For a reschedule ' +
    'request the original is cancelled and the new time confirmed in one transaction (the calendar event moves). ' +
    'Of concurrent approvals of one request exactly one succeeds; the others are 409. No body.',
  tags: OFFICE_TAGS,
  params: AdminAppointmentParams,
  responses: { 200: refTo(AdminAppointment, 'Confirmed.'), 404: NO_REQUEST, 409: NOT_PENDING },
});

export const declineAppointmentRequest = operation({
  operationId: 'declineAppointmentRequest',
  method: 'POST',
  path: '/p/:practice/admin/appointments/:appointmentId/decline',
  permission: 'office:write',
  clientMethod: null,
  summary: 'Decline an appointment request, optionally proposing other times',
  description:
    'The request is declined (its time freed) and the client emailed, with up to three proposed times (each must be an ' +
    'open time with the same clinician and service) and a link back to the portal. The note is shown in the portal only. ' +
    'A declined reschedule leaves the original appointment confirmed.',
  tags: OFFICE_TAGS,
  params: AdminAppointmentParams,
  body: refTo(DeclineRequest),
  responses: { 200: refTo(AdminAppointment, 'Declined.'), 404: NO_REQUEST, 409: `${NOT_PENDING} \`slot_unavailable\`: a proposed time is not open.` },
});

export const listOpenSlotsForOffice = operation({
  operationId: 'listOpenSlotsForOffice',
  method: 'GET',
  path: '/p/:practice/admin/slots',
  permission: 'office:read',
  clientMethod: null,
  summary: 'Open times for a service (to propose them)',
  description: 'The same open times clients see (notice and horizon included), for any active service.',
  tags: ['admin', 'booking'],
  params: PracticeParams,
  querystring: AdminSlotQuery,
  responses: { 200: refTo(SlotList) },
});
