import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  FileUploaded,
  ProfileParams,
  TusHeaders,
  UploadCreationHeaders,
  UploadParams,
  UploadPatchHeaders,
} from '../../src/contract/index.js';
import { ApiError, notFound } from '../errors.js';
import { fileActorOf } from '../files/actor.js';
import { discardUpload } from '../files/commit.js';
import { DEFAULT_UPLOAD_SETTINGS } from '../files/settings.js';
import { sendTusResponse, tusRequest } from '../files/tus-bridge.js';
import type { TusCall, UploadService } from '../files/upload-service.js';
import { addSchemasOnce } from '../plugins/local-schemas.js';
import type { ProfileScopeOptions } from '../plugins/profile-access.js';
import { errorResponse, errorResponses, ref } from '../schemas.js';

const TUS_RESUMABLE_HEADER = { type: 'string', description: '`1.0.0`' };
const UPLOAD_OFFSET_HEADER = { type: 'string', description: 'Bytes the server holds; the next PATCH starts here.' };
const COMMON_ERRORS = {
  401: errorResponse('`unauthorized` or `session_expired`: no valid session.'),
  404: errorResponse(
    '`not_found`: no such profile for this sign-in (or no upload permission), or no such upload of this profile and account ' +
      '(another profile’s or account’s upload id, a swept, cancelled, refused or completed upload). A tus client then starts a new upload.',
  ),
  ...errorResponses(429, 500),
  503: errorResponse('`unavailable`: no file storage, or the disk is full; retry later (`Retry-After`).'),
};
const REFUSALS = {
  400: errorResponse(
    '`validation`: a missing or malformed tus header. `invalid_name`: the `filename` metadata is missing, empty, has a `..` part, ' +
      'a control or bidirectional-override character, starts with a dot, or ends in a dot or space. `empty_file`: Upload-Length 0.',
  ),
  413: errorResponse(
    '`payload_too_large`: larger than the limit of its type (see `GET files` → `policy`), or an image with too many pixels. ' +
      '`quota_exceeded`: the profile’s files and unfinished uploads would pass its quota, or it holds the most files allowed.',
  ),
  415: errorResponse(
    '`unsupported_type`: the extension is not allowed, an inner extension is executable or active content (`a.php.pdf`, ' +
      '`invoice.exe.jpg`), or (on completion) the content does not match the extension.',
  ),
};
const COMPLETED = ref(FileUploaded, {
  description:
    'This request completed the upload, and the file passed every check and is stored. `Upload-Offset` equals the length. ' +
    '(tus answers 204 here; this endpoint answers 200 with the file, which tus clients accept.)',
});

/**
 * The tus 1.0.0 endpoints (creation, creation-with-upload, PATCH, HEAD, termination) for
 * one profile, under `/p/:practice/profiles/:profileId/uploads`, behind the session and
 * profile guards (`upload` permission, R41, R55). Each handler runs only after those hooks,
 * then hands the raw request to @tus/server (files/upload-service.ts).
 */
