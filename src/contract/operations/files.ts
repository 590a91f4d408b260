import { Type } from '@sinclair/typebox';
import {
  FILE_DOWNLOAD_CONTENT,
  FileList,
  FileParams,
  FileUploaded,
  TusHeaders,
  UnfinishedUploadList,
  UnfinishedUploadQuery,
  UploadCreationHeaders,
  UploadParams,
  UploadPatchHeaders,
} from '../files.js';
import { operation } from '../operation.js';
import { ProfileParams } from '../profiles.js';
import { refTo } from '../ref.js';

// `<file-uploader>`'s operations under a profile: the stored files and the upload policy,
// downloads (`view`), and the tus 1.0.0 upload steps (`upload`). Only creation maps to a
// PortalClient method (uploadFile); the HEAD, PATCH and DELETE steps are the upload library's.

const TAGS = ['files', 'phi'] as const;
const TUS_RESUMABLE_HEADER = { type: 'string', description: '`1.0.0`' };
const UPLOAD_OFFSET_HEADER = { type: 'string', description: 'Bytes the server holds; the next PATCH starts here.' };
const NO_STORAGE = '`unavailable`: the server has no file storage configured.';
const UPLOAD_ERRORS = {
  404:
    '`not_found`: no such profile for this sign-in (or no upload permission), or no such upload of this profile and account ' +
    '(another profile’s or account’s upload id, a swept, cancelled, refused or completed upload). A tus client then starts a new upload.',
  503: '`unavailable`: no file storage, or the disk is full; retry later (`Retry-After`).',
};
const REFUSALS = {
  400:
    '`validation`: a missing or malformed tus header. `invalid_name`: the `filename` metadata is missing, empty, has a `..` part, ' +
    'a control or bidirectional-override character, starts with a dot, or ends in a dot or space. `empty_file`: Upload-Length 0.',
  413:
    '`payload_too_large`: larger than the limit of its type (see `GET files` → `policy`), or an image with too many pixels. ' +
    '`quota_exceeded`: the profile’s files and unfinished uploads would pass its quota, or it holds the most files allowed.',
  415:
    '`unsupported_type`: the extension is not allowed, an inner extension is executable or active content (`a.php.pdf`, ' +
    '`invoice.exe.jpg`), or (on completion) the content does not match the extension.',
};
const COMPLETED = refTo(
  FileUploaded,
  'This request completed the upload, and the file passed every check and is stored. `Upload-Offset` equals the length. ' +
    '(tus answers 204 here; this endpoint answers 200 with the file, which tus clients accept.)',
);

export const findUnfinishedUploads = operation({
  operationId: 'findUnfinishedUploads',
  method: 'GET',
  path: '/p/:practice/profiles/:profileId/uploads',
  permission: 'upload',
  clientMethod: 'findUnfinishedUploads',
  summary: 'Find an unfinished upload of a file again (after a reload)',
  description:
    'The unfinished uploads this account started for this profile with this `fingerprint` (the tus `Upload-Metadata` key ' +
    'given at creation), with their upload URL and how many bytes the server holds, so a reloaded page continues the upload ' +
    'with HEAD and PATCH instead of starting over, and nothing about it is kept in the browser. Another profile’s or account’s ' +
    'upload is never listed; completed, cancelled, refused and swept uploads (or ones idle for the sweeper’s limit) are gone. ' +
    'Usually none or one.',
  tags: TAGS,
  params: ProfileParams,
  querystring: UnfinishedUploadQuery,
  responses: {
    200: refTo(UnfinishedUploadList, 'The unfinished uploads with that fingerprint; none is an empty list.'),
    400: '`validation`: the fingerprint is missing or not 64 lower-case hex characters.',
    404: '`not_found`: no such profile for this sign-in, or no upload permission.',
    503: NO_STORAGE,
  },
});

