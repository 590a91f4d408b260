import { Type, type Static } from '@sinclair/typebox';
import { PracticeParams } from './info.js';
import { ProfileParams } from './profiles.js';
import { refTo } from './ref.js';

export { BOOKING_ERROR_CODES, type BookingErrorCode } from './constants.js';

const Id = Type.Integer({ minimum: 1 });
const Instant = Type.String({
  format: 'date-time',
  description:
    'An instant, ISO 8601 (answers always in UTC with `Z`; requests may carry any offset). The browser formats it with Intl.DateTimeFormat in whatever zone it shows.',
});
const LocalDate = Type.String({ format: 'date', description: 'A calendar date, YYYY-MM-DD.' });
const ZoneName = Type.String({ minLength: 1, maxLength: 64, description: 'An IANA time zone, e.g. America/Chicago.' });
const PerLanguage = Type.Record(Type.String(), Type.String(), { description: 'Text per language, e.g. { "en": "…", "es": "…" }.' });
const ClientMessage = Type.String({ maxLength: 1000, description: 'An optional note to the clinician (up to 1000 characters).' });

export const Modality = Type.Union([Type.Literal('telehealth'), Type.Literal('in_person')]);
export type Modality = Static<typeof Modality>;

export const ServiceKind = Type.Union([Type.Literal('intake'), Type.Literal('individual'), Type.Literal('couple')]);
export type ServiceKind = Static<typeof ServiceKind>;

/**
 * An appointment's state (R43, with "approved" named `confirmed`). Allowed transitions only:
 * requested → confirmed | declined | cancelled; confirmed → cancelled | reschedule_requested;
 * reschedule_requested → confirmed (the new time was declined, withdrawn or expired) |
 * cancelled (the new time was approved, or the client cancelled).
 */
export const AppointmentStatus = Type.Union(
  [
    Type.Literal('requested'),
    Type.Literal('confirmed'),
    Type.Literal('declined'),
    Type.Literal('cancelled'),
    Type.Literal('reschedule_requested'),
  ],
  { description: 'requested: waiting for approval (it holds its time). reschedule_requested: confirmed, and a move to another time waits for approval.' },
);
export type AppointmentStatus = Static<typeof AppointmentStatus>;

export const AppointmentStatusReason = Type.Union(
  [Type.Literal('client'), Type.Literal('practice'), Type.Literal('expired'), Type.Literal('rescheduled'), Type.Null()],
  {
    description:
      'Why a declined or cancelled appointment is so: `client` (cancelled or withdrawn online), `practice` (declined by the clinician), ' +
      '`expired` (no answer within the practice’s request expiry), `rescheduled` (replaced by the approved new time). Null otherwise.',
  },
);
export type AppointmentStatusReason = Static<typeof AppointmentStatusReason>;

export const ProposedTime = Type.Object(
  {
    start: Instant,
    end: Instant,
    available: Type.Boolean({ description: 'Whether it is still open now; request it like any open time.' }),
  },
  { $id: 'ProposedTime', additionalProperties: false },
);
export type ProposedTime = Static<typeof ProposedTime>;

const appointmentFields = {
  id: Id,
  status: AppointmentStatus,
  statusReason: AppointmentStatusReason,
  start: Instant,
  end: Instant,
  timeZone: ZoneName,
  service: Type.Object({ id: Id, names: PerLanguage, kind: ServiceKind }, { additionalProperties: false }),
  clinician: Type.Object({ id: Id, name: Type.String() }, { additionalProperties: false }),
  modality: Modality,
  message: Type.Union([Type.String(), Type.Null()], { description: 'The note sent with the request.' }),
  requestedAt: Instant,
  expiresAt: Type.Union([Instant, Type.Null()], { description: 'While requested: when the request lapses unanswered.' }),
  cancellable: Type.Boolean({ description: 'Whether `cancel` is allowed now (a request can always be withdrawn; a confirmed appointment until the cancellation window).' }),
  reschedulable: Type.Boolean({ description: 'Whether `reschedule` is allowed now.' }),
  cancellableUntil: Type.Union([Instant, Type.Null()], {
    description: 'For a confirmed appointment: the last moment to cancel or reschedule online (start − cancellation window). Later, the office must be called.',
  }),
  rescheduleOfId: Type.Union([Id, Type.Null()], { description: 'On a reschedule request: the confirmed appointment it would replace.' }),
  rescheduleRequestId: Type.Union([Id, Type.Null()], { description: 'On a reschedule_requested appointment: the pending request for its new time.' }),
  declineNote: Type.Union([Type.String(), Type.Null()], { description: 'The clinician’s note when declining.' }),
  proposals: Type.Array(refTo(ProposedTime), {
    maxItems: 3,
    description: 'Times the clinician proposed when declining (same clinician and service). Request one with createAppointmentRequest, or with rescheduleAppointment of `rescheduleOfId` when set.',
  }),
};

