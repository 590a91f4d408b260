import type { FastifyPluginAsync } from 'fastify';
import { open } from 'node:fs/promises';
import * as op from '../../src/contract/operations/files.js';
import { ApiError, notFound } from '../errors.js';
import { fileItem } from '../files/commit.js';
import { attachmentDisposition } from '../files/content-disposition.js';
import { mediaTypeOf } from '../files/file-types.js';
import { uploadPolicy } from '../files/upload-policy.js';
import type { UploadService } from '../files/upload-service.js';
import type { ProfileScopeOptions } from '../plugins/profile-access.js';
import { findFile, isReleased, listFiles, profileUsage } from '../repos/files.js';
import { clientActorOf } from '../request/actor.js';
import { audit } from '../request/audit.js';
import { defineRoute } from './define-route.js';

/**
 * A download is an attachment and never a page of ours (R51): `sandbox` stops anything in it
 * from running as this origin even if a browser were made to render it.
 */
export const DOWNLOAD_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'";

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
      if (!isReleased(file.scanStatus)) {
        audit(deps, actor, { action: 'sensitive_read', outcome: 'failure', resourceType: 'file', resourceId: file.id });
        throw new ApiError(409, 'conflict', file.scanStatus === 'infected' ? 'This file was not accepted.' : 'This file is still being checked.');
      }
      const handle = await open(uploads.storage.storedPath(file.storageName), 'r');
      const { size } = await handle.stat();
      audit(deps, actor, { action: 'sensitive_read', outcome: 'success', resourceType: 'file', resourceId: file.id });
      return reply
        .headers({
          'content-type': mediaTypeOf(file.fileType),
          'content-length': String(size),
          'content-disposition': attachmentDisposition(file.fileName),
          'content-security-policy': DOWNLOAD_CSP,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        })
        .send(handle.createReadStream());
    },
    noHead,
  );
};
