import { Type } from '@sinclair/typebox';
import { PracticeParams } from '../info.js';
import { operation } from '../operation.js';
import { refTo } from '../ref.js';
import {
  NotificationSettings,
  WebhookDeliveryList,
  WebhookDeliveryParams,
  WebhookDeliveryQuery,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointChange,
  WebhookEndpointList,
  WebhookEndpointParams,
  WebhookEndpointRequest,
  WebhookEndpointWithSecret,
} from '../webhooks.js';

// The practice's own systems: webhook endpoints (owners, or API keys with the `webhooks`
// scope), their delivery log and manual redelivery; and who gets the staff notification emails.

const TAGS = ['admin', 'webhooks'] as const;
const NO_ENDPOINT = '`not_found`: no such endpoint at this practice (or it was deleted).';
const BAD_URL =
  '`validation` (`fields.url`): not https (http only to localhost in development), or in production a loopback, private, link-local or otherwise non-public address.';

export const listWebhookEndpoints = operation({
  operationId: 'listWebhookEndpoints',
  method: 'GET',
  path: '/p/:practice/admin/webhooks',
  permission: 'office:webhooks',
  clientMethod: null,
  summary: 'The practice’s webhook endpoints',
  tags: TAGS,
  params: PracticeParams,
  responses: { 200: refTo(WebhookEndpointList) },
});

export const createWebhookEndpoint = operation({
  operationId: 'createWebhookEndpoint',
  method: 'POST',
  path: '/p/:practice/admin/webhooks',
  permission: 'office:webhooks',
  clientMethod: null,
  summary: 'Add a webhook endpoint; answers its signing secret once',
  description:
    'Events from now on are delivered to it, signed with the secret (Standard Webhooks: `webhook-id`, `webhook-timestamp`, ' +
    '`webhook-signature`). The secret is not shown again; rotate it to get a new one.',
  tags: TAGS,
  params: PracticeParams,
  body: refTo(WebhookEndpointRequest),
  responses: { 201: refTo(WebhookEndpointWithSecret), 400: BAD_URL },
});

export const updateWebhookEndpoint = operation({
  operationId: 'updateWebhookEndpoint',
  method: 'PATCH',
  path: '/p/:practice/admin/webhooks/:endpointId',
  permission: 'office:webhooks',
  clientMethod: null,
  summary: 'Change an endpoint’s URL, event types or description, or pause it',
  tags: TAGS,
  params: WebhookEndpointParams,
  body: refTo(WebhookEndpointChange),
  responses: { 200: refTo(WebhookEndpoint), 400: BAD_URL, 404: NO_ENDPOINT },
});

export const rotateWebhookSecret = operation({
  operationId: 'rotateWebhookSecret',
  method: 'POST',
  path: '/p/:practice/admin/webhooks/:endpointId/rotate-secret',
  permission: 'office:webhooks',
  clientMethod: null,
  summary: 'Replace an endpoint’s signing secret; answers the new one once',
  description: 'Every attempt from now on, retries included, is signed with the new secret.',
  tags: TAGS,
  params: WebhookEndpointParams,
  responses: { 200: refTo(WebhookEndpointWithSecret), 404: NO_ENDPOINT },
});

export const deleteWebhookEndpoint = operation({
  operationId: 'deleteWebhookEndpoint',
  method: 'DELETE',
  path: '/p/:practice/admin/webhooks/:endpointId',
  permission: 'office:webhooks',
  clientMethod: null,
  summary: 'Delete an endpoint; its pending deliveries are dropped',
  tags: TAGS,
  params: WebhookEndpointParams,
  responses: { 204: Type.Null({ description: 'Deleted.' }), 404: NO_ENDPOINT },
});

export const listWebhookDeliveries = operation({
  operationId: 'listWebhookDeliveries',
  method: 'GET',
  path: '/p/:practice/admin/webhooks/:endpointId/deliveries',
  permission: 'office:webhooks',
  clientMethod: null,
  summary: 'The endpoint’s delivery log, newest first',
  description: 'One line per event sent to it: status, attempts, the last HTTP status and when it is tried next. Page with `before`.',
  tags: TAGS,
  params: WebhookEndpointParams,
  querystring: WebhookDeliveryQuery,
  responses: { 200: refTo(WebhookDeliveryList), 404: NO_ENDPOINT },
});

export const redeliverWebhook = operation({
  operationId: 'redeliverWebhook',
  method: 'POST',
  path: '/p/:practice/admin/webhooks/deliveries/:deliveryId/redeliver',
  permission: 'office:webhooks',
  clientMethod: null,
  summary: 'Send a delivery again now',
  description:
    'Queues it for the next worker pass with a fresh 24-hour retry window, whatever its status; the receiver gets the same ' +
    '`webhook-id` (dedupe by it).',
  tags: TAGS,
  params: WebhookDeliveryParams,
  responses: { 202: refTo(WebhookDelivery), 404: '`not_found`: no such delivery at this practice (or its endpoint was deleted).' },
});

export const getNotificationSettings = operation({
  operationId: 'getNotificationSettings',
  method: 'GET',
  path: '/p/:practice/admin/notifications',
  permission: 'office:owner',
  clientMethod: null,
  summary: 'Who gets the staff notification emails',
  tags: ['admin'],
  params: PracticeParams,
  responses: { 200: refTo(NotificationSettings) },
});

export const updateNotificationSettings = operation({
  operationId: 'updateNotificationSettings',
  method: 'PATCH',
  path: '/p/:practice/admin/notifications',
  permission: 'office:owner',
  clientMethod: null,
  summary: 'Tell office staff too, or only the clinician concerned',
  tags: ['admin'],
  params: PracticeParams,
  body: refTo(NotificationSettings),
  responses: { 200: refTo(NotificationSettings) },
});