export const Appointment = Type.Object(appointmentFields, { $id: 'Appointment', additionalProperties: false });
export type Appointment = Static<typeof Appointment>;

export const AppointmentList = Type.Object(
  {
    timeZone: ZoneName,
    cancellationWindowHours: Type.Integer({ minimum: 0 }),
    requestExpiryHours: Type.Integer({ minimum: 1 }),
    phone: Type.String({ description: 'The office phone (E.164), for “call us to cancel”.' }),
    phoneDisplay: Type.String(),
    upcoming: Type.Array(refTo(Appointment), { description: 'Ending after now, soonest first (any status; a time replaced by a reschedule is left out).' }),
    past: Type.Array(refTo(Appointment), { description: 'Ended, most recent first, at most 50.' }),
  },
  { $id: 'AppointmentList', additionalProperties: false },
);
export type AppointmentList = Static<typeof AppointmentList>;

export const BookingService = Type.Object(
  {
    id: Id,
    slug: Type.String(),
    names: PerLanguage,
    kind: ServiceKind,
    durationMinutes: Type.Integer({ minimum: 1 }),
    modalities: Type.Array(Modality, { minItems: 1 }),
    clinicianIds: Type.Array(Id, { description: 'Who offers it, in the practice’s order.' }),
  },
  { $id: 'BookingService', additionalProperties: false },
);
export type BookingService = Static<typeof BookingService>;

export const BookingClinician = Type.Object(
  { id: Id, name: Type.String(), languages: Type.Array(Type.String()), bio: PerLanguage },
  { $id: 'BookingClinician', additionalProperties: false },
);
export type BookingClinician = Static<typeof BookingClinician>;

export const BookingOptions = Type.Object(
  {
    timeZone: ZoneName,
    services: Type.Array(refTo(BookingService), { description: 'The services this profile can request (e.g. couples therapy for a couple profile).' }),
    clinicians: Type.Array(refTo(BookingClinician), { description: 'Every clinician offering one of them.' }),
  },
  { $id: 'BookingOptions', additionalProperties: false },
);
export type BookingOptions = Static<typeof BookingOptions>;

export const SlotQuery = Type.Object(
  {
    service: Id,
    clinician: Type.Optional(Type.Integer({ minimum: 1, description: 'Omit for “any available”: each time then lists who is free.' })),
    from: Type.Optional(Type.String({ format: 'date', description: 'First day (in `timeZone`). Default: today.' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'Last day, inclusive, at most 92 days after `from`. Default: `from` + 27 days.' })),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'The IANA zone whose days group the times (the client’s). Default: the practice’s.' })),
  },
  { additionalProperties: false },
);
export type SlotQuery = Static<typeof SlotQuery>;

export const OpenSlot = Type.Object(
  { start: Instant, end: Instant, clinicianIds: Type.Array(Id, { minItems: 1, description: 'Who is free then, in the practice’s order.' }) },
  { $id: 'OpenSlot', additionalProperties: false },
);
export type OpenSlot = Static<typeof OpenSlot>;

export const OpenDay = Type.Object(
  { date: LocalDate, slots: Type.Array(refTo(OpenSlot), { minItems: 1 }) },
  { $id: 'OpenDay', additionalProperties: false },
);
export type OpenDay = Static<typeof OpenDay>;

export const SlotList = Type.Object(
  {
    timeZone: ZoneName,
    displayTimeZone: Type.String({ description: 'The zone whose calendar days `days` and `from`/`to` are in.' }),
    from: LocalDate,
    to: LocalDate,
    serviceId: Id,
    days: Type.Array(refTo(OpenDay), { description: 'Only days with at least one open time, in order.' }),
  },
  { $id: 'SlotList', additionalProperties: false },
);
export type SlotList = Static<typeof SlotList>;

