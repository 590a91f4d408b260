import type { FastifyPluginAsync } from 'fastify';
import * as op from '../../src/contract/operations/document-admin.js';
import { adminPacket, assignPacket, createDocument, listAdminDocuments, publishVersion } from '../documents/admin.js';
import { officeCallOf, type OfficeDeps } from '../office/call.js';
import { assertProfileVisible } from '../office/visibility.js';
import { audit } from '../request/audit.js';
import { defineRoute } from './define-route.js';

/**
 * Documents, the office's side, under `/p/:practice/admin` (staff session or API key):
 * versioned document templates (clinician HTML sanitized with DOMPurify on save, R66) and the
 * packet each profile is asked to complete (a clinician: their own clients' only). Changes
 * are audited with ids only and the staff member or key that made them (R36).
 */
export const adminDocumentRoutes: FastifyPluginAsync<OfficeDeps> = async (app, deps) => {
  defineRoute(app, op.listDocumentTemplates, async (request) => ({ documents: listAdminDocuments(deps, officeCallOf(request).practice.id) }));

  defineRoute(app, op.createDocumentTemplate, async (request, reply) => {
    const call = officeCallOf(request);
    const document = createDocument(deps, call.practice.id, request.body);
    audit(deps, call, { action: 'sensitive_create', resourceType: 'document_template', resourceId: document.id });
    return reply.code(201).send(document);
  });

  defineRoute(app, op.publishDocumentVersion, async (request, reply) => {
    const call = officeCallOf(request);
    const document = publishVersion(deps, call.practice.id, Number(request.params.documentId), request.body);
    audit(deps, call, { action: 'sensitive_update', resourceType: 'document_template', resourceId: document.id });
    return reply.code(201).send(document);
  });

  defineRoute(app, op.getProfilePacket, async (request) => {
    const call = officeCallOf(request);
    const profileId = Number(request.params.profileId);
    assertProfileVisible(deps, call, profileId);
    const packet = adminPacket(deps, call.practice.id, profileId);
    audit(deps, call, { action: 'sensitive_read', resourceType: 'document_packet', resourceId: profileId, profileId });
    return packet;
  });

  defineRoute(app, op.assignProfilePacket, async (request) => {
    const call = officeCallOf(request);
    const profileId = Number(request.params.profileId);
    assertProfileVisible(deps, call, profileId);
    const packet = assignPacket(deps, call.practice.id, profileId, request.body);
    audit(deps, call, { action: 'sensitive_update', resourceType: 'document_packet', resourceId: profileId, profileId });
    return packet;
  });
};
