import { Type, type Static } from '@sinclair/typebox';
import { ProfileParams } from './profiles.js';

// Files a client uploads for their clinician (<file-uploader>, R46–R56). Uploads use the tus
// 1.0.0 protocol (creation, PATCH, HEAD, termination) under `profiles/{profileId}/uploads`;
// the list and downloads are plain JSON/binary routes under `profiles/{profileId}/files`.

/** The kinds of file the portal accepts. `jpg` covers `.jpg` and `.jpeg`. */
export const FILE_TYPES = ['pdf', 'jpg', 'png', 'mp3', 'm4a', 'csv'] as const;
export type FileType = (typeof FILE_TYPES)[number];

export const FileTypeSchema = Type.Union(
  FILE_TYPES.map((type) => Type.Literal(type)),
  { description: 'The kind of file, decided by the server from the name and checked against the content.' },
);

/**
 * Upload refusals, beyond the general codes in errors.ts (`payload_too_large` is one of those).
 * Statuses:
 * - `invalid_name` 400: the name is empty, has a `..` path part, a control character (NUL,
 *   CR, LF…), a bidirectional override (U+202E…), broken UTF-8, starts with a dot
 *   (`.htaccess.pdf`), or ends in a dot or space.
 * - `empty_file` 400: `Upload-Length: 0`.
 * - `unsupported_type` 415: the extension is not allowed (also `report.pdf.exe`), an inner
 *   extension is executable or active content (`a.php.pdf`), or the content does not match
 *   it (magic bytes, m4a brands, CSV as UTF-8 text without NUL bytes).
 * - `payload_too_large` 413: over the type's size limit (at creation, from `Upload-Length`),
 *   or an image with more pixels than the limit.
 * - `quota_exceeded` 413: the profile's stored files plus unfinished uploads would pass its
 *   quota, or it already holds the most files allowed. 413 rather than 409 or 507 on purpose:
 *   tus clients retry 409 (offset conflicts) and 5xx, and retrying cannot help here.
 */
export const FILE_ERROR_CODES = ['invalid_name', 'empty_file', 'unsupported_type', 'quota_exceeded'] as const;
export type FileErrorCode = (typeof FILE_ERROR_CODES)[number];

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

/** The tus metadata keys the server reads; any others are ignored. */
export const UPLOAD_METADATA_KEYS = {
  /** The file's name, e.g. `File.name`. Required. */
  filename: 'filename',
  /** The browser's MIME type. Accepted and ignored: the server decides the type. */
  filetype: 'filetype',
  /**
   * Optional: an opaque fingerprint of the file, 64 lower-case hex characters (the widget's
   * SHA-256 of the profile id, name, size, last-modified time and type). `GET uploads` finds the
   * unfinished upload by it, so a reloaded page continues it; anything else is `validation`.
   */
  fingerprint: 'fingerprint',
} as const;

/** An upload fingerprint: 64 lower-case hex characters. */
export const UPLOAD_FINGERPRINT_PATTERN = '^[0-9a-f]{64}$';

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
