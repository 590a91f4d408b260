import type { FastifyPluginAsync } from 'fastify';
import * as op from '../../src/contract/operations/document-admin.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { adminPacket, assignPacket, createDocument, listAdminDocuments, publishVersion } from '../documents/admin.js';
import { audit } from '../request/audit.js';
import { practiceOf } from '../request/context.js';
import { requestMeta } from '../request/meta.js';
import { defineRoute } from './define-route.js';

/**
 * Documents, the office's side, under `/p/:practice/admin` (admin token): versioned document
 * templates (clinician HTML sanitized with DOMPurify on save, R66) and the packet each profile
 * is asked to complete. Changes are audited with ids only (R36).
 */
export const adminDocumentRoutes: FastifyPluginAsync<{ db: Db; clock: Clock }> = async (app, deps) => {
  defineRoute(app, op.listDocumentTemplates, async (request) => ({ documents: listAdminDocuments(deps, practiceOf(request).id) }));

  defineRoute(app, op.createDocumentTemplate, async (request, reply) => {
    const practice = practiceOf(request);
    const document = createDocument(deps, practice.id, request.body);
    audit(deps, { practice, meta: requestMeta(request) }, { action: 'sensitive_create', resourceType: 'document_template', resourceId: document.id });
    return reply.code(201).send(document);
  });

  defineRoute(app, op.publishDocumentVersion, async (request, reply) => {
    const practice = practiceOf(request);
    const document = publishVersion(deps, practice.id, Number(request.params.documentId), request.body);
    audit(deps, { practice, meta: requestMeta(request) }, { action: 'sensitive_update', resourceType: 'document_template', resourceId: document.id });
    return reply.code(201).send(document);
  });

  defineRoute(app, op.getProfilePacket, async (request) => adminPacket(deps, practiceOf(request).id, Number(request.params.profileId)));

  defineRoute(app, op.assignProfilePacket, async (request) => {
    const practice = practiceOf(request);
    const profileId = Number(request.params.profileId);
    const packet = assignPacket(deps, practice.id, profileId, request.body);
    audit(deps, { practice, meta: requestMeta(request) }, { action: 'sensitive_update', resourceType: 'document_packet', resourceId: profileId, profileId });
    return packet;
  });
};
