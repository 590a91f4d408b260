import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CompletedDocumentList,
  DocumentParams,
  DocumentVersion,
  EsignConsent,
  EsignConsentAcceptance,
  EsignConsentRecord,
  FormDefinition,
  FormDraftRequest,
  FormDraftSaved,
  FormParams,
  FormState,
  FormSubmissionRequest,
  FormSubmitted,
  LanguageQuery,
  Packet,
  PaymentCard,
  PaymentCardState,
  PaymentCardToken,
  ProfileParams,
  SignatureParams,
  SignatureRecord,
  SignatureRequest,
  SignedCopy,
} from '../../src/contract/index.js';
import { documentView } from '../documents/document-view.js';
import { acceptEsign, esignView } from '../documents/esign.js';
import { formState, saveFormDraft, submitForm } from '../documents/forms.js';
import { packetView } from '../documents/packet.js';
import { cardState, saveCardToken } from '../documents/payment-card.js';
import { completedDocuments, sign, signedCopy } from '../documents/signatures.js';
import { signedCopyPdf } from '../documents/pdf.js';
import { attachmentDisposition } from '../files/content-disposition.js';
import { addSchemasOnce } from '../plugins/local-schemas.js';
import type { ProfileScopeOptions } from '../plugins/profile-access.js';
import { clientActorOf } from '../request/actor.js';
import { errorResponse, errorResponses, ref } from '../schemas.js';
import { DOWNLOAD_CSP } from './files.js';

export const DOCUMENT_SCHEMAS = [
  Packet,
  DocumentVersion,
  EsignConsent,
  EsignConsentAcceptance,
  EsignConsentRecord,
  SignatureRequest,
  SignatureRecord,
  SignedCopy,
  CompletedDocumentList,
  FormDefinition,
  FormState,
  FormDraftRequest,
  FormDraftSaved,
  FormSubmissionRequest,
  FormSubmitted,
  PaymentCard,
  PaymentCardState,
  PaymentCardToken,
];

const SESSION = { 401: errorResponse('`session_expired`: the session passed its idle or absolute limit. `unauthorized`: no token, or an unknown or ended one.') };
const NOT_FOUND = {
  404: errorResponse('`not_found`: this sign-in may not act for the profile (or lacks the permission), or the item is not in the profile’s packet.'),
};
const COMMON = errorResponses(429, 500, 503);
const TAGS = ['documents', 'phi'];

/**
 * `<document-signer>`'s routes under `/p/:practice/profiles/:profileId` (session and profile
 * guards, R41): the packet, documents, the ESIGN consent, signatures (R44) and the signed copy
 * as JSON and PDF, forms with drafts and field-level validation, and the card token. Reads
 * need `view`; signing, forms and the card need `sign`. PHI reads and every change are
 * audited with ids only (R36).
 */
