import { Type, type Static } from '@sinclair/typebox';
import { PracticeParams } from './info.js';
import { refTo } from './ref.js';

// The practice's own systems: signed webhooks (Standard Webhooks headers) and their delivery
// log, and the practice's staff notification setting. Office routes under `/p/:practice/admin`.

export const PRACTICE_EVENT_TYPES = [
  'appointment.requested',
  'appointment.approved',
  'appointment.declined',
  'appointment.cancelled',
  'appointment.rescheduled',
  'packet.completed',
  'document.signed',
  'form.submitted',
  'file.uploaded',
  'client.created',
] as const;

export const PracticeEventTypeSchema = Type.Union(
  PRACTICE_EVENT_TYPES.map((t) => Type.Literal(t)),
  { $id: 'PracticeEventType', description: 'What happened; the webhook body’s `type`.' },
);

const Millis = (description: string) => Type.Integer({ minimum: 0, description: `${description} (ms since the epoch)` });
const NullableMillis = (description: string) => Type.Union([Millis(description), Type.Null()]);

export const WebhookEndpoint = Type.Object(
  {
    id: Type.Integer({ minimum: 1 }),
    url: Type.String(),
    description: Type.String(),
    eventTypes: Type.Array(refTo(PracticeEventTypeSchema), { description: 'The types it gets; empty: every type.' }),
    active: Type.Boolean(),
    createdAt: Millis('Created'),
    updatedAt: Millis('Last changed'),
  },
  { $id: 'WebhookEndpoint', additionalProperties: false, description: 'An endpoint of the practice’s own systems (never its secret).' },
);
export type WebhookEndpoint = Static<typeof WebhookEndpoint>;

export const WebhookEndpointList = Type.Object(
  { endpoints: Type.Array(refTo(WebhookEndpoint)) },
  { $id: 'WebhookEndpointList', additionalProperties: false },
);
export type WebhookEndpointList = Static<typeof WebhookEndpointList>;

export const WebhookEndpointWithSecret = Type.Object(
  {
    endpoint: refTo(WebhookEndpoint),
    secret: Type.String({
      pattern: '^whsec_[A-Za-z0-9+/=]+$',
      description: 'The signing secret (`whsec_` + base64), shown this once: store it in the receiving system.',
    }),
  },
  { $id: 'WebhookEndpointWithSecret', additionalProperties: false },
);
export type WebhookEndpointWithSecret = Static<typeof WebhookEndpointWithSecret>;

const eventTypes = (description?: string) =>
  Type.Array(refTo(PracticeEventTypeSchema), { maxItems: PRACTICE_EVENT_TYPES.length, uniqueItems: true, ...(description ? { description } : {}) });

export const WebhookEndpointRequest = Type.Object(
  {
    url: Type.String({ minLength: 8, maxLength: 2000, description: 'https (http only to localhost in development); never a private address in production.' }),
    description: Type.Optional(Type.String({ maxLength: 200 })),
    eventTypes: Type.Optional(eventTypes('The types to send; omitted or empty: every type.')),
  },
  { $id: 'WebhookEndpointRequest', additionalProperties: false },
);
export type WebhookEndpointRequest = Static<typeof WebhookEndpointRequest>;

export const WebhookEndpointChange = Type.Object(
  {
    url: Type.Optional(Type.String({ minLength: 8, maxLength: 2000 })),
    description: Type.Optional(Type.String({ maxLength: 200 })),
    eventTypes: Type.Optional(eventTypes()),
    active: Type.Optional(Type.Boolean({ description: 'false pauses deliveries (they wait, within their 24 h).' })),
  },
  { $id: 'WebhookEndpointChange', additionalProperties: false },
);
export type WebhookEndpointChange = Static<typeof WebhookEndpointChange>;

export const WebhookEndpointParams = Type.Object(
  { ...PracticeParams.properties, endpointId: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }) },
  { additionalProperties: false },
);
export type WebhookEndpointParams = Static<typeof WebhookEndpointParams>;

export const WebhookDeliveryParams = Type.Object(
  { ...PracticeParams.properties, deliveryId: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }) },
  { additionalProperties: false },
);
export type WebhookDeliveryParams = Static<typeof WebhookDeliveryParams>;

export const WebhookDeliveryQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'Paging: deliveries with a smaller id than this.' })),
  },
  { additionalProperties: false },
);
export type WebhookDeliveryQuery = Static<typeof WebhookDeliveryQuery>;

export const WebhookDelivery = Type.Object(
  {
    id: Type.Integer({ minimum: 1 }),
    endpointId: Type.Integer({ minimum: 1 }),
    eventId: Type.String({ description: 'The event’s `webhook-id` (`evt_…`), the same on every attempt.' }),
    type: refTo(PracticeEventTypeSchema),
    status: Type.Union([Type.Literal('queued'), Type.Literal('sending'), Type.Literal('delivered'), Type.Literal('failed')]),
    attempts: Type.Integer({ minimum: 0 }),
    lastStatusCode: Type.Union([Type.Integer(), Type.Null()], { description: 'The receiver’s last HTTP status, if it answered.' }),
    lastError: Type.Union([Type.String(), Type.Null()], { description: 'Why the last attempt failed, in a few words (never the receiver’s body).' }),
    nextAttemptAt: NullableMillis('When it is tried next; null once delivered or failed'),
    lastAttemptAt: NullableMillis('The last attempt'),
    deliveredAt: NullableMillis('When the receiver answered 2xx'),
    createdAt: Millis('When the event happened'),
  },
  { $id: 'WebhookDelivery', additionalProperties: false },
);
export type WebhookDelivery = Static<typeof WebhookDelivery>;

export const WebhookDeliveryList = Type.Object(
  { deliveries: Type.Array(refTo(WebhookDelivery), { description: 'Newest first.' }) },
  { $id: 'WebhookDeliveryList', additionalProperties: false },
);
export type WebhookDeliveryList = Static<typeof WebhookDeliveryList>;

export const NotificationSettings = Type.Object(
  {
    notifyOffice: Type.Boolean({
      description: 'Office and owner staff (with notifications on) get the emails too; otherwise only the clinician concerned.',
    }),
  },
  { $id: 'NotificationSettings', additionalProperties: false },
);
export type NotificationSettings = Static<typeof NotificationSettings>;
