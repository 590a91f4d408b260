import type { FastifyRequest } from 'fastify';
import {
  FORM_IDS,
  type CompletedDocumentList,
  type DocumentVersion,
  type EsignConsent,
  type EsignConsentAcceptance,
  type EsignConsentRecord,
  type FormAnswers,
  type FormDefinition,
  type FormDraftSaved,
  type FormId,
  type FormState,
  type FormSubmitted,
  type Language,
  type Packet,
  type PacketItem,
  type PaymentCard,
  type PaymentCardState,
  type PaymentCardToken,
  type SignatureRecord,
  type SignatureRequest,
  type SignedCopy,
} from '../../src/contract/index.js';
import { FORM_DEFINITIONS } from '../../src/contract/document-forms.js';
import { requestMeta, type RequestMeta } from '../auth/context.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { transaction } from '../db/transaction.js';
import { ApiError, notFound } from '../errors.js';
import { practiceOf } from '../plugins/practice-resolver.js';
import { actingProfileOf } from '../plugins/profile-access.js';
import { authOf } from '../plugins/session-auth.js';
import { appendAudit, type AuditAction } from '../repos/audit.js';
import type { AccessibleProfile } from '../repos/clients.js';
import { findDocumentText, listDocumentTemplates, type DocumentText } from '../repos/documents.js';
import { findPacket, type StoredPacket } from '../repos/document-packets.js';
import { findEsignConsent, recordEsignConsent } from '../repos/esign-consents.js';
import { findDraft, findSubmitted, saveDraft, submitAnswers } from '../repos/form-answers.js';
import { findCard, findPaymentSettings, saveCard, type StoredCard } from '../repos/payment-cards.js';
import type { Practice } from '../repos/practices.js';
import { findSignature, insertSignature, listSignatures, type Signature } from '../repos/signatures.js';
import { ESIGN_TEXT, ESIGN_TEXT_VERSION } from './esign-text.js';
import { normalizeAnswers, validateAnswers } from './form-validation.js';

export interface DocDeps {
  db: Db;
  clock: Clock;
}

/** Who acts: the signed-in account, for the profile in the path, from where. */
export interface DocActor {
  practice: Practice;
  accountId: number;
  profile: AccessibleProfile;
  meta: RequestMeta;
  userAgent: string;
}

