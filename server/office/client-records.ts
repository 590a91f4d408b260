import type { CardOnFile, FormId, OfficeFileList, OfficeFormAnswers, OfficeFormList, OfficeSignatureList, SignedCopy } from '../../src/contract/index.js';
import { FORM_DEFINITIONS } from '../../src/contract/document-forms.js';
import { formDefinition } from '../documents/forms.js';
import { iso } from '../documents/present.js';
import { signatureRecord, signedCopyOf } from '../documents/signatures.js';
import { notFound } from '../errors.js';
import { fileItem } from '../files/commit.js';
import { findPacket } from '../repos/document-packets.js';
import { findFile, listFiles, type StoredFile } from '../repos/files.js';
import { findDraft, findSubmitted } from '../repos/form-answers.js';
import { findCard } from '../repos/payment-cards.js';
import { listSignatures } from '../repos/signatures.js';
import { audit } from '../request/audit.js';
import type { OfficeCall, OfficeDeps } from './call.js';
import { assertProfileVisible } from './visibility.js';

// What a client sent, read by the practice: files, forms, signatures with their evidence, and
// the card on file (brand, last four, expiry only). Each read first checks that the caller may
// see the client (404 otherwise), and each is one `sensitive_read` with ids only (R36).

function readAudit(deps: OfficeDeps, call: OfficeCall, profileId: number, resourceType: string, resourceId?: number | string): void {
  audit(deps, call, { action: 'sensitive_read', resourceType, resourceId: resourceId ?? null, profileId });
}

export function clientFiles(deps: OfficeDeps, call: OfficeCall, profileId: number): OfficeFileList {
  assertProfileVisible(deps, call, profileId);
  const files = listFiles(deps.db, call.practice.id, profileId).map((f) => ({ ...fileItem(f), uploadedBy: f.uploadedBy }));
  readAudit(deps, call, profileId, 'file_list');
  return { files };
}

/** One file of the client, whatever its scan status (the route refuses unreleased ones). */
export function clientFile(deps: OfficeDeps, call: OfficeCall, profileId: number, fileId: number): StoredFile {
  assertProfileVisible(deps, call, profileId);
  const file = findFile(deps.db, call.practice.id, profileId, fileId);
  if (!file) throw notFound();
  return file;
}

export function clientFileReadAudit(deps: OfficeDeps, call: OfficeCall, file: StoredFile, outcome: 'success' | 'failure'): void {
  audit(deps, call, { action: 'sensitive_read', outcome, resourceType: 'file', resourceId: file.id, profileId: file.profileId });
}

const formIdsInPacket = (deps: OfficeDeps, practiceId: number, profileId: number): FormId[] =>
  (findPacket(deps.db, practiceId, profileId)?.items ?? []).flatMap((i) => (i.kind === 'form' ? [i.formId] : []));

export function clientForms(deps: OfficeDeps, call: OfficeCall, profileId: number): OfficeFormList {
  assertProfileVisible(deps, call, profileId);
  const practiceId = call.practice.id;
  const forms = formIdsInPacket(deps, practiceId, profileId).map((formId) => {
    const draft = findDraft(deps.db, practiceId, profileId, formId);
    const submitted = findSubmitted(deps.db, practiceId, profileId, formId);
    const updated = Math.max(draft?.at ?? 0, submitted?.at ?? 0);
    return {
      documentId: formId,
      titleId: FORM_DEFINITIONS[formId].titleId,
      // A draft saved after a submission is an edit in progress; what was submitted still stands.
      status: submitted ? ('submitted' as const) : draft ? ('draft' as const) : ('not_started' as const),
      updatedAt: updated === 0 ? null : iso(updated),
      submittedAt: submitted ? iso(submitted.at) : null,
    };
  });
  readAudit(deps, call, profileId, 'form_list');
  return { forms };
}

/** The submitted answers of one form with its fields (label message ids); 404 when not submitted. */
export function clientFormAnswers(deps: OfficeDeps, call: OfficeCall, profileId: number, formId: FormId): OfficeFormAnswers {
  assertProfileVisible(deps, call, profileId);
  const practiceId = call.practice.id;
  const submitted = findSubmitted(deps.db, practiceId, profileId, formId);
  if (!submitted) throw notFound();
  readAudit(deps, call, profileId, 'form', formId);
  return {
    documentId: formId,
    formVersion: submitted.formVersion,
    definition: formDefinition(formId, call.practice, deps.clock.now()),
    answers: submitted.answers,
    submittedBy: submitted.submittedBy,
    submittedAt: iso(submitted.at),
  };
}

export function clientSignatures(deps: OfficeDeps, call: OfficeCall, profileId: number): OfficeSignatureList {
  assertProfileVisible(deps, call, profileId);
  const signatures = listSignatures(deps.db, call.practice.id, profileId).map((s) => signatureRecord(deps, s));
  readAudit(deps, call, profileId, 'signature_list');
  return { signatures };
}

/** One signature with the exact text signed (for the PDF); audited as a read of the signature. */
export function clientSignedCopy(deps: OfficeDeps, call: OfficeCall, profileId: number, signatureId: number): SignedCopy {
  assertProfileVisible(deps, call, profileId);
  const copy = signedCopyOf(deps, call.practice.id, profileId, signatureId);
  if (!copy) throw notFound();
  readAudit(deps, call, profileId, 'signature', signatureId);
  return copy;
}

export function clientCard(deps: OfficeDeps, call: OfficeCall, profileId: number): CardOnFile {
  assertProfileVisible(deps, call, profileId);
  const card = findCard(deps.db, call.practice.id, profileId);
  if (!card) throw notFound();
  readAudit(deps, call, profileId, 'payment_card');
  return { brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear };
}
