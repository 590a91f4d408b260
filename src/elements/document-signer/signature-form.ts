import type { FormField, SignerRelationship } from '../../contract/index.js';
import type { FormViewModel } from './form-view.js';

// The contract's list, repeated: the browser imports only its types (no schema code ships).
const RELATIONSHIPS: readonly SignerRelationship[] = ['parent', 'legal_guardian', 'personal_representative'];

/** Agreeing and signing are small forms too, rendered and checked like the intake forms. */
export function signatureForm(consent: boolean, guardian: boolean): FormViewModel {
  const agree: FormField = { id: 'agreed', kind: 'checkbox', labelId: consent ? 'consent.agree' : 'sign.agree', required: true };
  const fields: FormField[] = consent
    ? [agree]
    : [agree, { id: 'fullName', kind: 'text', labelId: 'sign.name', required: true, autocomplete: 'name', maxLength: 200 }];
  if (guardian && !consent) {
    const options = RELATIONSHIPS.map((value) => ({ value, labelId: `sign.relationship.${value}` }));
    fields.push({ id: 'relationship', kind: 'select', labelId: 'sign.relationship', required: true, options });
  }
  return { fields, answers: {}, errors: {}, showSummary: false };
}
