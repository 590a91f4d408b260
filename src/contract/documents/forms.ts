import { Type, type Static } from '@sinclair/typebox';
import { FIELD_KINDS, FORM_IDS, PATTERN_CODES } from '../constants.js';
import { ProfileParams } from '../profiles.js';
import { refTo } from '../ref.js';
import { Instant } from './common.js';

// Forms described as data: the browser renders every form from these field descriptions.

export { FIELD_KINDS, FORM_IDS, PATTERN_CODES, type FieldKind, type FormId, type PatternCode } from '../constants.js';

export const FormIdSchema = Type.Union(
  FORM_IDS.map((id) => Type.Literal(id)),
  { description: 'A form of the packet.' },
);

export const FieldOption = Type.Object(
  {
    value: Type.String({ minLength: 1, maxLength: 64, description: 'What the answer holds.' }),
    labelId: Type.String({ description: 'The message id the browser localizes, e.g. `demographics.gender.woman`.' }),
  },
  { additionalProperties: false },
);
export type FieldOption = Static<typeof FieldOption>;

export const FormField = Type.Object(
  {
    id: Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,63}$', description: 'The answer key, unique in the form, e.g. `postalCode`.' }),
    kind: Type.Union(
      FIELD_KINDS.map((k) => Type.Literal(k)),
      {
        description:
          'text/email/tel/date (YYYY-MM-DD): a string. select/radio: one option `value`. checkbox with `options`: an array of ' +
          'option values (any number); checkbox without options: a boolean.',
      },
    ),
    labelId: Type.String({ description: 'The label’s message id, e.g. `contact.postalCode`.' }),
    section: Type.Optional(Type.String({ description: 'A group id (a fieldset legend message id), e.g. `contact.emergency`.' })),
    required: Type.Boolean(),
    autocomplete: Type.Optional(Type.String({ description: 'The HTML `autocomplete` token, e.g. `postal-code`, `bday`, `tel`.' })),
    options: Type.Optional(Type.Array(FieldOption, { description: 'select, radio, and multi-choice checkbox: in display order.' })),
    maxLength: Type.Optional(Type.Integer({ minimum: 1, description: 'Text kinds: the longest answer, in characters.' })),
    pattern: Type.Optional(Type.Union(PATTERN_CODES.map((c) => Type.Literal(c)), { description: 'A named pattern (PATTERN_CODES).' })),
    patternSource: Type.Optional(Type.String({ description: 'The same pattern as an ECMAScript regular expression source, matched against the whole trimmed value.' })),
    min: Type.Optional(Type.String({ format: 'date', description: 'date: the earliest allowed.' })),
    max: Type.Optional(Type.String({ format: 'date', description: 'date: the latest allowed (e.g. today for a date of birth).' })),
  },
  { additionalProperties: false },
);
export type FormField = Static<typeof FormField>;

export const FormDefinition = Type.Object(
  {
    id: FormIdSchema,
    version: Type.Integer({ minimum: 1, description: 'Changes when the fields change.' }),
    titleId: Type.String({ description: 'The form title’s message id, e.g. `form.contact`.' }),
    fields: Type.Array(FormField, { description: 'In display order; `section` groups consecutive fields.' }),
  },
  { $id: 'FormDefinition', additionalProperties: false },
);
export type FormDefinition = Static<typeof FormDefinition>;

/**
 * A string (text kinds, select, radio), a boolean (a single checkbox) or an array of option
 * values (a multi-choice checkbox). One `type` list rather than a union, so the server's
 * validator never coerces one kind into another (`true` stays a boolean).
 */
export const AnswerValue = Type.Unsafe<string | boolean | string[]>({
  type: ['string', 'boolean', 'array'],
  maxLength: 2000,
  items: { type: 'string', maxLength: 64 },
  maxItems: 32,
});
export type AnswerValue = Static<typeof AnswerValue>;

export const FormAnswers = Type.Record(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,63}$' }), AnswerValue, {
  maxProperties: 64,
  additionalProperties: false,
  description: 'Answers by field id. A field left out or an empty string is unanswered.',
});
export type FormAnswers = Static<typeof FormAnswers>;

export const FormDraftRequest = Type.Object(
  { answers: FormAnswers },
  {
    $id: 'FormDraftRequest',
    additionalProperties: false,
    description:
      'Everything typed so far (the whole draft, replacing the last one). Incomplete answers are fine; only unknown field ids ' +
      'and over-long values are refused (400). Save as the client types (debounced), so another device resumes.',
  },
);
export type FormDraftRequest = Static<typeof FormDraftRequest>;

export const FormDraftSaved = Type.Object(
  { formId: FormIdSchema, savedAt: Instant },
  { $id: 'FormDraftSaved', additionalProperties: false },
);
export type FormDraftSaved = Static<typeof FormDraftSaved>;

export const FormSubmissionRequest = Type.Object(
  { answers: FormAnswers },
  {
    $id: 'FormSubmissionRequest',
    additionalProperties: false,
    description: 'The reviewed answers. Validated field by field; 400 `validation` with `fields` = { "answers.<fieldId>": code }.',
  },
);
export type FormSubmissionRequest = Static<typeof FormSubmissionRequest>;

export const FormSubmitted = Type.Object(
  { formId: FormIdSchema, submittedAt: Instant },
  { $id: 'FormSubmitted', additionalProperties: false, description: 'Stored; the draft is cleared. Submitting again replaces the answers.' },
);
export type FormSubmitted = Static<typeof FormSubmitted>;

export const FormState = Type.Object(
  {
    definition: refTo(FormDefinition),
    draft: Type.Union([Type.Object({ answers: FormAnswers, savedAt: Instant }, { additionalProperties: false }), Type.Null()], {
      description: 'The unsubmitted draft, to resume; null if none.',
    }),
    submitted: Type.Union([Type.Object({ answers: FormAnswers, submittedAt: Instant }, { additionalProperties: false }), Type.Null()], {
      description: 'The last submitted answers; null if never submitted.',
    }),
  },
  { $id: 'FormState', additionalProperties: false },
);
export type FormState = Static<typeof FormState>;

export const FormParams = Type.Object(
  { ...ProfileParams.properties, formId: FormIdSchema },
  { additionalProperties: false },
);
export type FormParams = Static<typeof FormParams>;
