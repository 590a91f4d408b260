// The office API's answers as the console reads them: the subset of fields it shows. The
// contract (src/contract/operations/{staff,office,office-clinicians,booking,webhooks}.ts) is
// the truth; these are kept as plain interfaces so the console ships no TypeBox.
import type { AnswerValue, FormDefinition } from '../contract/documents/forms.js';

export type StaffRole = 'owner' | 'clinician' | 'office';

export interface StaffSelf {
  id: number;
  name: string;
  email: string;
  role: StaffRole;
  clinicianId: number | null;
  language: string;
}

export interface StaffSessionCreated {
  token: string;
  staff: StaffSelf;
  session: { idleTimeoutSeconds: number; idleExpiresAt: string; expiresAt: string };
}

export interface OfficeMe {
  kind: 'staff' | 'api_key' | 'dev_token';
  staff: StaffSelf | null;
  permissions: string[];
}

export interface LinkRequested {
  status: 'sent' | 'held';
  resendAfterSeconds: number;
}

export interface PracticeInfo {
  name: string;
  timeZone: string;
  phoneDisplay: string;
  languages: string[];
}

export type InboxKind =
  | 'appointment_requested'
  | 'appointment_cancelled'
  | 'file_uploaded'
  | 'packet_completed'
  | 'form_submitted'
  | 'document_signed';

export interface InboxItem {
  kind: InboxKind;
  at: string;
  profileId: number;
  profileName: string;
  appointmentId?: number;
  fileId?: number;
  formId?: string;
  documentId?: number;
  signatureId?: number;
}

export interface OfficeClient {
  id: number;
  displayName: string;
  kind: string;
  language: string;
  clinicianId: number | null;
  accounts: Array<{ id: number; email: string; name: string; relationship: string }>;
  createdAt: string;
}

export interface NewClient {
  name: string;
  email: string;
  language: string;
  clinicianId?: number;
  sendWelcome: boolean;
}

export interface ClientCreated {
  profileId: number;
  accountId: number;
  welcomeSent: boolean;
}

export interface ClientDetail {
  client: OfficeClient;
  clinician: { id: number; name: string } | null;
  summary: {
    pendingRequests: number;
    files: number;
    formsSubmitted: number;
    documentsSigned: number;
    packet: 'none' | 'pending' | 'in_progress' | 'completed';
    cardOnFile: boolean;
  };
}

export interface OfficeFile {
  id: number;
  name: string;
  type: string;
  sizeBytes: number;
  status: string;
  uploadedAt: string;
}

export interface OfficeFormItem {
  documentId: string;
  titleId: string;
  status: 'not_started' | 'draft' | 'submitted';
  updatedAt: string | null;
  submittedAt: string | null;
}

export interface OfficeFormAnswers {
  documentId: string;
  formVersion: number;
  definition: FormDefinition;
  answers: Record<string, AnswerValue>;
  submittedAt: string;
}

export interface SignatureRecord {
  id: number;
  documentId: number;
  version: number;
  title: string;
  textSha256: string;
  language: string;
  signerName: string;
  relationship: string | null;
  signedAt: string;
  ip: string;
  userAgent: string;
}

export interface CardOnFile {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

export interface AdminAppointment {
  id: number;
  status: string;
  start: string;
  end: string;
  timeZone: string;
  service: { id: number; names: Record<string, string>; kind: string };
  clinician: { id: number; name: string };
  modality: string;
  message: string | null;
  profile: { id: number; displayName: string; kind: string };
  rescheduleOfId: number | null;
}

export interface PendingRequestList {
  timeZone: string;
  requests: AdminAppointment[];
}

export interface SlotList {
  timeZone: string;
  days: Array<{ date: string; slots: Array<{ start: string; end: string; clinicianIds: number[] }> }>;
}

export interface OfficeClinician {
  id: number;
  name: string;
  email: string;
  languages: string[];
  active: boolean;
  services: number[];
}

export interface HoursBlock {
  weekday: number;
  start: string;
  end: string;
}

export interface WeeklyHours {
  timeZone?: string;
  hours: HoursBlock[];
}

export interface TimeOffEntry {
  id: number;
  clinicianId: number;
  start: string;
  end: string;
}

export interface StaffMember {
  id: number;
  name: string;
  email: string;
  role: StaffRole;
  clinicianId: number | null;
  language: string;
  notify: boolean;
  active: boolean;
}

export interface NewStaffMember {
  name: string;
  email: string;
  role: StaffRole;
  clinicianId?: number;
  language: string;
}

export type ApiKeyScope = 'read' | 'write' | 'webhooks';

export interface ApiKeySummary {
  id: number;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  revokedAt: string | null;
}

export interface ApiKeyCreated {
  key: ApiKeySummary;
  secret: string;
}

export interface WebhookEndpoint {
  id: number;
  url: string;
  description: string;
  eventTypes: string[];
  active: boolean;
}

export interface WebhookEndpointWithSecret {
  endpoint: WebhookEndpoint;
  secret: string;
}

export interface WebhookDelivery {
  id: number;
  eventId: string;
  type: string;
  status: 'queued' | 'sending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  createdAt: number | string;
}
