// Fake office API answers for the console's component tests and stories (shapes as in the
// contract's office operations).
import { FakeTransport } from '../support/fake-transport.js';
import { lakesideInfo } from '../support/data.js';
import { OfficeApi } from '../../src/console/office-api.js';
import type { AdminAppointment, ClientDetail, InboxItem, OfficeFormAnswers, SignatureRecord, StaffSelf } from '../../src/console/office-types.js';

export const owner: StaffSelf = { id: 1, name: 'Lee Park', email: 'owner@lakeside.example', role: 'owner', clinicianId: null, language: 'en' };

export const request: AdminAppointment = {
  id: 41,
  status: 'requested',
  start: '2026-12-07T19:00:00.000Z',
  end: '2026-12-07T19:50:00.000Z',
  timeZone: 'America/Chicago',
  service: { id: 1, names: { en: 'Individual therapy', es: 'Terapia individual' }, kind: 'individual' },
  clinician: { id: 7, name: 'Dr. Ana Ruiz' },
  modality: 'telehealth',
  message: 'Mornings are best.',
  profile: { id: 3, displayName: 'Alex Morgan', kind: 'self' },
  rescheduleOfId: null,
};

export const inboxItems: InboxItem[] = [
  { kind: 'document_signed', at: '2026-12-04T17:10:00.000Z', profileId: 3, profileName: 'Alex Morgan', documentId: 2, signatureId: 9 },
  { kind: 'file_uploaded', at: '2026-12-04T16:00:00.000Z', profileId: 3, profileName: 'Alex Morgan', fileId: 5 },
  { kind: 'appointment_requested', at: '2026-12-04T15:00:00.000Z', profileId: 3, profileName: 'Alex Morgan', appointmentId: 41 },
];

export const clientDetail: ClientDetail = {
  client: {
    id: 3,
    displayName: 'Alex Morgan',
    kind: 'self',
    language: 'en',
    clinicianId: 7,
    accounts: [{ id: 11, email: 'alex@example.com', name: 'Alex Morgan', relationship: 'self' }],
    createdAt: '2026-11-01T12:00:00.000Z',
  },
  clinician: { id: 7, name: 'Dr. Ana Ruiz' },
  summary: { pendingRequests: 1, files: 1, formsSubmitted: 1, documentsSigned: 1, packet: 'completed', cardOnFile: true },
};

export const signature: SignatureRecord = {
  id: 9,
  documentId: 2,
  version: 1,
  title: 'Informed consent',
  textSha256: 'a'.repeat(64),
  language: 'en',
  signerName: 'Alex Morgan',
  relationship: null,
  signedAt: '2026-12-04T17:10:00.000Z',
  ip: '127.0.0.1',
  userAgent: 'Mozilla/5.0',
};

export const contactAnswers: OfficeFormAnswers = {
  documentId: 'contact',
  formVersion: 1,
  definition: {
    id: 'contact',
    version: 1,
    titleId: 'form.contact',
    fields: [
      { id: 'phone', kind: 'tel', labelId: 'contact.phone', required: true },
      { id: 'postalCode', kind: 'text', labelId: 'contact.postalCode', required: true },
    ],
  },
  answers: { phone: '+1 555 555 0100', postalCode: '60601' },
  submittedAt: '2026-12-04T16:30:00.000Z',
};

