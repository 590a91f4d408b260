import { Type, type Static } from '@sinclair/typebox';
import { FILE_STATUSES, FILE_TYPE_RULES, FILE_TYPES, UPLOAD_FINGERPRINT_PATTERN } from './constants.js';
import { ProfileParams } from './profiles.js';

// Files a client uploads for their clinician (<file-uploader>, R46–R56). Uploads use the tus
// 1.0.0 protocol (creation, PATCH, HEAD, termination) under `profiles/{profileId}/uploads`;
// the list and downloads are plain JSON/binary routes under `profiles/{profileId}/files`.

export {
  FILE_ERROR_CODES,
  FILE_STATUSES,
  FILE_TYPE_RULES,
  FILE_TYPES,
  UPLOAD_FINGERPRINT_PATTERN,
  UPLOAD_METADATA_KEYS,
  type FileErrorCode,
  type FileStatus,
  type FileType,
} from './constants.js';

export const FileTypeSchema = Type.Union(
  FILE_TYPES.map((type) => Type.Literal(type)),
  { description: 'The kind of file, decided by the server from the name and checked against the content.' },
);

export const FileStatusSchema = Type.Union(
  FILE_STATUSES.map((status) => Type.Literal(status)),
  {
    description:
      'The malware scan (R52). `pending_scan`: stored, waiting for the scanner (also while it is down); not downloadable. ' +
      '`clean`: the scanner cleared it. `infected`: the scanner refused it; its bytes are deleted and it is never downloadable. ' +
      '`unscanned`: the practice releases files without a scan (UPLOAD_SCAN=off). Only `clean` and `unscanned` files download; ' +
      'the others answer 409 `conflict`.',
  },
);

const Bytes = (description: string) => Type.Integer({ minimum: 0, description });

/** What may be uploaded: one entry per type. */
export const UploadTypePolicy = Type.Object(
  {
    type: FileTypeSchema,
    extensions: Type.Array(Type.String(), { description: 'Lower-case, without the dot, e.g. ["jpg", "jpeg"].' }),
    mediaType: Type.String({ description: 'The Content-Type downloads of this type carry, e.g. `image/jpeg`.' }),
    maxBytes: Type.Integer({ minimum: 1, description: 'The largest file of this type, in bytes.' }),
  },
  { additionalProperties: false },
);
export type UploadTypePolicy = Static<typeof UploadTypePolicy>;

export const UploadPolicy = Type.Object(
  {
    types: Type.Array(UploadTypePolicy, { description: 'Allowed types; a widget may narrow this list, never widen it.' }),
    quotaBytes: Bytes('The most this profile may store, in bytes.'),
    usedBytes: Bytes('Bytes of the stored files.'),
    reservedBytes: Bytes('Bytes promised to unfinished uploads (their declared Upload-Length); they count towards the quota.'),
    maxFiles: Type.Integer({ minimum: 1, description: 'The most files (stored and unfinished) a profile may hold.' }),
    fileCount: Bytes('Stored files plus unfinished uploads.'),
  },
  { additionalProperties: false },
);
export type UploadPolicy = Static<typeof UploadPolicy>;

const FileId = Type.Integer({ minimum: 1, description: 'A file id, as `GET files` lists it.' });

/** A download's body for the OpenAPI document: the bytes, as any allowed type's media type. */
export const FILE_DOWNLOAD_CONTENT = Object.fromEntries(
  FILE_TYPES.map((type) => [FILE_TYPE_RULES[type].mediaType, { schema: { type: 'string', format: 'binary' } }]),
);

