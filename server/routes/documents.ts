import type { FastifyPluginAsync } from 'fastify';
import * as op from '../../src/contract/operations/documents.js';
import { documentView } from '../documents/document-view.js';
import { acceptEsign, esignView } from '../documents/esign.js';
import { formState, saveFormDraft, submitForm } from '../documents/forms.js';
import { packetView } from '../documents/packet.js';
import { cardState, saveCardToken } from '../documents/payment-card.js';
import { signedCopyPdf } from '../documents/pdf.js';
import { completedDocuments, sign, signedCopy } from '../documents/signatures.js';
import { attachmentDisposition } from '../files/content-disposition.js';
import type { ProfileScopeOptions } from '../plugins/profile-access.js';
import { clientActorOf } from '../request/actor.js';
import { defineRoute } from './define-route.js';
import { DOWNLOAD_CSP } from './files.js';

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
      const bytes = await signedCopyPdf(copy, actor.profile.displayName);
      const name = `${copy.signature.title || 'document'} v${copy.signature.version}.pdf`.replace(/[\\/:*?"<>|]/g, '-');
      return reply
        .headers({
          'content-type': 'application/pdf',
          'content-length': String(bytes.byteLength),
          'content-disposition': attachmentDisposition(name),
          'content-security-policy': DOWNLOAD_CSP,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        })
        .send(Buffer.from(bytes));
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
