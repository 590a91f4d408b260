import { FORM_IDS, type FormAnswers, type FormDefinition, type FormDraftSaved, type FormId, type FormState, type FormSubmitted } from '../../src/contract/index.js';
import { FORM_DEFINITIONS } from '../../src/contract/document-forms.js';
import { transaction } from '../db/transaction.js';
import { ApiError } from '../errors.js';
import { findDraft, findSubmitted, saveDraft, submitAnswers } from '../repos/form-answers.js';
import type { Practice } from '../repos/practices.js';
import type { ClientActor } from '../request/actor.js';
import { audit } from '../request/audit.js';
import { normalizeAnswers, validateAnswers } from './form-validation.js';
import { requireFormInPacket, type DocDeps } from './packet-items.js';
import { iso } from './present.js';
import { emitPracticeEvent } from '../events/emit.js';
import { emitIfPacketCompleted, packetComplete } from './packet-completion.js';

/** The form as the client sees it today: a date of birth at most today (the practice's day). */
export function formDefinition(formId: FormId, practice: Practice, now: number): FormDefinition {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: practice.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const definition = FORM_DEFINITIONS[formId];
  return { ...definition, fields: definition.fields.map((f) => (f.kind === 'date' ? { ...f, max: today } : f)) };
}

export function isFormId(value: string): value is FormId {
  return (FORM_IDS as readonly string[]).includes(value);
}

export function formState(deps: DocDeps, actor: ClientActor, formId: FormId): FormState {
  requireFormInPacket(deps, actor, formId);
  const draft = findDraft(deps.db, actor.practice.id, actor.profile.id, formId);
  const submitted = findSubmitted(deps.db, actor.practice.id, actor.profile.id, formId);
  audit(deps, actor, { action: 'sensitive_read', resourceType: 'form', resourceId: formId });
  return {
    definition: formDefinition(formId, actor.practice, deps.clock.now()),
    draft: draft ? { answers: draft.answers, savedAt: iso(draft.at) } : null,
    submitted: submitted ? { answers: submitted.answers, submittedAt: iso(submitted.at) } : null,
  };
}

function refuseInvalid(fields: Record<string, string>): void {
  if (Object.keys(fields).length > 0) throw new ApiError(400, 'validation', undefined, fields as Record<string, 'invalid'>);
}

export function saveFormDraft(deps: DocDeps, actor: ClientActor, formId: FormId, answers: FormAnswers): FormDraftSaved {
  requireFormInPacket(deps, actor, formId);
  const definition = formDefinition(formId, actor.practice, deps.clock.now());
  refuseInvalid(validateAnswers(definition, answers, 'draft'));
  return transaction(deps.db, () => {
    const at = saveDraft(deps.db, deps.clock, { practiceId: actor.practice.id, profileId: actor.profile.id, formId, accountId: actor.accountId, answers });
    audit(deps, actor, { action: 'sensitive_update', resourceType: 'form_draft', resourceId: formId });
    return { formId, savedAt: iso(at) };
  });
}

export function submitForm(deps: DocDeps, actor: ClientActor, formId: FormId, answers: FormAnswers): FormSubmitted {
  requireFormInPacket(deps, actor, formId);
  const definition = formDefinition(formId, actor.practice, deps.clock.now());
  const fields = validateAnswers(definition, answers, 'submit');
  if (Object.keys(fields).length > 0) {
    audit(deps, actor, { action: 'sensitive_update', resourceType: 'form', resourceId: formId, outcome: 'failure' });
    refuseInvalid(fields);
  }
  return transaction(deps.db, () => {
    const wasComplete = packetComplete(deps, actor);
    const at = submitAnswers(deps.db, deps.clock, {
      practiceId: actor.practice.id,
      profileId: actor.profile.id,
      formId,
      formVersion: definition.version,
      accountId: actor.accountId,
      answers: normalizeAnswers(definition, answers),
    });
    audit(deps, actor, { action: 'sensitive_update', resourceType: 'form', resourceId: formId });
    emitPracticeEvent(deps, actor.practice.id, { type: 'form.submitted', profileId: actor.profile.id, data: { profileId: actor.profile.id, formId, formVersion: definition.version } });
    emitIfPacketCompleted(deps, actor, wasComplete);
    return { formId, submittedAt: iso(at) };
  });
}
