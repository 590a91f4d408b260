import type { AnswerValue, FormAnswers, FormField } from '../../contract/documents.js';

// Deliberately loose, as in sign-in: the endpoint validates for real; this catches typos
// before the client reaches the review step.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isEmpty(value: AnswerValue | undefined): boolean {
  return value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0);
}

/** The first problem with one answer, as the endpoint's field code, or undefined. */
export function checkField(field: FormField, value: AnswerValue | undefined): string | undefined {
  if (isEmpty(value)) return field.required ? 'required' : undefined;
  if (Array.isArray(value)) return value.every((v) => field.options?.some((o) => o.value === v)) ? undefined : 'invalid';
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!text) return field.required ? 'required' : undefined;
  if (field.maxLength && text.length > field.maxLength) return 'too_long';
  if (field.options && !field.options.some((o) => o.value === text)) return 'invalid';
  if (field.kind === 'email' && !EMAIL.test(text)) return 'invalid';
  if (field.kind === 'date') {
    if (!DATE.test(text)) return 'invalid';
    // ISO dates compare correctly as strings.
    if ((field.min && text < field.min) || (field.max && text > field.max)) return 'out_of_range';
  }
  if (field.patternSource && !matches(field.patternSource, text)) return 'invalid';
  return undefined;
}

function matches(source: string, text: string): boolean {
  try {
    return new RegExp(`^(?:${source})$`).test(text);
  } catch {
    // A pattern this browser cannot compile is left to the endpoint.
    return true;
  }
}

/** Every problem in the form, keyed by field id, in display order. */
export function checkForm(fields: readonly FormField[], answers: FormAnswers): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const code = checkField(field, answers[field.id]);
    if (code) errors[field.id] = code;
  }
  return errors;
}

/** The endpoint's 400 `fields` (`answers.<fieldId>`: code) as field errors. */
export function serverFieldErrors(fields: Readonly<Record<string, string>>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [key, code] of Object.entries(fields)) if (key.startsWith('answers.')) errors[key.slice(8)] = code;
  return errors;
}

/** Answers with text trimmed, as they are reviewed and submitted. */
export function trimmed(answers: FormAnswers): FormAnswers {
  const out: FormAnswers = {};
  for (const [key, value] of Object.entries(answers)) out[key] = typeof value === 'string' ? value.trim() : value;
  return out;
}
