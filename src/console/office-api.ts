// The console's one seam to the office API (`{endpoint}/admin/…`, bearer = the staff session
// token). Views never call fetch: they call these methods. The transport is the widgets' own
// (errors mapped to the closed set of codes, retries for safe GETs, no referrer, no cache).
import { createFetchTransport, type PortalRequest, type Transport } from '../core/api/transport.js';
import { toPortalApiError, type PortalApiError } from '../core/api/errors.js';
import type {
  AdminAppointment,
  ApiKeyCreated,
  ApiKeyScope,
  ApiKeySummary,
  CardOnFile,
  ClientCreated,
  ClientDetail,
  HoursBlock,
  InboxItem,
  LinkRequested,
  NewClient,
  NewStaffMember,
  OfficeClient,
  OfficeClinician,
  OfficeFile,
  OfficeFormAnswers,
  OfficeFormItem,
  OfficeMe,
  PendingRequestList,
  PracticeInfo,
  SignatureRecord,
  SlotList,
  StaffMember,
  StaffSessionCreated,
  TimeOffEntry,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WeeklyHours,
} from './office-types.js';

export interface OfficeApiOptions {
  /** The practice's endpoint URL, e.g. http://localhost:8081/p/lakeside. */
  endpoint: string;
  getToken: () => string | undefined;
  getLocale?: () => string;
  /** A request with the session was refused (signed out elsewhere, idle timeout). */
  onUnauthorized?: (error: PortalApiError) => void;
  /** Tests and stories: a fake transport instead of fetch. */
  transport?: Transport;
}

const id = (value: number | string) => encodeURIComponent(String(value));

export class OfficeApi {
  readonly #transport: Transport;
  readonly #options: OfficeApiOptions;

  constructor(options: OfficeApiOptions) {
    this.#options = options;
    this.#transport =
      options.transport ??
      createFetchTransport({
        baseUrl: options.endpoint,
        getToken: options.getToken,
        getLocale: options.getLocale,
      });
  }

  async #send<T>(request: PortalRequest): Promise<T> {
    const signedIn = Boolean(this.#options.getToken());
    try {
      return await this.#transport.send<T>(request);
    } catch (error) {
      // A session refused (ended elsewhere, idle timeout): the shell goes back to sign-in.
      const refused = toPortalApiError(error);
      if (signedIn && (refused.code === 'unauthorized' || refused.code === 'session_expired')) this.#options.onUnauthorized?.(refused);
      throw error;
    }
  }

