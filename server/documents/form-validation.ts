import type { FieldErrorCode, FormAnswers, FormDefinition, FormField } from '../../src/contract/index.js';

// Form answers checked against the form's field descriptions, field by field (codes only, no
// values echoed). Drafts get the shape checks; submissions also `required`, patterns, options
// and date ranges. Codes are keyed `answers.<fieldId>`, like the schema validation's.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

const isBlank = (value: unknown) =>
  value === undefined || value === false || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

function checkField(field: FormField, value: unknown, submitting: boolean): FieldErrorCode | undefined {
  const multi = field.kind === 'checkbox' && field.options !== undefined;
  const flag = field.kind === 'checkbox' && field.options === undefined;
  if (value === undefined) return submitting && field.required ? 'required' : undefined;
  if (multi) {
    if (!Array.isArray(value)) return 'invalid';
  } else if (flag) {
    if (typeof value !== 'boolean') return 'invalid';
  } else if (typeof value !== 'string') {
    return 'invalid';
  }
  if (typeof value === 'string') {
    if (field.maxLength !== undefined && value.trim().length > field.maxLength) return 'too_long';
  }
  if (!submitting) return undefined;
  if (isBlank(value)) return field.required ? 'required' : undefined;
  if (multi) {
    const values = value as string[];
    const allowed = new Set(field.options!.map((o) => o.value));
    if (new Set(values).size !== values.length || values.some((v) => !allowed.has(v))) return 'invalid';
    return undefined;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  switch (field.kind) {
    case 'select':
    case 'radio':
      return field.options!.some((o) => o.value === text) ? undefined : 'invalid';
    case 'email':
      return EMAIL.test(text) ? undefined : 'invalid';
    case 'date':
      if (!validDate(text)) return 'invalid';
      if ((field.min !== undefined && text < field.min) || (field.max !== undefined && text > field.max)) return 'out_of_range';
      return undefined;
    default:
      if (field.patternSource !== undefined && !new RegExp(field.patternSource).test(text)) return 'invalid';
      return undefined;
  }
}

/** Field codes for `answers` (empty when valid). Unknown field ids are `invalid`. */
export function validateAnswers(definition: FormDefinition, answers: FormAnswers, mode: 'draft' | 'submit'): Record<string, FieldErrorCode> {
  const fields: Record<string, FieldErrorCode> = {};
  const byId = new Map(definition.fields.map((f) => [f.id, f]));
  for (const key of Object.keys(answers)) {
    if (!byId.has(key)) fields[`answers.${key}`] = 'invalid';
  }
  for (const field of definition.fields) {
    const value = answers[field.id];
    if (value === undefined && mode === 'draft') continue;
    const code = checkField(field, value, mode === 'submit');
    if (code) fields[`answers.${field.id}`] = code;
  }
  return fields;
}

/** The answers as stored on submission: trimmed strings, blanks left out. */
export function normalizeAnswers(definition: FormDefinition, answers: FormAnswers): FormAnswers {
  const out: FormAnswers = {};
  for (const field of definition.fields) {
    const value = answers[field.id];
    if (isBlank(value) && value !== false) continue;
    out[field.id] = typeof value === 'string' ? value.trim() : value;
  }
  return out;
}
