import type { FastifyPluginAsync } from 'fastify';
import * as op from '../../src/contract/operations/office.js';
import type { AuthDeps } from '../auth/deps.js';
import { signedCopyDownload } from '../documents/signed-copy-download.js';
import { ApiError } from '../errors.js';
import { openStoredFile, unreleasedRefusal } from '../files/download.js';
import { officeCallOf } from '../office/call.js';
import { clientDetail, createClient, listClients, updateClient } from '../office/clients.js';
import {
  clientCard,
  clientFile,
  clientFileReadAudit,
  clientFiles,
  clientFormAnswers,
  clientForms,
  clientSignatures,
  clientSignedCopy,
} from '../office/client-records.js';
import { findClientProfile } from '../repos/office-clients.js';
import { defineRoute } from './define-route.js';

/**
 * Clients, the office's side, under `/p/:practice/admin/clients` (staff session or API key):
 * list, add, read and assign, and everything each client sent: files (downloads with the
 * client route's headers), forms, signatures with their evidence and PDFs, the card on file.
 * A clinician reaches only their own clients (404 and `authz_fail` otherwise, R41).
 */
export const officeClientRoutes: FastifyPluginAsync<AuthDeps> = async (app, deps) => {
  const noHead = { exposeHeadRoute: false };
  const profileIdOf = (params: { profileId: string }) => Number(params.profileId);

  defineRoute(app, op.listOfficeClients, async (request) => listClients(deps, officeCallOf(request), request.query.q));

  defineRoute(app, op.createOfficeClient, async (request, reply) => reply.code(201).send(createClient(deps, officeCallOf(request), request.body)));

  defineRoute(app, op.getOfficeClient, async (request) => clientDetail(deps, officeCallOf(request), profileIdOf(request.params)));

  defineRoute(app, op.updateOfficeClient, async (request) => updateClient(deps, officeCallOf(request), profileIdOf(request.params), request.body));

  defineRoute(app, op.listOfficeClientFiles, async (request) => clientFiles(deps, officeCallOf(request), profileIdOf(request.params)));

  defineRoute(
    app,
    op.downloadOfficeClientFile,
    async (request, reply) => {
      if (!app.uploads) throw new ApiError(503, 'unavailable');
      const call = officeCallOf(request);
      const file = clientFile(deps, call, profileIdOf(request.params), Number(request.params.fileId));
      // R52: the office, too, gets only what the scanner cleared.
      const refusal = unreleasedRefusal(file);
      if (refusal) {
        clientFileReadAudit(deps, call, file, 'failure');
        throw refusal;
      }
      const download = await openStoredFile(app.uploads.storage, file);
      clientFileReadAudit(deps, call, file, 'success');
      return reply.headers(download.headers).send(download.stream);
    },
    noHead,
  );

  defineRoute(app, op.listOfficeClientForms, async (request) => clientForms(deps, officeCallOf(request), profileIdOf(request.params)));

  defineRoute(app, op.getOfficeClientForm, async (request) =>
    clientFormAnswers(deps, officeCallOf(request), profileIdOf(request.params), request.params.documentId),
  );

  defineRoute(app, op.listOfficeClientSignatures, async (request) => clientSignatures(deps, officeCallOf(request), profileIdOf(request.params)));

  defineRoute(
    app,
    op.downloadOfficeSignedCopy,
    async (request, reply) => {
      const call = officeCallOf(request);
      const profileId = profileIdOf(request.params);
      const copy = clientSignedCopy(deps, call, profileId, Number(request.params.signatureId));
      const download = await signedCopyDownload(copy, findClientProfile(deps.db, call.practice.id, profileId)!.displayName);
      return reply.headers(download.headers).send(download.body);
    },
    noHead,
  );

  defineRoute(app, op.getOfficeClientCard, async (request) => clientCard(deps, officeCallOf(request), profileIdOf(request.params)));
};