  #get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.#send<T>({ method: 'GET', path, signal });
  }

  // --- sign-in -------------------------------------------------------------------------------
  info = (signal?: AbortSignal) => this.#get<PracticeInfo>('/info', signal);
  requestLink = (email: string, language: string) =>
    this.#send<LinkRequested>({ method: 'POST', path: '/admin/auth/link', body: { email, language } });
  previewLink = (token: string) => this.#send<{ maskedEmail: string }>({ method: 'POST', path: '/admin/auth/link/preview', body: { token } });
  redeemLink = (token: string) => this.#send<StaffSessionCreated>({ method: 'POST', path: '/admin/auth/link/redeem', body: { token } });
  signOut = () => this.#send<void>({ method: 'DELETE', path: '/admin/session' });
  me = (signal?: AbortSignal) => this.#get<OfficeMe>('/admin/me', signal);

  // --- inbox and requests ----------------------------------------------------------------------
  inbox = async (signal?: AbortSignal) => (await this.#get<{ items: InboxItem[] }>('/admin/inbox', signal)).items;
  pendingRequests = (signal?: AbortSignal) => this.#get<PendingRequestList>('/admin/appointment-requests', signal);
  approve = (appointmentId: number) =>
    this.#send<AdminAppointment>({ method: 'POST', path: `/admin/appointments/${id(appointmentId)}/approve` });
  decline = (appointmentId: number, body: { note?: string; proposedStarts?: string[] }) =>
    this.#send<AdminAppointment>({ method: 'POST', path: `/admin/appointments/${id(appointmentId)}/decline`, body });
  openSlots = (serviceId: number, clinicianId: number, signal?: AbortSignal) =>
    this.#get<SlotList>(`/admin/slots?service=${id(serviceId)}&clinician=${id(clinicianId)}`, signal);

  // --- clients ---------------------------------------------------------------------------------
  clients = async (q?: string, signal?: AbortSignal) =>
    (await this.#get<{ clients: OfficeClient[] }>(`/admin/clients${q ? `?q=${encodeURIComponent(q)}` : ''}`, signal)).clients;
  addClient = (body: NewClient) => this.#send<ClientCreated>({ method: 'POST', path: '/admin/clients', body });
  client = (profileId: number, signal?: AbortSignal) => this.#get<ClientDetail>(`/admin/clients/${id(profileId)}`, signal);
  clientFiles = async (profileId: number, signal?: AbortSignal) =>
    (await this.#get<{ files: OfficeFile[] }>(`/admin/clients/${id(profileId)}/files`, signal)).files;
  clientForms = async (profileId: number, signal?: AbortSignal) =>
    (await this.#get<{ forms: OfficeFormItem[] }>(`/admin/clients/${id(profileId)}/forms`, signal)).forms;
  clientForm = (profileId: number, documentId: string, signal?: AbortSignal) =>
    this.#get<OfficeFormAnswers>(`/admin/clients/${id(profileId)}/forms/${id(documentId)}`, signal);
  clientSignatures = async (profileId: number, signal?: AbortSignal) =>
    (await this.#get<{ signatures: SignatureRecord[] }>(`/admin/clients/${id(profileId)}/documents`, signal)).signatures;
  clientCard = (profileId: number, signal?: AbortSignal) => this.#get<CardOnFile>(`/admin/clients/${id(profileId)}/card`, signal);
  /** The bytes, fetched with the bearer header: the token never goes into a URL. */
  fileContent = (profileId: number, fileId: number) =>
    this.#send<Blob>({ method: 'GET', path: `/admin/clients/${id(profileId)}/files/${id(fileId)}/content`, responseType: 'blob', timeoutMs: 120_000 });
  signedPdf = (profileId: number, signatureId: number) =>
    this.#send<Blob>({ method: 'GET', path: `/admin/clients/${id(profileId)}/documents/${id(signatureId)}/pdf`, responseType: 'blob', timeoutMs: 60_000 });

  // --- clinicians' availability ----------------------------------------------------------------
  clinicians = async (signal?: AbortSignal) => (await this.#get<{ clinicians: OfficeClinician[] }>('/admin/clinicians', signal)).clinicians;
  hours = (clinicianId: number, signal?: AbortSignal) => this.#get<WeeklyHours>(`/admin/clinicians/${id(clinicianId)}/hours`, signal);
  saveHours = (clinicianId: number, hours: HoursBlock[]) =>
    this.#send<WeeklyHours>({ method: 'PUT', path: `/admin/clinicians/${id(clinicianId)}/hours`, body: { hours } });
  timeOff = async (clinicianId: number, signal?: AbortSignal) =>
    (await this.#get<{ timeOff: TimeOffEntry[] }>(`/admin/clinicians/${id(clinicianId)}/time-off`, signal)).timeOff;
  addTimeOff = (clinicianId: number, start: string, end: string) =>
    this.#send<TimeOffEntry>({ method: 'POST', path: `/admin/clinicians/${id(clinicianId)}/time-off`, body: { start, end } });
  removeTimeOff = (clinicianId: number, timeOffId: number) =>
    this.#send<void>({ method: 'DELETE', path: `/admin/clinicians/${id(clinicianId)}/time-off/${id(timeOffId)}` });

  // --- owners: staff, API keys, webhooks -------------------------------------------------------
  staff = async (signal?: AbortSignal) => (await this.#get<{ staff: StaffMember[] }>('/admin/staff', signal)).staff;
  addStaff = (body: NewStaffMember) => this.#send<{ staff: StaffMember }>({ method: 'POST', path: '/admin/staff', body });
  updateStaff = (staffId: number, body: Partial<Pick<StaffMember, 'active' | 'role' | 'notify'>>) =>
    this.#send<StaffMember>({ method: 'PATCH', path: `/admin/staff/${id(staffId)}`, body });
  apiKeys = async (signal?: AbortSignal) => (await this.#get<{ keys: ApiKeySummary[] }>('/admin/api-keys', signal)).keys;
  createApiKey = (name: string, scopes: ApiKeyScope[]) =>
    this.#send<ApiKeyCreated>({ method: 'POST', path: '/admin/api-keys', body: { name, scopes } });
  revokeApiKey = (keyId: number) => this.#send<void>({ method: 'DELETE', path: `/admin/api-keys/${id(keyId)}` });
  webhooks = async (signal?: AbortSignal) => (await this.#get<{ endpoints: WebhookEndpoint[] }>('/admin/webhooks', signal)).endpoints;
  addWebhook = (url: string, description: string) =>
    this.#send<WebhookEndpointWithSecret>({ method: 'POST', path: '/admin/webhooks', body: { url, description } });
  setWebhookActive = (endpointId: number, active: boolean) =>
    this.#send<WebhookEndpoint>({ method: 'PATCH', path: `/admin/webhooks/${id(endpointId)}`, body: { active } });
  removeWebhook = (endpointId: number) => this.#send<void>({ method: 'DELETE', path: `/admin/webhooks/${id(endpointId)}` });
  deliveries = async (endpointId: number, signal?: AbortSignal) =>
    (await this.#get<{ deliveries: WebhookDelivery[] }>(`/admin/webhooks/${id(endpointId)}/deliveries`, signal)).deliveries;
  redeliver = (deliveryId: number) => this.#send<unknown>({ method: 'POST', path: `/admin/webhooks/deliveries/${id(deliveryId)}/redeliver` });
}
