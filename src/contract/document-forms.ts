import type { FieldOption, FormDefinition, FormField, FormId, PatternCode } from './documents.js';

// The packet's forms as data (FormDefinition). The server answers these from GET forms/:formId
// (adding `max: today` to dates of birth) and validates submissions against them; the browser
// renders from what the server answers and imports these only in stories and tests. Message ids:
// title `form.<formId>`, label `<formId>.<fieldId>`, section `<formId>.section.<name>`, option
// `<formId>.<fieldId>.<value>`.

export const PATTERN_SOURCES: Record<PatternCode, string> = {
  postal_code: '^[0-9]{5}(-[0-9]{4})?$',
  phone: '^[0-9+() .\\-]{7,20}$',
  state: '^[A-Za-z]{2}$',
  member_id: '^[A-Za-z0-9-]{1,40}$',
};

type FieldSpec = Omit<FormField, 'labelId' | 'options' | 'patternSource'> & { options?: readonly string[] };

function form(id: FormId, version: number, specs: FieldSpec[]): FormDefinition {
  return {
    id,
    version,
    titleId: `form.${id}`,
    fields: specs.map(({ options, ...spec }) => {
      const field: FormField = { ...spec, labelId: `${id}.${spec.id}` };
      if (spec.section !== undefined) field.section = `${id}.section.${spec.section}`;
      if (options) field.options = options.map((value): FieldOption => ({ value, labelId: `${id}.${spec.id}.${value}` }));
      if (spec.pattern) field.patternSource = PATTERN_SOURCES[spec.pattern];
      return field;
    }),
  };
}

const PREFER_NOT = 'prefer_not_to_say';

export const CONTACT_FORM = form('contact', 1, [
  { id: 'addressLine1', kind: 'text', section: 'address', required: true, autocomplete: 'address-line1', maxLength: 200 },
  { id: 'addressLine2', kind: 'text', section: 'address', required: false, autocomplete: 'address-line2', maxLength: 200 },
  { id: 'city', kind: 'text', section: 'address', required: true, autocomplete: 'address-level2', maxLength: 100 },
  { id: 'state', kind: 'text', section: 'address', required: true, autocomplete: 'address-level1', maxLength: 2, pattern: 'state' },
  { id: 'postalCode', kind: 'text', section: 'address', required: true, autocomplete: 'postal-code', maxLength: 10, pattern: 'postal_code' },
  { id: 'mobilePhone', kind: 'tel', section: 'phones', required: true, autocomplete: 'mobile tel', maxLength: 20, pattern: 'phone' },
  { id: 'homePhone', kind: 'tel', section: 'phones', required: false, autocomplete: 'home tel', maxLength: 20, pattern: 'phone' },
  { id: 'textReminders', kind: 'checkbox', section: 'phones', required: false },
  { id: 'email', kind: 'email', section: 'phones', required: true, autocomplete: 'email', maxLength: 254 },
  { id: 'emergencyName', kind: 'text', section: 'emergency', required: true, autocomplete: 'off', maxLength: 200 },
  { id: 'emergencyRelationship', kind: 'text', section: 'emergency', required: true, autocomplete: 'off', maxLength: 100 },
  { id: 'emergencyPhone', kind: 'tel', section: 'emergency', required: true, autocomplete: 'off', maxLength: 20, pattern: 'phone' },
]);

export const DEMOGRAPHICS_FORM = form('demographics', 1, [
  { id: 'dateOfBirth', kind: 'date', required: true, autocomplete: 'bday', min: '1900-01-01' },
  {
    id: 'genderIdentity',
    kind: 'select',
    required: true,
    autocomplete: 'off',
    options: ['woman', 'man', 'nonbinary', 'transgender_woman', 'transgender_man', 'another', PREFER_NOT],
  },
  { id: 'genderSelfDescribed', kind: 'text', required: false, autocomplete: 'off', maxLength: 100 },
  { id: 'pronouns', kind: 'select', required: false, autocomplete: 'off', options: ['she_her', 'he_him', 'they_them', 'another', PREFER_NOT] },
  { id: 'preferredLanguage', kind: 'select', required: true, autocomplete: 'language', options: ['en', 'es', 'other'] },
  {
    id: 'race',
    kind: 'checkbox',
    section: 'optional',
    required: false,
    options: ['american_indian_alaska_native', 'asian', 'black_african_american', 'native_hawaiian_pacific_islander', 'white', 'another', PREFER_NOT],
  },
  { id: 'ethnicity', kind: 'radio', section: 'optional', required: false, options: ['hispanic_latino', 'not_hispanic_latino', PREFER_NOT] },
]);

export const INSURANCE_FORM = form('insurance', 1, [
  { id: 'payerName', kind: 'text', required: true, autocomplete: 'off', maxLength: 200 },
  { id: 'memberId', kind: 'text', required: true, autocomplete: 'off', maxLength: 40, pattern: 'member_id' },
  { id: 'groupId', kind: 'text', required: false, autocomplete: 'off', maxLength: 40, pattern: 'member_id' },
  { id: 'subscriberRelationship', kind: 'radio', section: 'subscriber', required: true, options: ['self', 'spouse', 'child', 'other'] },
  { id: 'subscriberName', kind: 'text', section: 'subscriber', required: false, autocomplete: 'off', maxLength: 200 },
  { id: 'subscriberDateOfBirth', kind: 'date', section: 'subscriber', required: false, autocomplete: 'off', min: '1900-01-01' },
]);

export const FORM_DEFINITIONS: Record<FormId, FormDefinition> = {
  contact: CONTACT_FORM,
  demographics: DEMOGRAPHICS_FORM,
  insurance: INSURANCE_FORM,
};
