import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import * as op from '../../src/contract/operations/webhooks.js';
import type { AuditSource } from '../request/audit.js';
import { officeOf, practiceOf } from '../request/context.js';
import { requestMeta } from '../request/meta.js';
import {
  changeEndpoint,
  createEndpoint,
  deliveryLog,
  listEndpoints,
  redeliver,
  removeEndpoint,
  rotateSecret,
  type WebhookDeps,
} from '../webhooks/manage.js';
import { defineRoute } from './define-route.js';

/** Who acted, for the audit record: the practice, the office caller and the request's meta. */
export function sourceOf(request: FastifyRequest): AuditSource & { practice: { id: number } } {
  return { practice: practiceOf(request), meta: requestMeta(request), office: officeOf(request) };
}

/** `/p/:practice/admin/webhooks…`: owners and API keys with the `webhooks` scope. */
export const webhookRoutes: FastifyPluginAsync<WebhookDeps> = async (app, deps) => {
  defineRoute(app, op.listWebhookEndpoints, async (request) => ({ endpoints: listEndpoints(deps, practiceOf(request).id) }));
  defineRoute(app, op.createWebhookEndpoint, async (request, reply) => {
    const created = await createEndpoint(deps, sourceOf(request), request.body);
    return reply.code(201).send(created);
  });
  defineRoute(app, op.updateWebhookEndpoint, async (request) => changeEndpoint(deps, sourceOf(request), Number(request.params.endpointId), request.body));
  defineRoute(app, op.rotateWebhookSecret, async (request) => rotateSecret(deps, sourceOf(request), Number(request.params.endpointId)));
  defineRoute(app, op.deleteWebhookEndpoint, async (request, reply) => {
    removeEndpoint(deps, sourceOf(request), Number(request.params.endpointId));
    return reply.code(204).send();
  });
  defineRoute(app, op.listWebhookDeliveries, async (request) => ({
    deliveries: deliveryLog(deps, practiceOf(request).id, Number(request.params.endpointId), request.query),
  }));
  defineRoute(app, op.redeliverWebhook, async (request, reply) =>
    reply.code(202).send(redeliver(deps, sourceOf(request), Number(request.params.deliveryId))),
  );
};
