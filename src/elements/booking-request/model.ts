import type { Appointment, Modality, OpenSlot } from '../../contract/index.js';

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