export const listFiles = operation({
  operationId: 'listFiles',
  method: 'GET',
  path: '/p/:practice/profiles/:profileId/files',
  permission: 'view',
  clientMethod: 'listFiles',
  summary: 'The profile’s files and the upload policy',
  description:
    'Stored files, newest first, with what may be uploaded: allowed types with their extensions and size limits, the quota, ' +
    'and how much of it stored files and unfinished uploads use. A widget may narrow the types, never widen them.',
  tags: TAGS,
  params: ProfileParams,
  responses: {
    200: refTo(FileList, 'The files and the policy.'),
    404: '`not_found`: no such profile for this sign-in, or no view permission.',
    503: NO_STORAGE,
  },
});

export const downloadFile = operation({
  operationId: 'downloadFile',
  method: 'GET',
  path: '/p/:practice/profiles/:profileId/files/:fileId',
  permission: 'view',
  clientMethod: 'downloadFile',
  summary: 'Download one file',
  description:
    'The stored bytes, streamed, with the type the server detected, `Content-Disposition: attachment` with the name ' +
    '(RFC 6266/5987: an ASCII `filename` and the exact UTF-8 `filename*`), `X-Content-Type-Options: nosniff`, ' +
    '`Content-Security-Policy: sandbox`, `Cache-Control: no-store`. Fetch it with the session and show it from a blob.',
  tags: TAGS,
  params: FileParams,
  responses: {
    200: {
      description: 'The file.',
      headers: {
        'Content-Disposition': { type: 'string', description: '`attachment; filename="…"; filename*=UTF-8\'\'…`' },
        'Content-Length': { type: 'string' },
      },
      content: FILE_DOWNLOAD_CONTENT,
    },
    404: '`not_found`: no such profile for this sign-in (or no view permission), or no such file of this profile.',
    409: '`conflict`: the file is not released (R52): still `pending_scan`, or `infected`. See `FileItem.status`.',
    503: NO_STORAGE,
  },
});

export const createUpload = operation({
  operationId: 'createUpload',
  method: 'POST',
  path: '/p/:practice/profiles/:profileId/uploads',
  permission: 'upload',
  clientMethod: 'uploadFile',
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
  tags: TAGS,
  params: ProfileParams,
  headers: UploadCreationHeaders,
  responses: {
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
    ...UPLOAD_ERRORS,
  },
});

export const getUpload = operation({
  operationId: 'getUpload',
  method: 'HEAD',
  path: '/p/:practice/profiles/:profileId/uploads/:uploadId',
  permission: 'upload',
  clientMethod: null,
  summary: 'How much of an upload the server holds (tus HEAD)',
  description: 'For resuming after a dropped connection, a reload or a server restart: PATCH again from `Upload-Offset`.',
  tags: TAGS,
  params: UploadParams,
  headers: TusHeaders,
  responses: {
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
    ...UPLOAD_ERRORS,
  },
});

export const appendUploadBytes = operation({
  operationId: 'appendUploadBytes',
  method: 'PATCH',
  path: '/p/:practice/profiles/:profileId/uploads/:uploadId',
  permission: 'upload',
  clientMethod: null,
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
  tags: TAGS,
  params: UploadParams,
  headers: UploadPatchHeaders,
  // Raw bytes, not JSON: described per content type, and read by tus straight from the socket.
  body: Type.Unsafe<never>({ content: { 'application/offset+octet-stream': { schema: { description: 'The file bytes from `Upload-Offset` on.' } } } }),
  responses: {
    200: COMPLETED,
    204: {
      description: 'Stored; more bytes to come.',
      type: 'null',
      headers: { 'Upload-Offset': UPLOAD_OFFSET_HEADER, 'Tus-Resumable': TUS_RESUMABLE_HEADER },
    },
    ...REFUSALS,
    409: '`conflict`: `Upload-Offset` is not where the upload stands; HEAD, then resume.',
    ...UPLOAD_ERRORS,
  },
});

export const cancelUpload = operation({
  operationId: 'cancelUpload',
  method: 'DELETE',
  path: '/p/:practice/profiles/:profileId/uploads/:uploadId',
  permission: 'upload',
  clientMethod: null,
  summary: 'Cancel an upload (tus termination)',
  description: 'Deletes the unfinished upload and what it stored so far (the widget’s Cancel).',
  tags: TAGS,
  params: UploadParams,
  headers: TusHeaders,
  responses: { 204: { description: 'Deleted.', type: 'null' }, ...UPLOAD_ERRORS },
});
