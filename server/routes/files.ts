import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { open } from 'node:fs/promises';
import { FILE_TYPES, FileList, FileParams, ProfileParams, UnfinishedUploadList, UnfinishedUploadQuery } from '../../src/contract/index.js';
import { ApiError, notFound } from '../errors.js';
import { clientActorOf } from '../request/actor.js';
import { audit } from '../request/audit.js';
import { fileItem } from '../files/commit.js';
import { attachmentDisposition } from '../files/content-disposition.js';
import { mediaTypeOf } from '../files/file-types.js';
import { uploadPolicy } from '../files/upload-policy.js';
import type { UploadService } from '../files/upload-service.js';
import { addSchemasOnce } from '../plugins/local-schemas.js';
import type { ProfileScopeOptions } from '../plugins/profile-access.js';
import { findFile, listFiles, profileUsage } from '../repos/files.js';
import { errorResponse, errorResponses, ref } from '../schemas.js';

/**
 * A download is an attachment and never a page of ours (R51): `sandbox` stops anything in it
 * from running as this origin even if a browser were made to render it.
 */
export const DOWNLOAD_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'";

const BINARY = { type: 'string', format: 'binary' } as const;

const ERRORS = {
  401: errorResponse('`unauthorized` or `session_expired`: no valid session.'),
  ...errorResponses(429, 500),
  503: errorResponse('`unavailable`: the server has no file storage configured.'),
};

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
export const fileRoutes: FastifyPluginAsyncTypebox<ProfileScopeOptions> = async (app, deps) => {
  addSchemasOnce(app, [FileList, UnfinishedUploadList]);

  app.get(
    '/uploads',
    {
      config: { profilePermission: 'upload' },
      exposeHeadRoute: false,
      schema: {
        operationId: 'findUnfinishedUploads',
        summary: 'Find an unfinished upload of a file again (after a reload)',
        description:
          'The unfinished uploads this account started for this profile with this `fingerprint` (the tus `Upload-Metadata` key ' +
          'given at creation), with their upload URL and how many bytes the server holds, so a reloaded page continues the upload ' +
          'with HEAD and PATCH instead of starting over, and nothing about it is kept in the browser. Another profile’s or account’s ' +
          'upload is never listed; completed, cancelled, refused and swept uploads (or ones idle for the sweeper’s limit) are gone. ' +
          'Usually none or one.',
        tags: ['files', 'phi'],
        security: [{ bearer: [] }],
        params: ProfileParams,
        querystring: UnfinishedUploadQuery,
        response: {
          200: ref(UnfinishedUploadList, { description: 'The unfinished uploads with that fingerprint; none is an empty list.' }),
          400: errorResponse('`validation`: the fingerprint is missing or not 64 lower-case hex characters.'),
          404: errorResponse('`not_found`: no such profile for this sign-in, or no upload permission.'),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const uploads = requireUploads(app.uploads);
      const actor = clientActorOf(request);
      const basePath = `/p/${actor.practice.slug}/profiles/${actor.profile.id}/uploads`;
      return { uploads: await uploads.unfinishedUploads(actor, request.query.fingerprint, basePath) };
    },
  );

  app.get(
    '/files',
    {
      config: { profilePermission: 'view' },
      exposeHeadRoute: false,
      schema: {
        operationId: 'listFiles',
        summary: 'The profile’s files and the upload policy',
        description:
          'Stored files, newest first, with what may be uploaded: allowed types with their extensions and size limits, the quota, ' +
          'and how much of it stored files and unfinished uploads use. A widget may narrow the types, never widen them.',
        tags: ['files', 'phi'],
        security: [{ bearer: [] }],
        params: ProfileParams,
        response: {
          200: ref(FileList, { description: 'The files and the policy.' }),
          404: errorResponse('`not_found`: no such profile for this sign-in, or no view permission.'),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const uploads = requireUploads(app.uploads);
      const actor = clientActorOf(request);
      const files = listFiles(deps.db, actor.practice.id, actor.profile.id).map(fileItem);
      const policy = uploadPolicy(uploads.settings, actor.practice, profileUsage(deps.db, actor.practice.id, actor.profile.id));
      audit(deps, actor, { action: 'sensitive_read', outcome: 'success', resourceType: 'file_list' });
      return { files, policy };
    },
  );

  app.get(
    '/files/:fileId',
    {
      config: { profilePermission: 'view' },
      exposeHeadRoute: false,
      schema: {
        operationId: 'downloadFile',
        summary: 'Download one file',
        description:
          'The stored bytes, streamed, with the type the server detected, `Content-Disposition: attachment` with the name ' +
          '(RFC 6266/5987: an ASCII `filename` and the exact UTF-8 `filename*`), `X-Content-Type-Options: nosniff`, ' +
          '`Content-Security-Policy: sandbox`, `Cache-Control: no-store`. Fetch it with the session and show it from a blob.',
        tags: ['files', 'phi'],
        security: [{ bearer: [] }],
        params: FileParams,
        response: {
          200: {
            description: 'The file.',
            headers: {
              'Content-Disposition': { type: 'string', description: '`attachment; filename="…"; filename*=UTF-8\'\'…`' },
              'Content-Length': { type: 'string' },
            },
            content: Object.fromEntries(FILE_TYPES.map((type) => [mediaTypeOf(type), { schema: BINARY }])),
          },
          404: errorResponse('`not_found`: no such profile for this sign-in (or no view permission), or no such file of this profile.'),
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      const uploads = requireUploads(app.uploads);
      const actor = clientActorOf(request);
      const file = findFile(deps.db, actor.practice.id, actor.profile.id, Number(request.params.fileId));
      if (!file) throw notFound();
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
  );
};