export const AppointmentRequest = Type.Object(
  {
    serviceId: Id,
    clinicianId: Type.Optional(Type.Integer({ minimum: 1, description: 'Omit for any clinician free at `start` who offers the service.' })),
    start: Instant,
    modality: Type.Optional(Type.Union([Type.Literal('telehealth'), Type.Literal('in_person')], { description: 'Default: the service’s first.' })),
    message: Type.Optional(ClientMessage),
  },
  { $id: 'AppointmentRequest', additionalProperties: false },
);
export type AppointmentRequest = Static<typeof AppointmentRequest>;

export const RescheduleRequest = Type.Object(
  { start: Instant, message: Type.Optional(ClientMessage) },
  { $id: 'RescheduleRequest', additionalProperties: false, description: 'A new time with the same clinician and service.' },
);
export type RescheduleRequest = Static<typeof RescheduleRequest>;

export const RescheduleResult = Type.Object(
  {
    request: refTo(Appointment, 'The new request (requested, `rescheduleOfId` set).'),
    original: refTo(Appointment, 'The original appointment (reschedule_requested).'),
  },
  { $id: 'RescheduleResult', additionalProperties: false, description: 'The new request and the original, now reschedule_requested (it keeps its time until approval).' },
);
export type RescheduleResult = Static<typeof RescheduleResult>;

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      pattern: '^[\\x21-\\x7e]+$',
      description: 'Any unique string (e.g. a UUID) per intended request. A retry with the same key and body answers what the first call answered (`Idempotent-Replayed: true`) and creates nothing; the same key with another body is 422. Keys are kept 24 hours.',
    }),
  ),
});
export type IdempotencyHeaders = Static<typeof IdempotencyHeaders>;

export const AppointmentParams = Type.Object(
  {
    ...ProfileParams.properties,
    appointmentId: Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'An appointment of this profile.' }),
  },
  { additionalProperties: false },
);
export type AppointmentParams = Static<typeof AppointmentParams>;

// ---------------------------------------------------------------------------------------
// Admin side (the clinician console; admin token)
// ---------------------------------------------------------------------------------------

export const AdminAppointment = Type.Object(
  {
    ...appointmentFields,
    profile: Type.Object({ id: Id, displayName: Type.String(), kind: Type.String() }, { additionalProperties: false }),
    requestedByAccountId: Id,
  },
  { $id: 'AdminAppointment', additionalProperties: false },
);
export type AdminAppointment = Static<typeof AdminAppointment>;

export const PendingRequestList = Type.Object(
  { timeZone: ZoneName, requests: Type.Array(refTo(AdminAppointment), { description: 'Waiting for approval, soonest start first.' }) },
  { $id: 'PendingRequestList', additionalProperties: false },
);
export type PendingRequestList = Static<typeof PendingRequestList>;

export const PendingRequestQuery = Type.Object(
  { clinician: Type.Optional(Type.Integer({ minimum: 1, description: 'Only this clinician’s requests.' })) },
  { additionalProperties: false },
);
export type PendingRequestQuery = Static<typeof PendingRequestQuery>;

export const AdminSlotQuery = Type.Object(
  {
    service: Id,
    clinician: Type.Optional(Type.Integer({ minimum: 1 })),
    from: Type.Optional(Type.String({ format: 'date' })),
    to: Type.Optional(Type.String({ format: 'date' })),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type AdminSlotQuery = Static<typeof AdminSlotQuery>;

export const DeclineRequest = Type.Object(
  {
    note: Type.Optional(Type.String({ maxLength: 1000, description: 'Shown to the client in the portal (not emailed).' })),
    proposedStarts: Type.Optional(
      Type.Array(Instant, { maxItems: 3, uniqueItems: true, description: 'Up to three other open times with the same clinician and service.' }),
    ),
  },
  { $id: 'DeclineRequest', additionalProperties: false },
);
export type DeclineRequest = Static<typeof DeclineRequest>;

export const AdminAppointmentParams = Type.Object(
  {
    ...PracticeParams.properties,
    appointmentId: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }),
  },
  { additionalProperties: false },
);
export type AdminAppointmentParams = Static<typeof AdminAppointmentParams>;