export const documentRoutes: FastifyPluginAsyncTypebox<ProfileScopeOptions> = async (app, deps) => {
  addSchemasOnce(app, DOCUMENT_SCHEMAS);

  app.get(
    '/documents/packet',
    {
      config: { profilePermission: 'view' },
      schema: {
        operationId: 'getPacket',
        summary: 'The profile’s intake and consent packet',
        description:
          'The welcome message and the ordered steps (documents to sign, forms, the payment card), each with its status, and whether ' +
          'the signer accepted the ESIGN consent. No packet: no items and a null welcome.',
        tags: TAGS,
        security: [{ bearer: [] }],
        params: ProfileParams,
        querystring: LanguageQuery,
        response: { 200: ref(Packet), ...errorResponses(400), ...SESSION, ...NOT_FOUND, ...COMMON },
      },
    },
    async (request) => packetView(deps, clientActorOf(request), request.query.language ?? 'en'),
  );

  app.get(
    '/documents/:documentId',
    {
      config: { profilePermission: 'view' },
      schema: {
        operationId: 'getDocument',
        summary: 'The newest version of a document, to read and sign',
        description: 'Its sanitized HTML in the language asked for (else English) and the SHA-256 of exactly that HTML, which a signature sends back.',
        tags: ['documents'],
        security: [{ bearer: [] }],
        params: DocumentParams,
        querystring: LanguageQuery,
        response: { 200: ref(DocumentVersion), ...errorResponses(400), ...SESSION, ...NOT_FOUND, ...COMMON },
      },
    },
    async (request) => documentView(deps, clientActorOf(request), Number(request.params.documentId), request.query.language ?? 'en'),
  );

  app.get(
    '/esign-consent',
    {
      config: { profilePermission: 'view' },
      schema: {
        operationId: 'getEsignConsent',
        summary: 'The consent to sign electronically, and whether it was accepted',
        tags: ['documents'],
        security: [{ bearer: [] }],
        params: ProfileParams,
        querystring: LanguageQuery,
        response: { 200: ref(EsignConsent), ...errorResponses(400), ...SESSION, ...NOT_FOUND, ...COMMON },
      },
    },
    async (request) => esignView(deps, clientActorOf(request), request.query.language ?? 'en'),
  );

  app.post<{ Body: EsignConsentAcceptance }>(
    '/esign-consent',
    {
      config: { profilePermission: 'sign' },
      schema: {
        operationId: 'acceptEsignConsent',
        summary: 'Accept the consent to sign electronically',
        description: 'Recorded once per account and text version, with time, IP and user agent. Accepting again answers the first record.',
        tags: ['documents'],
        security: [{ bearer: [] }],
        params: ProfileParams,
        body: ref(EsignConsentAcceptance),
        response: {
          201: ref(EsignConsentRecord),
          ...errorResponses(400),
          ...SESSION,
          ...NOT_FOUND,
          409: errorResponse('`document_changed`: `textVersion` is not the current consent text.'),
          ...COMMON,
        },
      },
    },
    async (request, reply) => reply.code(201).send(acceptEsign(deps, clientActorOf(request), request.body)),
  );

  app.post<{ Body: SignatureRequest }>(
    '/signatures',
    {
      config: { profilePermission: 'sign' },
      schema: {
        operationId: 'signDocument',
        summary: 'Sign the newest version of a document',
        description:
          'Records an immutable signature (R44): document and version, the SHA-256 of the exact text shown, language, the typed name, ' +
          'the profile acted for and the relationship, time (UTC), IP and user agent.',
        tags: TAGS,
        security: [{ bearer: [] }],
        params: ProfileParams,
        body: ref(SignatureRequest),
        response: {
          201: ref(SignatureRecord),
          ...errorResponses(400),
          ...SESSION,
          ...NOT_FOUND,
          409: errorResponse(
            '`document_changed`: not the newest version, or `textSha256` is not its text in that language. ' +
              '`esign_consent_required`: accept the ESIGN consent first. `already_signed`: this version is signed already.',
          ),
          ...COMMON,
        },
      },
    },
    async (request, reply) => reply.code(201).send(sign(deps, clientActorOf(request), request.body)),
  );

  app.get(
    '/signatures',
    {
      config: { profilePermission: 'view' },
      schema: {
        operationId: 'listCompletedDocuments',
        summary: 'The profile’s signed documents',
        tags: TAGS,
        security: [{ bearer: [] }],
        params: ProfileParams,
        response: { 200: ref(CompletedDocumentList), ...SESSION, ...NOT_FOUND, ...COMMON },
      },
    },
    async (request) => completedDocuments(deps, clientActorOf(request)),
  );

  app.get(
    '/signatures/:signatureId',
    {
      config: { profilePermission: 'view' },
      schema: {
        operationId: 'getSignedCopy',
        summary: 'A signed copy: the exact text signed and its signature',
        tags: TAGS,
        security: [{ bearer: [] }],
        params: SignatureParams,
        response: { 200: ref(SignedCopy), ...SESSION, ...NOT_FOUND, ...COMMON },
      },
    },
    async (request) => signedCopy(deps, clientActorOf(request), Number(request.params.signatureId)),
  );

  app.get(
    '/signatures/:signatureId/pdf',
    {
      config: { profilePermission: 'view' },
      exposeHeadRoute: false,
      schema: {
        operationId: 'downloadSignedCopy',
        summary: 'A signed copy as PDF',
        description:
          'The text, the signature block, the signer and the time, as `application/pdf` with `Content-Disposition: attachment`, ' +
          '`X-Content-Type-Options: nosniff`, `Content-Security-Policy: sandbox` and `Cache-Control: no-store`.',
        tags: TAGS,
        security: [{ bearer: [] }],
        params: SignatureParams,
        response: {
          200: {
            description: 'The PDF.',
            headers: { 'Content-Disposition': { type: 'string', description: '`attachment; filename="…"; filename*=UTF-8\'\'…`' } },
            content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
          },
          ...SESSION,
          ...NOT_FOUND,
          ...COMMON,
        },
      },
    },
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
  );

  app.get(
    '/forms/:formId',
    {
      config: { profilePermission: 'view' },
      schema: {
        operationId: 'getForm',
        summary: 'A form: its field descriptions, the saved draft and the submitted answers',
        tags: TAGS,
        security: [{ bearer: [] }],
        params: FormParams,
        response: { 200: ref(FormState), ...errorResponses(400), ...SESSION, ...NOT_FOUND, ...COMMON },
      },
    },
    async (request) => formState(deps, clientActorOf(request), request.params.formId),
  );

  app.put<{ Body: FormDraftRequest; Params: FormParams }>(
    '/forms/:formId/draft',
    {
      config: { profilePermission: 'sign' },
      schema: {
        operationId: 'saveFormDraft',
        summary: 'Save the form’s draft as the client types',
        description: 'Replaces the draft. Only unknown fields, wrong types and over-long values are refused (`fields`: `answers.<fieldId>`).',
        tags: TAGS,
        security: [{ bearer: [] }],
        params: FormParams,
        body: ref(FormDraftRequest),
        response: { 200: ref(FormDraftSaved), ...errorResponses(400), ...SESSION, ...NOT_FOUND, ...COMMON },
      },
    },
    async (request) => saveFormDraft(deps, clientActorOf(request), request.params.formId, request.body.answers),
  );

  app.post<{ Body: FormSubmissionRequest; Params: FormParams }>(
    '/forms/:formId/submission',
    {
      config: { profilePermission: 'sign' },
      schema: {
        operationId: 'submitForm',
        summary: 'Submit the reviewed answers',
        description:
          'Validated field by field against the form’s descriptions: 400 `validation` with `fields` = { "answers.<fieldId>": ' +
          '`required` | `invalid` | `too_long` | `out_of_range` }. Stored answers replace earlier ones; the draft is cleared.',
        tags: TAGS,
        security: [{ bearer: [] }],
        params: FormParams,
        body: ref(FormSubmissionRequest),
        response: { 200: ref(FormSubmitted), ...errorResponses(400), ...SESSION, ...NOT_FOUND, ...COMMON },
      },
    },
    async (request) => submitForm(deps, clientActorOf(request), request.params.formId, request.body.answers),
  );

  app.get(
    '/payment-card',
    {
      config: { profilePermission: 'view' },
      schema: {
        operationId: 'getPaymentCard',
        summary: 'The card on file and where the card-entry iframe lives',
        description: 'The payment origin and page for the iframe (R69). 503 `unavailable` when the practice has no processor configured.',
        tags: TAGS,
        security: [{ bearer: [] }],
        params: ProfileParams,
        response: { 200: ref(PaymentCardState), ...SESSION, ...NOT_FOUND, ...COMMON },
      },
    },
    async (request) => cardState(deps, clientActorOf(request)),
  );

  app.put<{ Body: PaymentCardToken }>(
    '/payment-card',
    {
      config: { profilePermission: 'sign' },
      schema: {
        operationId: 'savePaymentCard',
        summary: 'Save the card token the payment iframe handed back',
        description: 'Stores only the token, brand, last 4 and expiry (R57–R61). A card number never reaches this endpoint.',
        tags: TAGS,
        security: [{ bearer: [] }],
        params: ProfileParams,
        body: ref(PaymentCardToken),
        response: { 200: ref(PaymentCard), ...errorResponses(400), ...SESSION, ...NOT_FOUND, ...COMMON },
      },
    },
    async (request) => saveCardToken(deps, clientActorOf(request), request.body, new Date(deps.clock.now())),
  );
};