export const FileItem = Type.Object(
  {
    id: FileId,
    name: Type.String({
      minLength: 1,
      maxLength: 255,
      description: 'The uploaded name, sanitized (NFC, no path, no control characters; at most 255 bytes of UTF-8).',
    }),
    type: FileTypeSchema,
    mediaType: Type.String({ description: 'The type the server detected and serves the file with.' }),
    sizeBytes: Type.Integer({ minimum: 1, description: 'Bytes as stored (JPEG/PNG after their metadata was removed).' }),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the stored bytes, hex.' }),
    uploadedAt: Type.String({ format: 'date-time' }),
    status: FileStatusSchema,
  },
  { additionalProperties: false, description: 'A stored file of the profile.' },
);
export type FileItem = Static<typeof FileItem>;

export const FileList = Type.Object(
  {
    files: Type.Array(FileItem, { description: 'Newest first.' }),
    policy: UploadPolicy,
  },
  { $id: 'FileList', additionalProperties: false },
);
export type FileList = Static<typeof FileList>;

/** The body of the PATCH (or creation-with-upload POST) that completes an upload: 200, not 204. */
export const FileUploaded = Type.Object(
  { file: FileItem },
  { $id: 'FileUploaded', additionalProperties: false, description: 'The upload passed every check and is stored.' },
);
export type FileUploaded = Static<typeof FileUploaded>;

export const FileParams = Type.Object(
  {
    ...ProfileParams.properties,
    fileId: Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'A file id of this profile.' }),
  },
  { additionalProperties: false },
);
export type FileParams = Static<typeof FileParams>;

export const UploadParams = Type.Object(
  {
    ...ProfileParams.properties,
    uploadId: Type.String({ pattern: '^[0-9a-f]{32}$', description: 'The upload id: the last segment of the creation `Location`.' }),
  },
  { additionalProperties: false },
);
export type UploadParams = Static<typeof UploadParams>;

// tus request headers. Header names are lower case, as Fastify sees them.
const TusResumable = Type.Literal('1.0.0', { description: 'The tus protocol version; required on every tus request.' });
const Length = (description: string) => Type.String({ pattern: '^(0|[1-9][0-9]{0,15})$', description });

export const UnfinishedUploadQuery = Type.Object(
  {
    fingerprint: Type.String({
      pattern: UPLOAD_FINGERPRINT_PATTERN,
      description: 'The `fingerprint` the upload was created with (tus `Upload-Metadata`), 64 lower-case hex characters.',
    }),
  },
  { additionalProperties: false },
);
export type UnfinishedUploadQuery = Static<typeof UnfinishedUploadQuery>;

export const UnfinishedUpload = Type.Object(
  {
    url: Type.String({ description: 'The upload URL (as the creation’s `Location`, relative to this endpoint’s origin): HEAD, then PATCH.' }),
    offset: Bytes('Bytes the server holds; the next PATCH starts here.'),
    sizeBytes: Type.Integer({ minimum: 1, description: 'The declared Upload-Length.' }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false, description: 'An unfinished upload of this profile and account.' },
);
export type UnfinishedUpload = Static<typeof UnfinishedUpload>;

export const UnfinishedUploadList = Type.Object(
  { uploads: Type.Array(UnfinishedUpload, { description: 'Newest first; usually none or one.' }) },
  { $id: 'UnfinishedUploadList', additionalProperties: false },
);
export type UnfinishedUploadList = Static<typeof UnfinishedUploadList>;

export const UploadCreationHeaders = Type.Object({
  'tus-resumable': TusResumable,
  'upload-length': Length('The file size in bytes. Required: deferred lengths are refused (`validation`).'),
  'upload-metadata': Type.String({
    minLength: 1,
    maxLength: 4096,
    description:
      'Comma-separated `key base64(value)` pairs; `filename` is required, `filetype` is ignored, `fingerprint` (64 lower-case hex) is optional.',
  }),
});

export const UploadPatchHeaders = Type.Object({
  'tus-resumable': TusResumable,
  'upload-offset': Length('Where these bytes go; must equal the offset HEAD reports (else 409).'),
  'content-type': Type.Literal('application/offset+octet-stream'),
});

export const TusHeaders = Type.Object({ 'tus-resumable': TusResumable });