/** Every route the console's views read, answered as for the demo practice. */
export function fakeOffice(): FakeTransport {
  return new FakeTransport()
    .reply('GET /info', lakesideInfo)
    .reply('GET /admin/me', { kind: 'staff', staff: owner, permissions: ['office:read', 'office:write', 'office:webhooks', 'office:owner'] })
    .reply('POST /admin/auth/link', { status: 'sent', resendAfterSeconds: 60 })
    .reply('POST /admin/auth/link/preview', { maskedEmail: 'o•••@lakeside.example' })
    .reply('POST /admin/auth/link/redeem', {
      token: 'staff-session-token',
      staff: owner,
      session: { idleTimeoutSeconds: 900, idleExpiresAt: '2026-12-04T18:15:00.000Z', expiresAt: '2026-12-05T06:00:00.000Z' },
    })
    .reply('DELETE /admin/session', undefined)
    .reply('GET /admin/inbox', { items: inboxItems })
    .reply('GET /admin/appointment-requests', { timeZone: 'America/Chicago', requests: [request] })
    .reply('POST /admin/appointments/41/approve', { ...request, status: 'confirmed' })
    .reply('POST /admin/appointments/41/decline', { ...request, status: 'declined' })
    .reply('GET /admin/slots', {
      timeZone: 'America/Chicago',
      days: [
        {
          date: '2026-12-08',
          slots: [
            { start: '2026-12-08T15:00:00.000Z', end: '2026-12-08T15:50:00.000Z', clinicianIds: [7] },
            { start: '2026-12-08T16:00:00.000Z', end: '2026-12-08T16:50:00.000Z', clinicianIds: [7] },
          ],
        },
      ],
    })
    .reply('GET /admin/clients', { clients: [clientDetail.client] })
    .reply('POST /admin/clients', { profileId: 12, accountId: 20, welcomeSent: true })
    .reply('GET /admin/clients/3', clientDetail)
    .reply('GET /admin/clients/3/files', {
      files: [{ id: 5, name: 'referral.pdf', type: 'pdf', mediaType: 'application/pdf', sizeBytes: 48213, sha256: 'b'.repeat(64), uploadedAt: '2026-12-04T16:00:00.000Z', status: 'clean', uploadedBy: 11 }],
    })
    .reply('GET /admin/clients/3/files/5/content', new Blob(['%PDF-1.4'], { type: 'application/pdf' }))
    .reply('GET /admin/clients/3/forms', {
      forms: [
        { documentId: 'contact', titleId: 'form.contact', status: 'submitted', updatedAt: '2026-12-04T16:30:00.000Z', submittedAt: '2026-12-04T16:30:00.000Z' },
        { documentId: 'insurance', titleId: 'form.insurance', status: 'not_started', updatedAt: null, submittedAt: null },
      ],
    })
    .reply('GET /admin/clients/3/forms/contact', contactAnswers)
    .reply('GET /admin/clients/3/documents', { signatures: [signature] })
    .reply('GET /admin/clients/3/documents/9/pdf', new Blob(['%PDF-1.4'], { type: 'application/pdf' }))
    .reply('GET /admin/clients/3/card', { brand: 'visa', last4: '4242', expMonth: 4, expYear: 2030 })
    .reply('GET /admin/clinicians', {
      clinicians: [
        { id: 7, name: 'Dr. Ana Ruiz', email: 'ana.ruiz@lakeside.example', languages: ['en', 'es'], active: true, services: [1] },
        { id: 8, name: 'Sam Patel', email: 'sam.patel@lakeside.example', languages: ['en'], active: true, services: [1] },
      ],
    })
    .reply('GET /admin/clinicians/7/hours', {
      timeZone: 'America/Chicago',
      hours: [
        { weekday: 1, start: '09:00', end: '17:00' },
        { weekday: 3, start: '09:00', end: '13:00' },
      ],
    })
    .reply('PUT /admin/clinicians/7/hours', { timeZone: 'America/Chicago', hours: [{ weekday: 1, start: '08:00', end: '17:00' }] })
    .reply('GET /admin/clinicians/7/time-off', {
      timeOff: [{ id: 2, clinicianId: 7, start: '2026-12-24T06:00:00.000Z', end: '2026-12-26T06:00:00.000Z', createdAt: '2026-12-01T12:00:00.000Z' }],
    })
    .reply('POST /admin/clinicians/7/time-off', { id: 3, clinicianId: 7, start: '2026-12-31T06:00:00.000Z', end: '2027-01-01T06:00:00.000Z', createdAt: '2026-12-04T12:00:00.000Z' })
    .reply('GET /admin/staff', {
      staff: [owner, { id: 2, name: 'Lucía Fernández', email: 'recepcion@lakeside.example', role: 'office', clinicianId: null, language: 'es', notify: true, active: true }].map((m) => ({
        notify: true,
        active: true,
        ...m,
      })),
    })
    .reply('GET /admin/api-keys', {
      keys: [{ id: 1, name: 'EHR sync', prefix: 'cpk_AbCdEfGh', scopes: ['read'], createdAt: '2026-11-20T12:00:00.000Z', lastUsedAt: null, revokedAt: null }],
    })
    .reply('POST /admin/api-keys', {
      key: { id: 2, name: 'CRM', prefix: 'cpk_ZyXwVuTs', scopes: ['read', 'write'], createdAt: '2026-12-04T12:00:00.000Z', lastUsedAt: null, revokedAt: null },
      secret: 'cpk_ZyXwVuTsRqPoNmLkJiHgFeDcBa0123456789abcdef',
    })
    .reply('GET /admin/webhooks', {
      endpoints: [{ id: 4, url: 'https://ehr.example.com/hooks/portal', description: 'EHR', eventTypes: [], active: true, createdAt: 1764000000000 }],
    })
    .reply('GET /admin/webhooks/4/deliveries', {
      deliveries: [
        { id: 30, endpointId: 4, eventId: 'evt_1', type: 'file.uploaded', status: 'failed', attempts: 5, lastStatusCode: 500, lastError: 'HTTP 500', createdAt: 1764866400000 },
        { id: 31, endpointId: 4, eventId: 'evt_2', type: 'appointment.requested', status: 'delivered', attempts: 1, lastStatusCode: 200, lastError: null, createdAt: 1764867400000 },
      ],
    })
    .reply('POST /admin/webhooks/deliveries/30/redeliver', {});
}

export function officeApi(transport: FakeTransport = fakeOffice(), token: string | undefined = 'staff-session-token'): OfficeApi {
  return new OfficeApi({ endpoint: 'https://portal.example.test/p/lakeside', getToken: () => token, transport });
}
