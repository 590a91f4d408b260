import type { CompletedDocumentList, SignatureRecord, SignatureRequest, SignedCopy } from '../../src/contract/index.js';
import { transaction } from '../db/transaction.js';
import { ApiError, notFound } from '../errors.js';
import type { AccessibleProfile } from '../repos/clients.js';
import { findDocumentText } from '../repos/documents.js';
import { findSignature, insertSignature, listSignatures, type Signature } from '../repos/signatures.js';
import type { ClientActor } from '../request/actor.js';
import { audit } from '../request/audit.js';
import { esignAccepted } from './esign.js';
import { ESIGN_TEXT_VERSION } from './esign-text.js';
import { documentInPacket, type DocDeps } from './packet-items.js';
import { asLanguage, iso } from './present.js';
import { latestVersionOf } from './texts.js';

/** A signature with its evidence, as the signer and the office read it. */
export function signatureRecord(deps: DocDeps, s: Signature): SignatureRecord {
  return {
    id: s.id,
    documentId: s.templateId,
    version: s.version,
    title: findDocumentText(deps.db, s.practiceId, s.templateId, s.version, s.language)?.title ?? '',
    textSha256: s.textSha256,
    language: asLanguage(s.language),
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

function checkRelationship(actor: ClientActor, body: SignatureRequest): void {
  if (needsRelationship(actor.profile) && body.relationship === undefined) {
    throw new ApiError(400, 'validation', undefined, { relationship: 'required' });
  }
  if (actor.profile.relationship === 'self' && body.relationship !== undefined) {
    throw new ApiError(400, 'validation', undefined, { relationship: 'invalid' });
  }
}

/** An immutable signature of the newest version, exactly as shown (R44). */
export function sign(deps: DocDeps, actor: ClientActor, body: SignatureRequest): SignatureRecord {
  checkRelationship(actor, body);
  if (!documentInPacket(deps, actor, body.documentId)) throw notFound();
  return transaction(deps.db, () => {
    const latest = latestVersionOf(deps, actor.practice.id, body.documentId);
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
      userAgent: actor.meta.userAgent ?? '',
      esignConsentVersion: ESIGN_TEXT_VERSION,
    });
    if (!signature) throw new ApiError(409, 'already_signed');
    audit(deps, actor, { action: 'sensitive_create', resourceType: 'signature', resourceId: signature.id });
    return signatureRecord(deps, signature);
  });
}

export function completedDocuments(deps: DocDeps, actor: ClientActor): CompletedDocumentList {
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
  audit(deps, actor, { action: 'sensitive_read', resourceType: 'signature_list' });
  return { documents };
}

/** A signature of the profile with the exact text signed; undefined when there is none. */
export function signedCopyOf(deps: DocDeps, practiceId: number, profileId: number, signatureId: number): SignedCopy | undefined {
  const signature = findSignature(deps.db, practiceId, profileId, signatureId);
  const text = signature && findDocumentText(deps.db, practiceId, signature.templateId, signature.version, signature.language);
  return signature && text ? { signature: signatureRecord(deps, signature), html: text.html } : undefined;
}

export function signedCopy(deps: DocDeps, actor: ClientActor, signatureId: number): SignedCopy {
  const copy = signedCopyOf(deps, actor.practice.id, actor.profile.id, signatureId);
  if (!copy) throw notFound();
  audit(deps, actor, { action: 'sensitive_read', resourceType: 'signature', resourceId: signatureId });
  return copy;
}
