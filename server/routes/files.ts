import type { FastifyPluginAsync } from 'fastify';
import * as op from '../../src/contract/operations/files.js';
import { ApiError, notFound } from '../errors.js';
import { fileItem } from '../files/commit.js';
import { openStoredFile, unreleasedRefusal } from '../files/download.js';
import { uploadPolicy } from '../files/upload-policy.js';
import type { UploadService } from '../files/upload-service.js';
import type { ProfileScopeOptions } from '../plugins/profile-access.js';
import { findFile, listFiles, profileUsage } from '../repos/files.js';
import { clientActorOf } from '../request/actor.js';
import { audit } from '../request/audit.js';
import { defineRoute } from './define-route.js';

function requireUploads(uploads: UploadService | null): UploadService {
  if (!uploads) throw new ApiError(503, 'unavailable');
  return uploads;
}

/**
 * The profile's stored files, under `/p/:practice/profiles/:profileId/files`: the list with
 * the upload policy, and downloads (`view` permission, R41). Files are served only through
 * this handler, which re-checks the profile on every request (R50), from disk as a stream.
 * Both routes disclose PHI, so each call writes one audit event (R36).
 */
export const fileRoutes: FastifyPluginAsync<ProfileScopeOptions> = async (app, deps) => {
  const noHead = { exposeHeadRoute: false };

  defineRoute(
    app,
    op.findUnfinishedUploads,
    async (request) => {
      const uploads = requireUploads(app.uploads);
      const actor = clientActorOf(request);
      const basePath = `/p/${actor.practice.slug}/profiles/${actor.profile.id}/uploads`;
      return { uploads: await uploads.unfinishedUploads(actor, request.query.fingerprint, basePath) };
    },
    noHead,
  );

  defineRoute(
    app,
    op.listFiles,
    async (request) => {
      const uploads = requireUploads(app.uploads);
      const actor = clientActorOf(request);
      const files = listFiles(deps.db, actor.practice.id, actor.profile.id).map(fileItem);
      const policy = uploadPolicy(uploads.settings, actor.practice, profileUsage(deps.db, actor.practice.id, actor.profile.id));
      audit(deps, actor, { action: 'sensitive_read', outcome: 'success', resourceType: 'file_list' });
      return { files, policy };
    },
    noHead,
  );

  defineRoute(
    app,
    op.downloadFile,
    async (request, reply) => {
      const uploads = requireUploads(app.uploads);
      const actor = clientActorOf(request);
      const file = findFile(deps.db, actor.practice.id, actor.profile.id, Number(request.params.fileId));
      if (!file) throw notFound();
      // R52: only a file the scanner cleared (or the practice released unscanned) is ever served.
      const refusal = unreleasedRefusal(file);
      if (refusal) {
        audit(deps, actor, { action: 'sensitive_read', outcome: 'failure', resourceType: 'file', resourceId: file.id });
        throw refusal;
      }
      const download = await openStoredFile(uploads.storage, file);
      audit(deps, actor, { action: 'sensitive_read', outcome: 'success', resourceType: 'file', resourceId: file.id });
      return reply.headers(download.headers).send(download.stream);
    },
    noHead,
  );
};
