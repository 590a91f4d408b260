import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AdminDocument,
  AdminDocumentList,
  AdminDocumentParams,
  AdminPacket,
  AdminProfileParams,
  DocumentTemplateRequest,
  DocumentVersionRequest,
  PacketAssignment,
  PracticeParams,
} from '../../src/contract/index.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { adminPacket, assignPacket, createDocument, listAdminDocuments, publishVersion } from '../documents/admin.js';
import { addSchemasOnce } from '../plugins/local-schemas.js';
import { audit } from '../request/audit.js';
import { practiceOf } from '../request/context.js';
import { requestMeta } from '../request/meta.js';
import type { AuditAction } from '../repos/audit.js';
import { PRACTICE_ROUTE_ERRORS, errorResponse, errorResponses, ref } from '../schemas.js';
import type { FastifyRequest } from 'fastify';

/**
 * Documents, the office's side, under `/p/:practice/admin` (admin token): versioned document
 * templates (clinician HTML sanitized with DOMPurify on save, R66) and the packet each profile
 * is asked to complete. Changes are audited with ids only (R36).
 */
export const adminDocumentRoutes: FastifyPluginAsyncTypebox<{ db: Db; clock: Clock }> = async (app, deps) => {
  addSchemasOnce(app, [AdminDocument, AdminDocumentList, DocumentTemplateRequest, DocumentVersionRequest, PacketAssignment, AdminPacket]);

  const auditChange = (request: FastifyRequest, action: AuditAction, resourceType: string, resourceId: number, profileId: number | null = null) =>
    audit(deps, { practice: practiceOf(request), meta: requestMeta(request) }, { action, resourceType, resourceId, profileId });

  app.get(
    '/document-templates',
    {
      schema: {
        operationId: 'listDocumentTemplates',
        summary: 'The practice’s documents, newest version of each',
        tags: ['admin', 'documents'],
        security: [{ adminBearer: [] }],
        params: PracticeParams,
        response: { 200: ref(AdminDocumentList), ...errorResponses(401, ...PRACTICE_ROUTE_ERRORS) },
      },
    },
    async (request) => ({ documents: listAdminDocuments(deps, practiceOf(request).id) }),
  );

  app.post<{ Body: DocumentTemplateRequest }>(
    '/document-templates',
    {
      schema: {
        operationId: 'createDocumentTemplate',
        summary: 'Add a document (version 1)',
        description: 'Each text’s HTML is sanitized with DOMPurify before it is stored; the answer shows what was kept.',
        tags: ['admin', 'documents'],
        security: [{ adminBearer: [] }],
        params: PracticeParams,
        body: ref(DocumentTemplateRequest),
        response: {
          201: ref(AdminDocument),
          ...errorResponses(400, 401),
          409: errorResponse('`conflict`: the slug is taken.'),
          ...errorResponses(...PRACTICE_ROUTE_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const document = createDocument(deps, practiceOf(request).id, request.body);
      auditChange(request, 'sensitive_create', 'document_template', document.id);
      return reply.code(201).send(document);
    },
  );

  app.post<{ Body: DocumentVersionRequest; Params: AdminDocumentParams }>(
    '/document-templates/:documentId/versions',
    {
      schema: {
        operationId: 'publishDocumentVersion',
        summary: 'Publish a new version of a document',
        description: 'Earlier versions and their signatures never change; profiles that signed an older version are asked to sign again.',
        tags: ['admin', 'documents'],
        security: [{ adminBearer: [] }],
        params: AdminDocumentParams,
        body: ref(DocumentVersionRequest),
        response: { 201: ref(AdminDocument), ...errorResponses(400, 401, ...PRACTICE_ROUTE_ERRORS) },
      },
    },
    async (request, reply) => {
      const document = publishVersion(deps, practiceOf(request).id, Number(request.params.documentId), request.body);
      auditChange(request, 'sensitive_update', 'document_template', document.id);
      return reply.code(201).send(document);
    },
  );

  app.get<{ Params: AdminProfileParams }>(
    '/profiles/:profileId/packet',
    {
      schema: {
        operationId: 'getProfilePacket',
        summary: 'The packet assigned to a profile',
        tags: ['admin', 'documents'],
        security: [{ adminBearer: [] }],
        params: AdminProfileParams,
        response: { 200: ref(AdminPacket), ...errorResponses(401, ...PRACTICE_ROUTE_ERRORS) },
      },
    },
    async (request) => adminPacket(deps, practiceOf(request).id, Number(request.params.profileId)),
  );

  app.put<{ Body: PacketAssignment; Params: AdminProfileParams }>(
    '/profiles/:profileId/packet',
    {
      schema: {
        operationId: 'assignProfilePacket',
        summary: 'Assign (replace) a profile’s packet',
        description: 'The welcome message per language (sanitized) and the ordered steps: documents of this practice, forms, the payment card.',
        tags: ['admin', 'documents'],
        security: [{ adminBearer: [] }],
        params: AdminProfileParams,
        body: ref(PacketAssignment),
        response: { 200: ref(AdminPacket), ...errorResponses(400, 401, ...PRACTICE_ROUTE_ERRORS) },
      },
    },
    async (request) => {
      const profileId = Number(request.params.profileId);
      const packet = assignPacket(deps, practiceOf(request).id, profileId, request.body);
      auditChange(request, 'sensitive_update', 'document_packet', profileId, profileId);
      return packet;
    },
  );
};
