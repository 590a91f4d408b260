import type { Packet, Profile } from '../../contract/index.js';
import type { PortalClient } from '../../core/api/client.js';
import { sanitizeHtml } from '../../core/sanitized-html/sanitize.js';
import type { SignerState } from './view-model.js';
import { signatureForm } from './signature-form.js';

/** What a loaded view changes in the flow's state. */
export type StepPatch = Partial<SignerState>;

/** Whom, in which language, and with which signal (a newer load aborts this one) a load is for. */
export interface LoadContext {
  readonly client: PortalClient;
  readonly profile: Profile;
  readonly language: string;
  readonly signal: AbortSignal;
}

/** A load that failed, with the request that failed: the `operation` of `portal-error`. */
export class LoadFailure extends Error {
  constructor(
    readonly operation: string,
    cause: unknown,
  ) {
    super(operation, { cause });
  }
}

/** Runs `work`; its failure is reported as `operation` (unless an inner load named its own). */
async function named<T>(operation: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (cause) {
    throw cause instanceof LoadFailure ? cause : new LoadFailure(operation, cause);
  }
}

/**
 * The packet, and where the client stands in it: back at step `resume` after a language
 * switch; at the first step not done when they started before (as a reload should); else the
 * welcome, or "All done" when every step is.
 */
export function loadPacket(context: LoadContext, resume?: number): Promise<StepPatch> {
  const { client, profile, language, signal } = context;
  return named('getPacket', async () => {
    const packet = await client.getPacket(profile.id, language, { signal });
    const next = packet.items.findIndex((item) => item.status !== 'completed');
    const started = next >= 0 && packet.items.some((item) => item.status !== 'pending');
    const index = resume ?? (started ? next : undefined);
    if (index !== undefined && packet.items[index]) return { packet, index, ...(await loadStep(context, packet, index)) };
    const fragment = packet.welcomeHtml ? await sanitizeHtml(packet.welcomeHtml) : undefined;
    return { packet, fragment, view: packet.items.length && packet.completed ? 'done' : 'welcome' };
  });
}

/**
 * What step `index` shows: the consent to sign electronically before the first document,
 * a document's text, an intake form with its draft, or the payment card.
 */
export function loadStep({ client, profile, language, signal }: LoadContext, packet: Packet, index: number): Promise<StepPatch> {
  const item = packet.items[index];
  const { id, relationship } = profile;
  if (item.kind === 'document' && !packet.esignConsent.accepted) {
    return named('getEsignConsent', async () => {
      const consent = await client.getEsignConsent(id, language, { signal });
      return { consent, sig: signatureForm(true, false), fragment: await sanitizeHtml(consent.html), view: 'consent' };
    });
  }
  if (item.kind === 'document') {
    return named('getDocument', async () => {
      const doc = await client.getDocument(id, item.documentId, language, { signal });
      return { doc, sig: signatureForm(false, relationship === 'guardian'), fragment: await sanitizeHtml(doc.html), view: 'document' };
    });
  }
  if (item.kind === 'form') {
    return named('getForm', async () => {
      const { definition, draft, submitted } = await client.getForm(id, item.formId, { signal });
      const answers = draft?.answers ?? submitted?.answers ?? {};
      return { form: { definition, fields: definition.fields, answers, errors: {}, showSummary: false, saved: 'idle' }, view: 'form' };
    });
  }
  return named('getPaymentCard', async () => {
    const card = await client.getPaymentCard(id, { signal });
    return { card, cardToken: undefined, cardErrorCode: undefined, replacingCard: false, view: 'card' };
  });
}

/** The Documents tab: the profile's signed documents. */
export function loadDocuments({ client, profile, signal }: LoadContext): Promise<StepPatch> {
  return named('listSignedDocuments', async () => {
    const list = await client.listSignedDocuments(profile.id, { signal });
    return { list, view: 'documents', fragment: undefined };
  });
}

/** One signed copy: the exact text signed and its signature block. */
export function loadCopy({ client, profile, signal }: LoadContext, signatureId: number): Promise<StepPatch> {
  return named('getSignedCopy', async () => {
    const copy = await client.getSignedCopy(profile.id, signatureId, { signal });
    return { copy, fragment: await sanitizeHtml(copy.html), view: 'copy' };
  });
}
