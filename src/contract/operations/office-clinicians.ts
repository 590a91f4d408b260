import { PracticeParams } from '../info.js';
import {
  ClinicianParams,
  ClinicianServices,
  Inbox,
  InboxQuery,
  OfficeClinicianList,
  TimeOffEntry,
  TimeOffList,
  TimeOffParams,
  TimeOffRequest,
  WeeklyHoursWeek,
} from '../office-clinicians.js';
import { operation } from '../operation.js';
import { refTo } from '../ref.js';

// The office API's availability (per clinician: weekly hours, time off, services; clients' open
// times follow at once) and its inbox. A clinician changes only their own availability.

const TAGS = ['admin', 'booking'] as const;
const NOT_YOURS = '`not_found`: no such clinician of the practice, or another clinician’s (a clinician may change only their own).';

export const listOfficeClinicians = operation({
  operationId: 'listOfficeClinicians',
  method: 'GET',
  path: '/p/:practice/admin/clinicians',
  permission: 'office:read',
  clientMethod: null,
  summary: 'The practice’s clinicians with the services they offer',
  tags: TAGS,
  params: PracticeParams,
  responses: { 200: refTo(OfficeClinicianList) },
});

export const getClinicianHours = operation({
  operationId: 'getClinicianHours',
  method: 'GET',
  path: '/p/:practice/admin/clinicians/:clinicianId/hours',
  permission: 'office:read',
  clientMethod: null,
  summary: 'A clinician’s weekly hours',
  tags: TAGS,
  params: ClinicianParams,
  responses: { 200: refTo(WeeklyHoursWeek), 404: NOT_YOURS },
});

export const replaceClinicianHours = operation({
  operationId: 'replaceClinicianHours',
  method: 'PUT',
  path: '/p/:practice/admin/clinicians/:clinicianId/hours',
  permission: 'office:write',
  clientMethod: null,
  summary: 'Replace a clinician’s weekly hours',
  description: 'The whole week at once, in the practice’s time zone. Open times follow at once (requests already made are kept).',
  tags: TAGS,
  params: ClinicianParams,
  body: refTo(WeeklyHoursWeek),
  responses: {
    200: refTo(WeeklyHoursWeek),
    400: '`validation`: `fields` names each bad block: `hours.N.end` (not after its start), `hours.N.start` (overlaps an earlier block of the day).',
    404: NOT_YOURS,
  },
});

export const listClinicianTimeOff = operation({
  operationId: 'listClinicianTimeOff',
  method: 'GET',
  path: '/p/:practice/admin/clinicians/:clinicianId/time-off',
  permission: 'office:read',
  clientMethod: null,
  summary: 'A clinician’s time off (not yet over)',
  tags: TAGS,
  params: ClinicianParams,
  responses: { 200: refTo(TimeOffList), 404: NOT_YOURS },
});

export const addClinicianTimeOff = operation({
  operationId: 'addClinicianTimeOff',
  method: 'POST',
  path: '/p/:practice/admin/clinicians/:clinicianId/time-off',
  permission: 'office:write',
  clientMethod: null,
  summary: 'Add time off',
  description: 'No open times are offered in it from now on; appointments already in it stay (the office decides about them).',
  tags: TAGS,
  params: ClinicianParams,
  body: refTo(TimeOffRequest),
  responses: { 201: refTo(TimeOffEntry), 400: '`validation`: `fields.end` when it is not after `start`.', 404: NOT_YOURS },
});

export const deleteClinicianTimeOff = operation({
  operationId: 'deleteClinicianTimeOff',
  method: 'DELETE',
  path: '/p/:practice/admin/clinicians/:clinicianId/time-off/:timeOffId',
  permission: 'office:write',
  clientMethod: null,
  summary: 'Remove time off',
  tags: TAGS,
  params: TimeOffParams,
  responses: { 204: { description: 'Removed.', type: 'null' }, 404: `${NOT_YOURS} Or no such time off.` },
});

export const getClinicianServices = operation({
  operationId: 'getClinicianServices',
  method: 'GET',
  path: '/p/:practice/admin/clinicians/:clinicianId/services',
  permission: 'office:read',
  clientMethod: null,
  summary: 'The services a clinician offers',
  tags: TAGS,
  params: ClinicianParams,
  responses: { 200: refTo(ClinicianServices), 404: NOT_YOURS },
});

export const replaceClinicianServices = operation({
  operationId: 'replaceClinicianServices',
  method: 'PUT',
  path: '/p/:practice/admin/clinicians/:clinicianId/services',
  permission: 'office:write',
  clientMethod: null,
  summary: 'Set the services a clinician offers',
  tags: TAGS,
  params: ClinicianParams,
  body: refTo(ClinicianServices),
  responses: { 200: refTo(ClinicianServices), 400: '`validation`: `fields.services.N` is not an active service of the practice.', 404: NOT_YOURS },
});

export const getOfficeInbox = operation({
  operationId: 'getOfficeInbox',
  method: 'GET',
  path: '/p/:practice/admin/inbox',
  permission: 'office:read',
  clientMethod: null,
  summary: 'What is new from clients',
  description:
    'Requests waiting for an answer, cancellations and withdrawals, uploads, submitted forms, signed documents and completed ' +
    'packets after `since` (default: 30 days), newest first, the caller’s clients only. Ids and the client’s name only.',
  tags: ['admin', 'phi'],
  params: PracticeParams,
  querystring: InboxQuery,
  responses: { 200: refTo(Inbox) },
});