export const uploadRoutes: FastifyPluginAsyncTypebox<ProfileScopeOptions> = async (app) => {
  addSchemasOnce(app, [FileUploaded]);
  // PATCH bodies go straight from the socket into the store (tus reads the raw request):
  // this parser only lets Fastify accept the type, without reading or buffering a byte.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
  const idleTimeoutMs = app.uploads?.settings.idleTimeoutMs ?? DEFAULT_UPLOAD_SETTINGS.idleTimeoutMs;
  const uploadConfig = { profilePermission: 'upload' as const };
  const streamingConfig = { ...uploadConfig, streamedBody: { idleTimeoutMs } };

  app.post(
    '/uploads',
    {
      config: streamingConfig,
      schema: {
        operationId: 'createUpload',
        summary: 'Start a resumable upload (tus creation)',
        description:
          'tus 1.0.0 creation (https://tus.io/protocols/resumable-upload), e.g. with tus-js-client: ' +
          '`endpoint` = this URL, `headers: { Authorization: "Bearer <session token>" }`, `metadata: { filename: file.name, filetype: file.type }`. ' +
          'Upload-Length is required (no deferred length). The name decides the type (pdf, jpg/jpeg, png, mp3, m4a, csv); ' +
          '`filetype` and Content-Type are ignored. Checked here: the name, `empty_file`, the type’s size limit and the profile’s quota ' +
          '(unfinished uploads count with their length). Answers 201 with a relative `Location`: the upload URL for PATCH, HEAD and DELETE, ' +
          'which only this account may use, for this profile. With `Content-Type: application/offset+octet-stream` the body is the first ' +
          'bytes (creation-with-upload); if they complete the file, the answer is 200 with the stored file. An upload with no bytes ' +
          'for 24 hours is deleted.',
        tags: ['files', 'phi'],
        security: [{ bearer: [] }],
        params: ProfileParams,
        headers: UploadCreationHeaders,
        response: {
          200: COMPLETED,
          201: {
            description: 'Created. Continue with PATCH at `Location`.',
            type: 'null',
            headers: {
              Location: { type: 'string', description: 'The upload URL, relative to this endpoint’s origin.' },
              'Tus-Resumable': TUS_RESUMABLE_HEADER,
              'Upload-Offset': { type: 'string', description: 'With creation-with-upload only.' },
            },
          },
          ...REFUSALS,
          ...COMMON_ERRORS,
        },
      },
    },
    async (request, reply) => handleTus(app.uploads, request, reply),
  );

  app.route({
    method: 'HEAD',
    url: '/uploads/:uploadId',
    // @fastify/swagger leaves HEAD routes out unless asked (it names this one `getUpload-head`).
    config: { ...uploadConfig, swagger: { exposeHeadRoute: true } },
    schema: {
      operationId: 'getUpload',
      summary: 'How much of an upload the server holds (tus HEAD)',
      description: 'For resuming after a dropped connection, a reload or a server restart: PATCH again from `Upload-Offset`.',
      tags: ['files', 'phi'],
      security: [{ bearer: [] }],
      params: UploadParams,
      headers: TusHeaders,
      response: {
        200: {
          description: 'The upload exists.',
          type: 'null',
          headers: {
            'Upload-Offset': UPLOAD_OFFSET_HEADER,
            'Upload-Length': { type: 'string', description: 'The declared length.' },
            'Upload-Metadata': { type: 'string', description: 'The sanitized `filename` and the server’s `filetype`.' },
            'Tus-Resumable': TUS_RESUMABLE_HEADER,
          },
        },
        ...errorResponses(400),
        ...COMMON_ERRORS,
      },
    },
    handler: async (request, reply) => handleTus(app.uploads, request, reply, request.params.uploadId),
  });

  app.patch(
    '/uploads/:uploadId',
    {
      config: streamingConfig,
      schema: {
        operationId: 'appendUploadBytes',
        summary: 'Send the next bytes of an upload (tus PATCH)',
        description:
          'The body is the file’s bytes from `Upload-Offset` on, as `application/offset+octet-stream`, in one request or several ' +
          '(tus-js-client `chunkSize`). It may carry at most the declared length minus the offset (else 413), and is written while it ' +
          'streams: a dropped connection keeps what arrived. No whole-request time limit applies; a connection idle for 60 s is cut. ' +
          'A PATCH that leaves an unfinished upload with its first 4 100 bytes stored checks them: the wrong magic bytes ' +
          'refuse and delete the upload at once (415 `unsupported_type`). ' +
          'The request that reaches the declared length completes the upload: the content must match the extension (magic bytes; ' +
          'm4a brands and audio-only; CSV as UTF-8 without NUL), JPEG/PNG metadata (EXIF, GPS, text) is removed, and the file is stored ' +
          '(200 with the file). A refused file is deleted at once (415 `unsupported_type`, 413 `payload_too_large` for too many pixels).',
        tags: ['files', 'phi'],
        security: [{ bearer: [] }],
        params: UploadParams,
        headers: UploadPatchHeaders,
        body: {
          content: {
            'application/offset+octet-stream': { schema: { description: 'The file bytes from `Upload-Offset` on.' } },
          },
        },
        response: {
          200: COMPLETED,
          204: {
            description: 'Stored; more bytes to come.',
            type: 'null',
            headers: { 'Upload-Offset': UPLOAD_OFFSET_HEADER, 'Tus-Resumable': TUS_RESUMABLE_HEADER },
          },
          ...REFUSALS,
          409: errorResponse('`conflict`: `Upload-Offset` is not where the upload stands; HEAD, then resume.'),
          ...COMMON_ERRORS,
        },
      },
    },
    async (request, reply) => handleTus(app.uploads, request, reply, request.params.uploadId),
  );

  app.delete(
    '/uploads/:uploadId',
    {
      config: uploadConfig,
      schema: {
        operationId: 'cancelUpload',
        summary: 'Cancel an upload (tus termination)',
        description: 'Deletes the unfinished upload and what it stored so far (the widget’s Cancel).',
        tags: ['files', 'phi'],
        security: [{ bearer: [] }],
        params: UploadParams,
        headers: TusHeaders,
        response: {
          204: { description: 'Deleted.', type: 'null' },
          ...errorResponses(400),
          ...COMMON_ERRORS,
        },
      },
    },
    async (request, reply) => handleTus(app.uploads, request, reply, request.params.uploadId),
  );
};

/**
 * One tus request: the upload named in the URL must belong to this profile and account
 * (else 404, and `authz_fail` when it exists), then @tus/server answers, then the bridge
 * sends that answer through Fastify. Cancelling also drops the upload's row.
 */
async function handleTus(uploads: UploadService | null, request: FastifyRequest, reply: FastifyReply, uploadId?: string): Promise<FastifyReply> {
  if (!uploads) throw new ApiError(503, 'unavailable');
  const actor = fileActorOf(request);
  if (uploadId !== undefined && !uploads.ownUpload(actor, uploadId)) throw notFound();
  const call: TusCall = { actor, basePath: `/p/${actor.practice.slug}/profiles/${actor.profileId}/uploads`, uploadId };
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
