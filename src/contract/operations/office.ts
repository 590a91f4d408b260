import { FILE_DOWNLOAD_CONTENT } from '../files.js';
import { PracticeParams } from '../info.js';
import {
  CardOnFile,
  ClientCreated,
  ClientDetail,
  ClientUpdate,
  NewClientRequest,
  OfficeClientList,
  OfficeClientParams,
  OfficeClientQuery,
  OfficeFileList,
  OfficeFileParams,
  OfficeFormAnswers,
  OfficeFormList,
  OfficeFormParams,
  OfficeSignatureList,
  OfficeSignatureParams,
} from '../office.js';
import { operation } from '../operation.js';
import { refTo } from '../ref.js';

// The office API's clients: everything a client sent or did, for the practice's staff (console)
// and its systems (API keys). A staff member of role `clinician` sees only their own clients:
// those assigned to them and those with an appointment with them; any other answers 404.

const TAGS = ['admin', 'phi'] as const;
const NOT_VISIBLE = '`not_found`: no such client of the practice, or not one of the calling clinician’s clients.';
const BINARY = { type: 'string', format: 'binary' } as const;
const DISPOSITION = { 'Content-Disposition': { type: 'string', description: '`attachment; filename="…"; filename*=UTF-8\'\'…`' } };
const DOWNLOAD_HEADERS =
  '`Content-Disposition: attachment` (RFC 6266/5987), `X-Content-Type-Options: nosniff`, `Content-Security-Policy: sandbox`, ' +
  '`Cache-Control: no-store`: the same headers as the client’s download.';

export const listOfficeClients = operation({
  operationId: 'listOfficeClients',
  method: 'GET',
  path: '/p/:practice/admin/clients',
  permission: 'office:read',
  clientMethod: null,
  summary: 'The practice’s clients (a clinician: their own)',
  description: 'Every profile the caller may see with its linked accounts; `q` searches names and addresses.',
  tags: TAGS,
  params: PracticeParams,
  querystring: OfficeClientQuery,
  responses: { 200: refTo(OfficeClientList) },
});

export const createOfficeClient = operation({
  operationId: 'createOfficeClient',
  method: 'POST',
  path: '/p/:practice/admin/clients',
  permission: 'office:write',
  clientMethod: null,
  summary: 'Add a client',
  description:
    'Creates the account, its own profile and the link between them in one transaction (event `client.created`), and with ' +
    '`sendWelcome` queues the welcome email (a sign-in link to the portal). A clinician’s new client is assigned to them.',
  tags: TAGS,
  params: PracticeParams,
  body: refTo(NewClientRequest),
  responses: {
    201: refTo(ClientCreated),
    400: '`validation`: a field is missing or wrong (`fields`), e.g. `clinicianId` is not a clinician of the practice.',
    409: '`conflict`: a client of the practice already has that address, or `sendWelcome` and the practice has no portal page.',
  },
});

export const getOfficeClient = operation({
  operationId: 'getOfficeClient',
  method: 'GET',
  path: '/p/:practice/admin/clients/:profileId',
  permission: 'office:read',
  clientMethod: null,
  summary: 'One client: accounts, clinician and a summary of what they sent',
  tags: TAGS,
  params: OfficeClientParams,
  responses: { 200: refTo(ClientDetail), 404: NOT_VISIBLE },
});

export const updateOfficeClient = operation({
  operationId: 'updateOfficeClient',
  method: 'PATCH',
  path: '/p/:practice/admin/clients/:profileId',
  permission: 'office:write',
  clientMethod: null,
  summary: 'Assign the client’s clinician',
  description: 'Office staff, owners and write keys only; a clinician gets 403 for their own clients (404 for others).',
  tags: TAGS,
  params: OfficeClientParams,
  body: refTo(ClientUpdate),
  responses: { 200: refTo(ClientDetail), 403: '`forbidden`: clinicians do not reassign clients.', 404: NOT_VISIBLE },
});

