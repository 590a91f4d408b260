import type { TaskStatus } from '@lit/task';
import type { Appointment, AppointmentList, BookingOptions, Modality, OpenSlot, Profile } from '../../contract/index.js';
import type { PortalClient } from '../../core/api/client.js';
import type { ListActions } from './appointment-list.js';
import type { GridModel } from './date-grid.js';
import type { FlowActions } from './request-steps.js';

/** The request flow's steps, in order; the ones already decided are skipped. */
export type Step = 'service' | 'clinician' | 'date' | 'time' | 'details' | 'review' | 'done';

export interface DraftService {
  id: number;
  names: Readonly<Record<string, string>>;
  modalities: readonly Modality[];
}

/** What the client has chosen so far. Held in memory only, never in storage or URLs. */
export interface Draft {
  service?: DraftService;
  /** Undefined: any available clinician. */
  clinician?: { id: number; name: string };
  day?: string;
  slot?: OpenSlot;
  modality?: Modality;
  message: string;
  /** A confirmed appointment being moved (reschedule) rather than a new request. */
  moving?: Appointment;
  /** Names the intent for the endpoint: a retried request with it creates nothing new. */
  key: string;
}

/** A load's progress as @lit/task reports it (a Task is one): what the views read of it. */
export interface Loaded<T> {
  readonly status: TaskStatus;
  readonly value?: T;
  readonly error?: unknown;
}

/** What the page's attributes and the shared session say the flow is for. */
export interface BookingInputs {
  readonly client: PortalClient | undefined;
  readonly profile: Profile | null;
  /** What to show: `appointments`, `request`, or `both`. */
  readonly view: 'appointments' | 'request' | 'both';
  /** A service to preselect, by id or slug, and a clinician, by id. */
  readonly service: string;
  readonly clinician: string;
  /** The IANA zone times are shown in. */
  readonly zone: string;
}

/** The request flow's and the list's own state. */
export interface BookingState {
  /** The request flow shows (over the list, when the page shows both). */
  readonly flowOpen: boolean;
  readonly step: Step;
  readonly draft: Draft;
  /** The flow's failure, already in the client's words. */
  readonly flowError?: string;
  /** After "that time was just taken": the next open times. */
  readonly nextTimes?: readonly OpenSlot[];
  /** The appointment whose cancel confirmation is open. */
  readonly confirming?: number;
  /** A failure tied to one appointment (e.g. inside the cancellation window). */
  readonly itemError?: { readonly id: number; readonly text: string };
  readonly announcement: string;
}

/** The flow as the element reads it. */
export interface BookingSnapshot extends BookingState, Omit<BookingInputs, 'client' | 'service' | 'clinician'> {
  readonly appointments: Loaded<AppointmentList | undefined>;
  readonly options: Loaded<BookingOptions | undefined>;
  /** Open times per day. */
  readonly slots: ReadonlyMap<string, readonly OpenSlot[]>;
  readonly grid: GridModel;
  readonly busy: boolean;
  /** Whether "Back" leads anywhere from this step. */
  readonly canBack: boolean;
  /** The request's steps in order, up to the review (empty once sent): where the client is, and what they chose. */
  readonly journey: readonly Step[];
}

/** Everything the views read. */
export interface BookingModel extends BookingSnapshot {
  readonly headingLevel: number;
}

/** What the client can do; the flow does it, with no DOM. */
export interface BookingFlowActions extends ListActions, Omit<FlowActions, 'gridKey'> {
  /** "Request an appointment". */
  open(): void;
  /** Load the appointments again (Try again). */
  reloadList(): void;
  /** Load the services again (Try again). */
  reloadOptions(): void;
}

/** What the views can ask for: the flow's actions, and the date grid's keys. */
export interface BookingActions extends BookingFlowActions, Pick<FlowActions, 'gridKey'> {}
