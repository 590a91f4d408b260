import type { WebhookDelivery, WebhookEndpoint, WebhookEndpointChange, WebhookEndpointRequest, WebhookEndpointWithSecret } from '../../src/contract/webhooks.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { transaction } from '../db/transaction.js';
import { ApiError, notFound } from '../errors.js';
import { audit, type AuditSource } from '../request/audit.js';
import { findDelivery, listDeliveries, requeueDelivery, type DeliveryLogEntry } from '../repos/webhook-deliveries.js';
import {
  deleteWebhookEndpoint,
  findWebhookEndpoint,
  insertWebhookEndpoint,
  listWebhookEndpoints,
  updateWebhookEndpoint,
  type WebhookEndpoint as StoredEndpoint,
} from '../repos/webhook-endpoints.js';
import { DELIVERY_WINDOW_MS } from './schedule.js';
import { newWebhookSecret } from './signature.js';
import { webhookUrlRefusal } from './url-check.js';
import type { WebhookMode } from './url-policy.js';

export interface WebhookDeps {
  db: Db;
  clock: Clock;
  mode: WebhookMode;
  /** DNS for the URL check (injectable for tests). */
  resolve?: (hostname: string) => Promise<string[]>;
}

/** The endpoint as the console sees it: never its secret. */
const present = (e: StoredEndpoint): WebhookEndpoint => ({
  id: e.id,
  url: e.url,
  description: e.description,
  eventTypes: e.eventTypes as WebhookEndpoint['eventTypes'],
  active: e.active,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});

const presentDelivery = (d: DeliveryLogEntry): WebhookDelivery => ({ ...d, type: d.type as WebhookDelivery['type'] });

async function assertUrlAllowed(deps: WebhookDeps, url: string): Promise<void> {
  const refusal = await webhookUrlRefusal(url, deps.mode, deps.resolve);
  if (refusal) throw new ApiError(400, 'validation', refusal, { url: 'invalid' });
}

function existing(deps: WebhookDeps, practiceId: number, endpointId: number): StoredEndpoint {
  const endpoint = findWebhookEndpoint(deps.db, practiceId, endpointId);
  if (!endpoint) throw notFound();
  return endpoint;
}

export function listEndpoints(deps: WebhookDeps, practiceId: number): WebhookEndpoint[] {
  return listWebhookEndpoints(deps.db, practiceId).map(present);
}

export async function createEndpoint(deps: WebhookDeps, source: AuditSource & { practice: { id: number } }, input: WebhookEndpointRequest): Promise<WebhookEndpointWithSecret> {
  await assertUrlAllowed(deps, input.url);
  const secret = newWebhookSecret();
  const practiceId = source.practice.id;
  const id = transaction(deps.db, () => {
    const id = insertWebhookEndpoint(deps.db, deps.clock.now(), {
      practiceId,
      url: input.url,
      description: input.description ?? '',
      secret,
      eventTypes: input.eventTypes ?? [],
    });
    audit(deps, source, { action: 'sensitive_create', resourceType: 'webhook_endpoint', resourceId: id });
    return id;
  });
  return { endpoint: present(existing(deps, practiceId, id)), secret };
}

export async function changeEndpoint(
  deps: WebhookDeps,
  source: AuditSource & { practice: { id: number } },
  endpointId: number,
  change: WebhookEndpointChange,
): Promise<WebhookEndpoint> {
  const practiceId = source.practice.id;
  existing(deps, practiceId, endpointId);
  if (change.url !== undefined) await assertUrlAllowed(deps, change.url);
  transaction(deps.db, () => {
    existing(deps, practiceId, endpointId); // still there after the DNS wait
    updateWebhookEndpoint(deps.db, deps.clock.now(), practiceId, endpointId, change);
    audit(deps, source, { action: 'sensitive_update', resourceType: 'webhook_endpoint', resourceId: endpointId });
  });
  return present(existing(deps, practiceId, endpointId));
}

export function rotateSecret(deps: WebhookDeps, source: AuditSource & { practice: { id: number } }, endpointId: number): WebhookEndpointWithSecret {
  const practiceId = source.practice.id;
  const secret = newWebhookSecret();
  transaction(deps.db, () => {
    existing(deps, practiceId, endpointId);
    updateWebhookEndpoint(deps.db, deps.clock.now(), practiceId, endpointId, { secret });
    audit(deps, source, { action: 'sensitive_update', resourceType: 'webhook_secret', resourceId: endpointId });
  });
  return { endpoint: present(existing(deps, practiceId, endpointId)), secret };
}

export function removeEndpoint(deps: WebhookDeps, source: AuditSource & { practice: { id: number } }, endpointId: number): void {
  transaction(deps.db, () => {
    if (!deleteWebhookEndpoint(deps.db, deps.clock.now(), source.practice.id, endpointId)) throw notFound();
    audit(deps, source, { action: 'sensitive_delete', resourceType: 'webhook_endpoint', resourceId: endpointId });
  });
}

export function deliveryLog(deps: WebhookDeps, practiceId: number, endpointId: number, page: { limit?: number; before?: number }): WebhookDelivery[] {
  existing(deps, practiceId, endpointId);
  return listDeliveries(deps.db, practiceId, endpointId, page.limit ?? 50, page.before).map(presentDelivery);
}

/** Queues a delivery again now, with a fresh 24 h window; the receiver dedupes by `webhook-id`. */
export function redeliver(deps: WebhookDeps, source: AuditSource & { practice: { id: number } }, deliveryId: number): WebhookDelivery {
  const practiceId = source.practice.id;
  return transaction(deps.db, () => {
    if (!findDelivery(deps.db, practiceId, deliveryId)) throw notFound();
    const now = deps.clock.now();
    requeueDelivery(deps.db, now, deliveryId, now + DELIVERY_WINDOW_MS);
    audit(deps, source, { action: 'sensitive_update', resourceType: 'webhook_delivery', resourceId: deliveryId });
    return presentDelivery(findDelivery(deps.db, practiceId, deliveryId)!);
  });
}
