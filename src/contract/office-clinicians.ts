import { Type, type Static } from '@sinclair/typebox';
import { Id, Instant } from './documents/common.js';
import { PracticeParams } from './info.js';
import { PathId } from './office.js';
import { refTo } from './ref.js';

// The office API's side of availability (clinicians' weekly hours, time off, services) and the
// inbox of what is new. Open times for clients follow every change at once.

export const ClinicianParams = Type.Object(
  { ...PracticeParams.properties, clinicianId: PathId('A clinician of the practice (a clinician calling: themselves).') },
  { additionalProperties: false },
);
export type ClinicianParams = Static<typeof ClinicianParams>;

export const TimeOffParams = Type.Object(
  { ...ClinicianParams.properties, timeOffId: PathId('A time-off entry of this clinician.') },
  { additionalProperties: false },
);
export type TimeOffParams = Static<typeof TimeOffParams>;

export const OfficeClinician = Type.Object(
  {
    id: Id('The clinician.'),
    name: Type.String(),
    email: Type.String(),
    languages: Type.Array(Type.String()),
    active: Type.Boolean({ description: 'Inactive clinicians are offered to no client.' }),
    services: Type.Array(Id('A service the clinician offers.')),
  },
  { additionalProperties: false },
);
export type OfficeClinician = Static<typeof OfficeClinician>;

export const OfficeClinicianList = Type.Object(
  { clinicians: Type.Array(OfficeClinician, { description: 'In the practice’s order.' }) },
  { $id: 'OfficeClinicianList', additionalProperties: false },
);
export type OfficeClinicianList = Static<typeof OfficeClinicianList>;

const ClockTime = (description: string) => Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$', description });

export const WeeklyHoursBlock = Type.Object(
  {
    weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO 8601: 1 = Monday … 7 = Sunday.' }),
    start: ClockTime('`HH:MM` in the practice’s time zone.'),
    end: ClockTime('`HH:MM` (`24:00`: midnight at the end of the day); after `start`.'),
  },
  { additionalProperties: false },
);
export type WeeklyHoursBlock = Static<typeof WeeklyHoursBlock>;

export const WeeklyHoursWeek = Type.Object(
  {
    timeZone: Type.Optional(Type.String({ description: 'The practice’s zone the times are in (answers only).' })),
    hours: Type.Array(WeeklyHoursBlock, {
      maxItems: 100,
      description: 'The whole week (PUT replaces it); blocks of one day must not overlap. Sorted by day and start in answers.',
    }),
  },
  { $id: 'WeeklyHoursWeek', additionalProperties: false },
);
export type WeeklyHoursWeek = Static<typeof WeeklyHoursWeek>;

export const TimeOffRequest = Type.Object(
  {
    start: Instant,
    end: Type.String({ format: 'date-time', description: 'After `start`.' }),
    reason: Type.Optional(Type.String({ maxLength: 200, description: 'Accepted for compatibility; not stored (the reference server keeps times only).' })),
  },
  { $id: 'TimeOffRequest', additionalProperties: false },
);
export type TimeOffRequest = Static<typeof TimeOffRequest>;

export const TimeOffEntry = Type.Object(
  { id: Id('The time-off entry.'), clinicianId: Id('The clinician.'), start: Instant, end: Instant, createdAt: Instant },
  { $id: 'TimeOffEntry', additionalProperties: false },
);
export type TimeOffEntry = Static<typeof TimeOffEntry>;

export const TimeOffList = Type.Object(
  { timeOff: Type.Array(refTo(TimeOffEntry), { description: 'Entries that have not ended yet, soonest first.' }) },
  { $id: 'TimeOffList', additionalProperties: false },
);
export type TimeOffList = Static<typeof TimeOffList>;

export const ClinicianServices = Type.Object(
  { services: Type.Array(Id('A service of the practice.'), { maxItems: 100, uniqueItems: true, description: 'The services the clinician offers.' }) },
  { $id: 'ClinicianServices', additionalProperties: false },
);
export type ClinicianServices = Static<typeof ClinicianServices>;

export const InboxKind = Type.Union(
  [
    Type.Literal('appointment_requested'),
    Type.Literal('appointment_cancelled'),
    Type.Literal('file_uploaded'),
    Type.Literal('packet_completed'),
    Type.Literal('form_submitted'),
    Type.Literal('document_signed'),
  ],
  { description: 'What happened.' },
);
export type InboxKind = Static<typeof InboxKind>;

export const InboxItem = Type.Object(
  {
    kind: InboxKind,
    at: Instant,
    profileId: Id('The client.'),
    profileName: Type.String({ description: 'The client’s display name.' }),
    appointmentId: Type.Optional(Id('appointment_requested, appointment_cancelled.')),
    fileId: Type.Optional(Id('file_uploaded.')),
    formId: Type.Optional(Type.String({ description: 'form_submitted: the form (GET …/clients/{profileId}/forms/{formId}).' })),
    documentId: Type.Optional(Id('document_signed: the document.')),
    signatureId: Type.Optional(Id('document_signed.')),
  },
  { additionalProperties: false },
);
export type InboxItem = Static<typeof InboxItem>;

export const Inbox = Type.Object(
  { items: Type.Array(InboxItem, { description: 'Newest first, the caller’s clients only.' }) },
  { $id: 'Inbox', additionalProperties: false },
);
export type Inbox = Static<typeof Inbox>;

export const InboxQuery = Type.Object(
  {
    since: Type.Optional(Type.String({ format: 'date-time', description: 'Only what happened after this instant (default: the last 30 days).' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type InboxQuery = Static<typeof InboxQuery>;