export const listOfficeClientFiles = operation({
  operationId: 'listOfficeClientFiles',
  method: 'GET',
  path: '/p/:practice/admin/clients/:profileId/files',
  permission: 'office:read',
  clientMethod: null,
  summary: 'The client’s files',
  description: 'Newest first, with the malware scan status (only `clean` and `unscanned` download) and the uploading account.',
  tags: TAGS,
  params: OfficeClientParams,
  responses: { 200: refTo(OfficeFileList), 404: NOT_VISIBLE },
});

export const downloadOfficeClientFile = operation({
  operationId: 'downloadOfficeClientFile',
  method: 'GET',
  path: '/p/:practice/admin/clients/:profileId/files/:fileId/content',
  permission: 'office:read',
  clientMethod: null,
  summary: 'Download one of the client’s files',
  description: `The stored bytes with the type the server detected; ${DOWNLOAD_HEADERS}`,
  tags: TAGS,
  params: OfficeFileParams,
  responses: {
    200: {
      description: 'The file.',
      headers: { ...DISPOSITION, 'Content-Length': { type: 'string' } },
      content: FILE_DOWNLOAD_CONTENT,
    },
    404: `${NOT_VISIBLE} Or no such file of the client.`,
    409: '`conflict`: the file is not released (R52): still `pending_scan`, or `infected`.',
    503: '`unavailable`: file storage is not configured.',
  },
});

export const listOfficeClientForms = operation({
  operationId: 'listOfficeClientForms',
  method: 'GET',
  path: '/p/:practice/admin/clients/:profileId/forms',
  permission: 'office:read',
  clientMethod: null,
  summary: 'The forms of the client’s packet and where each stands',
  tags: TAGS,
  params: OfficeClientParams,
  responses: { 200: refTo(OfficeFormList), 404: NOT_VISIBLE },
});

export const getOfficeClientForm = operation({
  operationId: 'getOfficeClientForm',
  method: 'GET',
  path: '/p/:practice/admin/clients/:profileId/forms/:documentId',
  permission: 'office:read',
  clientMethod: null,
  summary: 'The client’s submitted answers to one form',
  description: 'The answers by field id with the form’s fields (label message ids, kinds, options) and the version answered.',
  tags: TAGS,
  params: OfficeFormParams,
  responses: { 200: refTo(OfficeFormAnswers), 404: `${NOT_VISIBLE} Or the form was not submitted.` },
});

export const listOfficeClientSignatures = operation({
  operationId: 'listOfficeClientSignatures',
  method: 'GET',
  path: '/p/:practice/admin/clients/:profileId/documents',
  permission: 'office:read',
  clientMethod: null,
  summary: 'The client’s signed documents with their evidence',
  description: 'Each immutable signature (R44): document, version, language, SHA-256 of the text shown, signer, name typed, time, IP, user agent.',
  tags: TAGS,
  params: OfficeClientParams,
  responses: { 200: refTo(OfficeSignatureList), 404: NOT_VISIBLE },
});

export const downloadOfficeSignedCopy = operation({
  operationId: 'downloadOfficeSignedCopy',
  method: 'GET',
  path: '/p/:practice/admin/clients/:profileId/documents/:signatureId/pdf',
  permission: 'office:read',
  clientMethod: null,
  summary: 'A signed document as PDF',
  description: `The text and the signature block, as the client downloads it; ${DOWNLOAD_HEADERS}`,
  tags: TAGS,
  params: OfficeSignatureParams,
  responses: {
    200: { description: 'The PDF.', headers: DISPOSITION, content: { 'application/pdf': { schema: BINARY } } },
    404: `${NOT_VISIBLE} Or no such signature of the client.`,
  },
});

export const getOfficeClientCard = operation({
  operationId: 'getOfficeClientCard',
  method: 'GET',
  path: '/p/:practice/admin/clients/:profileId/card',
  permission: 'office:read',
  clientMethod: null,
  summary: 'The client’s card on file (brand, last four, expiry)',
  tags: TAGS,
  params: OfficeClientParams,
  responses: { 200: refTo(CardOnFile), 404: `${NOT_VISIBLE} Or no card on file.` },
});
