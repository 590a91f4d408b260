import type { FastifyPluginAsync } from 'fastify';
import * as op from '../../src/contract/operations/documents.js';
import { documentView } from '../documents/document-view.js';
import { acceptEsign, esignView } from '../documents/esign.js';
import { formState, saveFormDraft, submitForm } from '../documents/forms.js';
import { packetView } from '../documents/packet.js';
import { cardState, saveCardToken } from '../documents/payment-card.js';
import { signedCopyDownload } from '../documents/signed-copy-download.js';
import { completedDocuments, sign, signedCopy } from '../documents/signatures.js';
import type { ProfileScopeOptions } from '../plugins/profile-access.js';
import { clientActorOf } from '../request/actor.js';
import { defineRoute } from './define-route.js';

/**
 * `<document-signer>`'s routes under `/p/:practice/profiles/:profileId` (session and profile
 * guards, R41): the packet, documents, the ESIGN consent, signatures (R44) and the signed copy
 * as JSON and PDF, forms with drafts and field-level validation, and the card token. Reads
 * need `view`; signing, forms and the card need `sign`. PHI reads and every change are
 * audited with ids only (R36).
 */
export const documentRoutes: FastifyPluginAsync<ProfileScopeOptions> = async (app, deps) => {
  defineRoute(app, op.getPacket, async (request) => packetView(deps, clientActorOf(request), request.query.language ?? 'en'));

  defineRoute(app, op.getDocument, async (request) =>
    documentView(deps, clientActorOf(request), Number(request.params.documentId), request.query.language ?? 'en'),
  );

  defineRoute(app, op.getEsignConsent, async (request) => esignView(deps, clientActorOf(request), request.query.language ?? 'en'));

  defineRoute(app, op.acceptEsignConsent, async (request, reply) => reply.code(201).send(acceptEsign(deps, clientActorOf(request), request.body)));

  defineRoute(app, op.signDocument, async (request, reply) => reply.code(201).send(sign(deps, clientActorOf(request), request.body)));

  defineRoute(app, op.listCompletedDocuments, async (request) => completedDocuments(deps, clientActorOf(request)));

  defineRoute(app, op.getSignedCopy, async (request) => signedCopy(deps, clientActorOf(request), Number(request.params.signatureId)));

  defineRoute(
    app,
    op.downloadSignedCopy,
    async (request, reply) => {
      const actor = clientActorOf(request);
      const copy = signedCopy(deps, actor, Number(request.params.signatureId));
      const download = await signedCopyDownload(copy, actor.profile.displayName);
      return reply.headers(download.headers).send(download.body);
    },
    { exposeHeadRoute: false },
  );

  defineRoute(app, op.getForm, async (request) => formState(deps, clientActorOf(request), request.params.formId));

  defineRoute(app, op.saveFormDraft, async (request) => saveFormDraft(deps, clientActorOf(request), request.params.formId, request.body.answers));

  defineRoute(app, op.submitForm, async (request) => submitForm(deps, clientActorOf(request), request.params.formId, request.body.answers));

  defineRoute(app, op.getPaymentCard, async (request) => cardState(deps, clientActorOf(request)));

  defineRoute(app, op.savePaymentCard, async (request) =>
    saveCardToken(deps, clientActorOf(request), request.body, new Date(deps.clock.now())),
  );
};
