import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import * as op from '../../src/contract/operations/files.js';
import { ApiError, notFound } from '../errors.js';
import { discardUpload } from '../files/commit.js';
import { DEFAULT_UPLOAD_SETTINGS } from '../files/settings.js';
import { sendTusResponse, tusRequest } from '../files/tus-bridge.js';
import type { TusCall, UploadService } from '../files/upload-service.js';
import type { ProfileScopeOptions } from '../plugins/profile-access.js';
import { clientActorOf } from '../request/actor.js';
import { defineRoute } from './define-route.js';

/**
 * The tus 1.0.0 endpoints (creation, creation-with-upload, PATCH, HEAD, termination) for
 * one profile, under `/p/:practice/profiles/:profileId/uploads`, behind the session and
 * profile guards (`upload` permission, R41, R55). Each handler runs only after those hooks,
 * then hands the raw request to @tus/server (files/upload-service.ts).
 */
export const uploadRoutes: FastifyPluginAsync<ProfileScopeOptions> = async (app) => {
  // PATCH bodies go straight from the socket into the store (tus reads the raw request):
  // this parser only lets Fastify accept the type, without reading or buffering a byte.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
  const idleTimeoutMs = app.uploads?.settings.idleTimeoutMs ?? DEFAULT_UPLOAD_SETTINGS.idleTimeoutMs;
  const streamingConfig = { streamedBody: { idleTimeoutMs } };

  defineRoute(app, op.createUpload, async (request, reply) => handleTus(app.uploads, request, reply), { config: streamingConfig });
  // @fastify/swagger leaves HEAD routes out unless asked (it names this one `getUpload-head`).
  defineRoute(app, op.getUpload, async (request, reply) => handleTus(app.uploads, request, reply, request.params.uploadId), {
    config: { swagger: { exposeHeadRoute: true } },
  });
  defineRoute(app, op.appendUploadBytes, async (request, reply) => handleTus(app.uploads, request, reply, request.params.uploadId), {
    config: streamingConfig,
  });
  defineRoute(app, op.cancelUpload, async (request, reply) => handleTus(app.uploads, request, reply, request.params.uploadId));
};

/**
 * One tus request: the upload named in the URL must belong to this profile and account
 * (else 404, and `authz_fail` when it exists), then @tus/server answers, then the bridge
 * sends that answer through Fastify. Cancelling also drops the upload's row.
 */
async function handleTus(uploads: UploadService | null, request: FastifyRequest, reply: FastifyReply, uploadId?: string): Promise<FastifyReply> {
  if (!uploads) throw new ApiError(503, 'unavailable');
  const actor = clientActorOf(request);
  if (uploadId !== undefined && !uploads.ownUpload(actor, uploadId)) throw notFound();
  const call: TusCall = { actor, basePath: `/p/${actor.practice.slug}/profiles/${actor.profile.id}/uploads`, uploadId };
  if (uploadId) uploads.active.add(uploadId);
  try {
    const response = await uploads.tus.handleWeb(tusRequest(request, reply, call));
    if (uploadId && request.method === 'HEAD' && response.status === 200) uploads.inspected(actor, uploadId);
    if (uploadId && request.method === 'PATCH' && response.status === 204) {
      const from = Number(request.headers['upload-offset']);
      const refusal = await uploads.refuseEarly(actor, uploadId, from, Number(response.headers.get('upload-offset')));
      if (refusal) {
        request.log.info({ code: refusal.code, status: refusal.status_code }, 'upload refused');
        return reply.code(refusal.status_code).send(refusal.errorBody());
      }
      uploads.received(actor, uploadId);
    }
    if (uploadId && request.method === 'DELETE' && [204, 404, 410].includes(response.status)) {
      await discardUpload(uploads.deps, actor, uploadId, 'upload_cancelled');
      return reply.code(204).send();
    }
    return await sendTusResponse(request, reply, response, call);
  } finally {
    if (uploadId) uploads.active.delete(uploadId);
  }
}
