import {
  AdminDocument,
  AdminDocumentList,
  AdminDocumentParams,
  AdminPacket,
  AdminProfileParams,
  DocumentTemplateRequest,
  DocumentVersionRequest,
  PacketAssignment,
} from '../documents.js';
import { PracticeParams } from '../info.js';
import { operation } from '../operation.js';
import { refTo } from '../ref.js';

// Documents, the office's side: versioned templates (clinician HTML sanitized on save, R66)
// and the packet each profile is asked to complete.

const TAGS = ['admin', 'documents'] as const;

export const listDocumentTemplates = operation({
  operationId: 'listDocumentTemplates',
  method: 'GET',
  path: '/p/:practice/admin/document-templates',
  permission: 'office:read',
  clientMethod: null,
  summary: 'The practice’s documents, newest version of each',
  tags: TAGS,
  params: PracticeParams,
  responses: { 200: refTo(AdminDocumentList) },
});

export const createDocumentTemplate = operation({
  operationId: 'createDocumentTemplate',
  method: 'POST',
  path: '/p/:practice/admin/document-templates',
  permission: 'office:write',
  clientMethod: null,
  summary: 'Add a document (version 1)',
  description: 'Each text’s HTML is sanitized with DOMPurify before it is stored; the answer shows what was kept.',
  tags: TAGS,
  params: PracticeParams,
  body: refTo(DocumentTemplateRequest),
  responses: { 201: refTo(AdminDocument), 409: '`conflict`: the slug is taken.' },
});

export const publishDocumentVersion = operation({
  operationId: 'publishDocumentVersion',
  method: 'POST',
  path: '/p/:practice/admin/document-templates/:documentId/versions',
  permission: 'office:write',
  clientMethod: null,
  summary: 'Publish a new version of a document',
  description: 'Earlier versions and their signatures never change; profiles that signed an older version are asked to sign again.',
  tags: TAGS,
  params: AdminDocumentParams,
  body: refTo(DocumentVersionRequest),
  responses: { 201: refTo(AdminDocument) },
});

export const getProfilePacket = operation({
  operationId: 'getProfilePacket',
  method: 'GET',
  path: '/p/:practice/admin/profiles/:profileId/packet',
  permission: 'office:read',
  clientMethod: null,
  summary: 'The packet assigned to a profile',
  tags: TAGS,
  params: AdminProfileParams,
  responses: { 200: refTo(AdminPacket) },
});

export const assignProfilePacket = operation({
  operationId: 'assignProfilePacket',
  method: 'PUT',
  path: '/p/:practice/admin/profiles/:profileId/packet',
  permission: 'office:write',
  clientMethod: null,
  summary: 'Assign (replace) a profile’s packet',
  description: 'The welcome message per language (sanitized) and the ordered steps: documents of this practice, forms, the payment card.',
  tags: TAGS,
  params: AdminProfileParams,
  body: refTo(PacketAssignment),
  responses: { 200: refTo(AdminPacket) },
});