export function docActorOf(request: FastifyRequest): DocActor {
  const ua = request.headers['user-agent'];
  return {
    practice: practiceOf(request),
    accountId: authOf(request).accountId,
    profile: actingProfileOf(request),
    meta: requestMeta(request),
    userAgent: (typeof ua === 'string' ? ua : '').slice(0, 512),
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
const lang = (value: string): Language => (value === 'es' ? 'es' : 'en');

/** One audit event (R36): ids and codes only, never an answer, a name or a card detail. */
export function auditDocuments(
  deps: DocDeps,
  actor: DocActor,
  event: { action: AuditAction; resourceType: string; resourceId?: string | number | null; outcome?: 'success' | 'failure' },
): void {
  appendAudit(deps.db, deps.clock, {
    practiceId: actor.practice.id,
    actorAccountId: actor.accountId,
    actingProfileId: actor.profile.id,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId ?? null,
    outcome: event.outcome ?? 'success',
    ip: actor.meta.ip,
    origin: actor.meta.origin,
  });
}

/** The text of a version in `language`, else English, else any language it has. */
function textFor(deps: DocDeps, practiceId: number, templateId: number, version: number, language: string): DocumentText | undefined {
  return (
    findDocumentText(deps.db, practiceId, templateId, version, language) ??
    findDocumentText(deps.db, practiceId, templateId, version, 'en') ??
    findDocumentText(deps.db, practiceId, templateId, version, 'es')
  );
}

function latestVersions(deps: DocDeps, practiceId: number): Map<number, number> {
  return new Map(listDocumentTemplates(deps.db, practiceId).map((t) => [t.id, t.latestVersion]));
}

function packetOf(deps: DocDeps, actor: DocActor): StoredPacket | undefined {
  return findPacket(deps.db, actor.practice.id, actor.profile.id);
}

function esignAccepted(deps: DocDeps, actor: DocActor) {
  return findEsignConsent(deps.db, actor.practice.id, actor.accountId, ESIGN_TEXT_VERSION);
}

export function packetView(deps: DocDeps, actor: DocActor, language: Language): Packet {
  const packet = packetOf(deps, actor);
  const practiceId = actor.practice.id;
  const latest = latestVersions(deps, practiceId);
  const signatures = listSignatures(deps.db, practiceId, actor.profile.id);
  const items: PacketItem[] = [];
  for (const item of packet?.items ?? []) {
    if (item.kind === 'document') {
      const version = latest.get(item.templateId) ?? 0;
      if (version === 0) continue;
      const mine = signatures.filter((s) => s.templateId === item.templateId);
      const current = mine.find((s) => s.version === version);
      const signedVersion = mine.length === 0 ? null : Math.max(...mine.map((s) => s.version));
      items.push({
        kind: 'document',
        documentId: item.templateId,
        version,
        title: textFor(deps, practiceId, item.templateId, version, language)?.title ?? '',
        status: current ? 'completed' : 'pending',
        signedVersion,
        signatureId: current?.id ?? null,
      });
    } else if (item.kind === 'form') {
      const submitted = findSubmitted(deps.db, practiceId, actor.profile.id, item.formId);
      const draft = findDraft(deps.db, practiceId, actor.profile.id, item.formId);
      items.push({ kind: 'form', formId: item.formId, status: submitted ? 'completed' : draft ? 'in_progress' : 'pending' });
    } else {
      items.push({ kind: 'payment_card', status: findCard(deps.db, practiceId, actor.profile.id) ? 'completed' : 'pending' });
    }
  }
  const welcome = packet?.welcomeHtml;
  auditDocuments(deps, actor, { action: 'sensitive_read', resourceType: 'document_packet' });
  return {
    profileId: actor.profile.id,
    language,
    welcomeHtml: welcome ? (welcome[language] ?? welcome.en ?? Object.values(welcome)[0] ?? null) : null,
    esignConsent: { textVersion: ESIGN_TEXT_VERSION, accepted: esignAccepted(deps, actor) !== undefined },
    items,
    completed: items.length > 0 && items.every((i) => i.status === 'completed'),
  };
}

/** A document the profile may see: in its packet now, or signed before. */
function visibleDocument(deps: DocDeps, actor: DocActor, documentId: number): boolean {
  const inPacket = packetOf(deps, actor)?.items.some((i) => i.kind === 'document' && i.templateId === documentId) ?? false;
  return inPacket || listSignatures(deps.db, actor.practice.id, actor.profile.id).some((s) => s.templateId === documentId);
}

function inPacket(deps: DocDeps, actor: DocActor, documentId: number): boolean {
  return packetOf(deps, actor)?.items.some((i) => i.kind === 'document' && i.templateId === documentId) ?? false;
}

export function documentView(deps: DocDeps, actor: DocActor, documentId: number, language: Language): DocumentVersion {
  if (!visibleDocument(deps, actor, documentId)) throw notFound();
  const version = latestVersions(deps, actor.practice.id).get(documentId);
  const text = version ? textFor(deps, actor.practice.id, documentId, version, language) : undefined;
  if (!text) throw notFound();
  return { documentId, version: text.version, title: text.title, html: text.html, language: lang(text.language), textSha256: text.sha256 };
}

export function esignView(deps: DocDeps, actor: DocActor, language: Language): EsignConsent {
  const accepted = esignAccepted(deps, actor);
  return {
    textVersion: ESIGN_TEXT_VERSION,
    language,
    html: ESIGN_TEXT[language],
    accepted: accepted !== undefined,
    acceptedAt: accepted ? iso(accepted.acceptedAt) : null,
  };
}

export function acceptEsign(deps: DocDeps, actor: DocActor, body: EsignConsentAcceptance): EsignConsentRecord {
  if (body.textVersion !== ESIGN_TEXT_VERSION) throw new ApiError(409, 'document_changed');
  return transaction(deps.db, () => {
    const existing = esignAccepted(deps, actor);
    const row =
      existing ??
      recordEsignConsent(deps.db, deps.clock, {
        practiceId: actor.practice.id,
        accountId: actor.accountId,
        profileId: actor.profile.id,
        textVersion: body.textVersion,
        language: body.language,
        ip: actor.meta.ip,
        userAgent: actor.userAgent,
      });
    if (!existing) auditDocuments(deps, actor, { action: 'sensitive_create', resourceType: 'esign_consent', resourceId: row.id });
    return { textVersion: row.textVersion, language: lang(row.language), accountId: row.accountId, profileId: row.profileId, acceptedAt: iso(row.acceptedAt) };
  });
}

function signatureRecord(deps: DocDeps, s: Signature): SignatureRecord {
  return {
    id: s.id,
    documentId: s.templateId,
    version: s.version,
    title: findDocumentText(deps.db, s.practiceId, s.templateId, s.version, s.language)?.title ?? '',
    textSha256: s.textSha256,
    language: lang(s.language),
    signerAccountId: s.accountId,
    signerName: s.signerName,
    profileId: s.profileId,
    relationship: s.relationship,
    signedAt: iso(s.signedAt),
    ip: s.ip,
    userAgent: s.userAgent,
    esignConsentVersion: s.esignConsentVersion,
  };
}

/** Whether the signer must say how they stand to the profile: a minor, or a guardian's link. */
export function needsRelationship(profile: AccessibleProfile): boolean {
  return profile.kind === 'minor' || profile.relationship === 'guardian';
}

export function sign(deps: DocDeps, actor: DocActor, body: SignatureRequest): SignatureRecord {
  if (needsRelationship(actor.profile) && body.relationship === undefined) {
    throw new ApiError(400, 'validation', undefined, { relationship: 'required' });
  }
  if (actor.profile.relationship === 'self' && body.relationship !== undefined) {
    throw new ApiError(400, 'validation', undefined, { relationship: 'invalid' });
  }
  if (!inPacket(deps, actor, body.documentId)) throw notFound();
  return transaction(deps.db, () => {
    const latest = latestVersions(deps, actor.practice.id).get(body.documentId);
    const text = findDocumentText(deps.db, actor.practice.id, body.documentId, body.version, body.language);
    if (!text || latest !== body.version || text.sha256 !== body.textSha256) throw new ApiError(409, 'document_changed');
    if (!esignAccepted(deps, actor)) throw new ApiError(409, 'esign_consent_required');
    const signature = insertSignature(deps.db, deps.clock, {
      practiceId: actor.practice.id,
      profileId: actor.profile.id,
      accountId: actor.accountId,
      templateId: body.documentId,
      version: body.version,
      language: text.language,
      textSha256: text.sha256,
      signerName: body.fullName.trim(),
      relationship: body.relationship ?? null,
      ip: actor.meta.ip.slice(0, 64),
      userAgent: actor.userAgent,
      esignConsentVersion: ESIGN_TEXT_VERSION,
    });
    if (!signature) throw new ApiError(409, 'already_signed');
    auditDocuments(deps, actor, { action: 'sensitive_create', resourceType: 'signature', resourceId: signature.id });
    return signatureRecord(deps, signature);
  });
}

export function completedDocuments(deps: DocDeps, actor: DocActor): CompletedDocumentList {
  const documents = listSignatures(deps.db, actor.practice.id, actor.profile.id).map((s) => {
    const record = signatureRecord(deps, s);
    return {
      signatureId: s.id,
      documentId: s.templateId,
      version: s.version,
      title: record.title,
      language: record.language,
      signerName: s.signerName,
      relationship: s.relationship,
      signedAt: record.signedAt,
    };
  });
  auditDocuments(deps, actor, { action: 'sensitive_read', resourceType: 'signature_list' });
  return { documents };
}

export function signedCopy(deps: DocDeps, actor: DocActor, signatureId: number): SignedCopy {
  const signature = findSignature(deps.db, actor.practice.id, actor.profile.id, signatureId);
  if (!signature) throw notFound();
  const text = findDocumentText(deps.db, actor.practice.id, signature.templateId, signature.version, signature.language);
  if (!text) throw notFound();
  auditDocuments(deps, actor, { action: 'sensitive_read', resourceType: 'signature', resourceId: signature.id });
  return { signature: signatureRecord(deps, signature), html: text.html };
}

// ------------------------------------------------------------------ forms

function formInPacket(deps: DocDeps, actor: DocActor, formId: FormId): void {
  if (!(packetOf(deps, actor)?.items.some((i) => i.kind === 'form' && i.formId === formId) ?? false)) throw notFound();
}

/** The form as the client sees it today: a date of birth at most today (the practice's day). */
export function formDefinition(formId: FormId, practice: Practice, now: number): FormDefinition {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: practice.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const definition = FORM_DEFINITIONS[formId];
  return { ...definition, fields: definition.fields.map((f) => (f.kind === 'date' ? { ...f, max: today } : f)) };
}

export function isFormId(value: string): value is FormId {
  return (FORM_IDS as readonly string[]).includes(value);
}

export function formState(deps: DocDeps, actor: DocActor, formId: FormId): FormState {
  formInPacket(deps, actor, formId);
  const draft = findDraft(deps.db, actor.practice.id, actor.profile.id, formId);
  const submitted = findSubmitted(deps.db, actor.practice.id, actor.profile.id, formId);
  auditDocuments(deps, actor, { action: 'sensitive_read', resourceType: 'form', resourceId: formId });
  return {
    definition: formDefinition(formId, actor.practice, deps.clock.now()),
    draft: draft ? { answers: draft.answers, savedAt: iso(draft.at) } : null,
    submitted: submitted ? { answers: submitted.answers, submittedAt: iso(submitted.at) } : null,
  };
}

function refuseInvalid(fields: Record<string, string>): void {
  if (Object.keys(fields).length > 0) throw new ApiError(400, 'validation', undefined, fields as Record<string, 'invalid'>);
}

export function saveFormDraft(deps: DocDeps, actor: DocActor, formId: FormId, answers: FormAnswers): FormDraftSaved {
  formInPacket(deps, actor, formId);
  const definition = formDefinition(formId, actor.practice, deps.clock.now());
  refuseInvalid(validateAnswers(definition, answers, 'draft'));
  return transaction(deps.db, () => {
    const at = saveDraft(deps.db, deps.clock, { practiceId: actor.practice.id, profileId: actor.profile.id, formId, accountId: actor.accountId, answers });
    auditDocuments(deps, actor, { action: 'sensitive_update', resourceType: 'form_draft', resourceId: formId });
    return { formId, savedAt: iso(at) };
  });
}

export function submitForm(deps: DocDeps, actor: DocActor, formId: FormId, answers: FormAnswers): FormSubmitted {
  formInPacket(deps, actor, formId);
  const definition = formDefinition(formId, actor.practice, deps.clock.now());
  const fields = validateAnswers(definition, answers, 'submit');
  if (Object.keys(fields).length > 0) {
    auditDocuments(deps, actor, { action: 'sensitive_update', resourceType: 'form', resourceId: formId, outcome: 'failure' });
    refuseInvalid(fields);
  }
  return transaction(deps.db, () => {
    const at = submitAnswers(deps.db, deps.clock, {
      practiceId: actor.practice.id,
      profileId: actor.profile.id,
      formId,
      formVersion: definition.version,
      accountId: actor.accountId,
      answers: normalizeAnswers(definition, answers),
    });
    auditDocuments(deps, actor, { action: 'sensitive_update', resourceType: 'form', resourceId: formId });
    return { formId, submittedAt: iso(at) };
  });
}

// ------------------------------------------------------------------ payment card

function cardInPacket(deps: DocDeps, actor: DocActor): void {
  if (!(packetOf(deps, actor)?.items.some((i) => i.kind === 'payment_card') ?? false)) throw notFound();
}

const shownCard = (card: StoredCard): PaymentCard => ({
  brand: card.brand,
  last4: card.last4,
  expMonth: card.expMonth,
  expYear: card.expYear,
  savedAt: iso(card.savedAt),
});

export function cardState(deps: DocDeps, actor: DocActor): PaymentCardState {
  cardInPacket(deps, actor);
  const settings = findPaymentSettings(deps.db, actor.practice.id);
  if (!settings) throw new ApiError(503, 'unavailable', 'No payment processor is configured for this practice.');
  const card = findCard(deps.db, actor.practice.id, actor.profile.id);
  auditDocuments(deps, actor, { action: 'sensitive_read', resourceType: 'payment_card' });
  return { card: card ? shownCard(card) : null, processor: { origin: settings.processorOrigin, pageUrl: settings.pageUrl } };
}

export function saveCardToken(deps: DocDeps, actor: DocActor, body: PaymentCardToken, now: Date): PaymentCard {
  cardInPacket(deps, actor);
  // A token is opaque and short of digits: a run that could be a card number is refused (R57).
  if (/[0-9]{13,}/.test(body.token)) throw new ApiError(400, 'validation', undefined, { token: 'invalid' });
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  if (body.expYear < year || (body.expYear === year && body.expMonth < month)) {
    throw new ApiError(400, 'validation', undefined, { expYear: 'out_of_range' });
  }
  return transaction(deps.db, () => {
    const card = saveCard(deps.db, deps.clock, { practiceId: actor.practice.id, profileId: actor.profile.id, accountId: actor.accountId, ...body });
    auditDocuments(deps, actor, { action: 'sensitive_update', resourceType: 'payment_card' });
    return shownCard(card);
  });
}
