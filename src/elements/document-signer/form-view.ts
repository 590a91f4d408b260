import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { msg } from '@lit/localize';
import type { AnswerValue, FormAnswers, FormField } from '../../contract/documents.js';
import { label } from './labels.js';
import { fieldDomId } from './view-model.js';
import { fieldError, formatDate, problemCount } from './messages.js';
import { isEmpty } from './validation.js';

/** A form as data: the intake forms come from the endpoint; signing and consent are built here. */
export interface FormViewModel {
  fields: readonly FormField[];
  answers: FormAnswers;
  /** Field id → code, shown inline and in the summary. */
  errors: Record<string, string>;
  /** Set once per failed Continue, so the summary is announced (role=alert) only then. */
  showSummary: boolean;
}

export interface FormViewActions {
  change(fieldId: string, value: AnswerValue): void;
  /** Focus the field of a summary link. */
  jump(event: Event, fieldId: string): void;
}

const errorId = (fieldId: string) => `f-${fieldId}-error`;

/**
 * The error summary above the form (GOV.UK pattern): a count, and one link per problem that
 * moves focus to the field. It takes focus after a failed Continue.
 */
export function errorSummary(model: FormViewModel, actions: FormViewActions): TemplateResult | typeof nothing {
  const problems = model.fields.filter((f) => model.errors[f.id]);
  if (!model.showSummary || !problems.length) return nothing;
  return html`<div class="summary" part="error-summary" role="alert" tabindex="-1" aria-labelledby="summary-title">
    <p class="summary-title" id="summary-title">${problemCount(problems.length)}</p>
    <ul>
      ${problems.map(
        (f) => html`<li>
          <a href="#${fieldDomId(f.id)}" @click=${(e: Event) => actions.jump(e, f.id)}
            >${label(f.labelId)}: ${fieldError(f, model.errors[f.id])}</a
          >
        </li>`,
      )}
    </ul>
  </div>`;
}

/** Consecutive fields of one `section`, together: a fieldset in the form, a group in the review. */
export function sections(fields: readonly FormField[]): Array<{ section?: string; fields: FormField[] }> {
  const groups: Array<{ section?: string; fields: FormField[] }> = [];
  for (const f of fields) {
    const last = groups.at(-1);
    if (last && last.section === f.section) last.fields.push(f);
    else groups.push({ section: f.section, fields: [f] });
  }
  return groups;
}

/** Every field of the form, in order, each section in a fieldset with its legend. */
export function formFields(model: FormViewModel, actions: FormViewActions, name = ''): TemplateResult[] {
  return sections(model.fields).map(({ section, fields }) => {
    const rendered = fields.map((f) => fieldView(f, model, actions, name));
    return section
      ? html`<fieldset class="section" part="section"><legend>${label(section)}</legend>${rendered}</fieldset>`
      : html`${rendered}`;
  });
}

/** One field as the templates below need it: its answer, its error and its label. */
interface FieldParts {
  readonly f: FormField;
  readonly value: AnswerValue | undefined;
  /** The error code, when the answer has one. */
  readonly code: string | undefined;
  readonly error: TemplateResult | typeof nothing;
  readonly describedBy: string | undefined;
  /** The label, with "(optional)" when it is. */
  readonly text: TemplateResult;
  readonly change: FormViewActions['change'];
}

function fieldView(f: FormField, model: FormViewModel, actions: FormViewActions, name: string): TemplateResult {
  const code = model.errors[f.id];
  const optional = f.required ? nothing : html` <span class="optional">${msg('(optional)', { id: 'signer.optional' })}</span>`;
  const parts: FieldParts = {
    f,
    value: model.answers[f.id],
    code,
    error: code ? html`<p class="field-error" id=${errorId(f.id)} part="field-error">${fieldError(f, code)}</p>` : nothing,
    describedBy: code ? errorId(f.id) : undefined,
    text: html`${label(f.labelId, name)}${optional}`,
    change: actions.change,
  };
  if (f.kind === 'radio' || (f.kind === 'checkbox' && f.options)) return choicesField(parts);
  if (f.kind === 'checkbox') return checkboxField(parts);
  return textField(parts);
}

/** Radio buttons, or checkboxes for several answers, in a fieldset named by its legend. */
function choicesField({ f, value, code, error, describedBy, text, change }: FieldParts): TemplateResult {
  const multiple = f.kind === 'checkbox';
  const chosen = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return html`<fieldset class="field choices" part="field" id=${fieldDomId(f.id)} tabindex="-1" aria-describedby=${ifDefined(describedBy)}>
    <legend>${text}</legend>
    ${error}
    ${(f.options ?? []).map(
      (o) => html`<label class="choice">
        <input
          type=${multiple ? 'checkbox' : 'radio'}
          name=${f.id}
          .value=${o.value}
          .checked=${chosen.includes(o.value)}
          aria-invalid=${code ? 'true' : 'false'}
          @change=${(e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            change(f.id, multiple ? (on ? [...chosen, o.value] : chosen.filter((v) => v !== o.value)) : o.value);
          }}
        />
        <span>${label(o.labelId)}</span>
      </label>`,
    )}
  </fieldset>`;
}

/** One box to tick: "I agree…", "Send me reminders…". */
function checkboxField({ f, value, code, error, describedBy, text, change }: FieldParts): TemplateResult {
  return html`<div class="field" part="field">
    <label class="choice">
      <input
        id=${fieldDomId(f.id)}
        type="checkbox"
        name=${f.id}
        .checked=${value === true}
        ?required=${f.required}
        aria-invalid=${code ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy)}
        @change=${(e: Event) => change(f.id, (e.target as HTMLInputElement).checked)}
      />
      <span>${text}</span>
    </label>
    ${error}
  </div>`;
}

/** A text, email, tel or date input, or a select, under its label. */
function textField({ f, value, code, error, describedBy, text, change }: FieldParts): TemplateResult {
  const id = fieldDomId(f.id);
  const current = typeof value === 'string' ? value : '';
  const onInput = (e: Event) => change(f.id, (e.target as HTMLInputElement | HTMLSelectElement).value);
  const control =
    f.kind === 'select'
      ? html`<select
          id=${id}
          name=${f.id}
          part="input"
          .autocomplete=${f.autocomplete ?? 'on'}
          ?required=${f.required}
          aria-invalid=${code ? 'true' : 'false'}
          aria-describedby=${ifDefined(describedBy)}
          @change=${onInput}
        >
          <option value="" ?selected=${!current}>${msg('Choose…', { id: 'signer.choose' })}</option>
          ${(f.options ?? []).map((o) => html`<option value=${o.value} ?selected=${o.value === current}>${label(o.labelId)}</option>`)}
        </select>`
      : html`<input
          id=${id}
          name=${f.id}
          part="input"
          type=${f.kind}
          .autocomplete=${f.autocomplete ?? 'on'}
          maxlength=${ifDefined(f.maxLength)}
          min=${ifDefined(f.min)}
          max=${ifDefined(f.max)}
          spellcheck=${f.kind === 'email' ? 'false' : 'true'}
          ?required=${f.required}
          aria-invalid=${code ? 'true' : 'false'}
          aria-describedby=${ifDefined(describedBy)}
          .value=${current}
          @input=${onInput}
        />`;
  return html`<div class="field" part="field">
    <label for=${id}>${text}</label>
    ${control} ${error}
  </div>`;
}

/** An answer as the review shows it: option labels, dates in words, "Yes"/"No". */
export function displayAnswer(f: FormField, value: AnswerValue | undefined): string {
  if (isEmpty(value) && f.kind !== 'checkbox') return msg('Not answered', { id: 'signer.review.empty' });
  const optionLabel = (v: string) => {
    const option = f.options?.find((o) => o.value === v);
    return option ? label(option.labelId) : v;
  };
  if (Array.isArray(value)) return value.map(optionLabel).join(', ');
  if (typeof value === 'boolean' || (f.kind === 'checkbox' && value === undefined)) {
    return value ? msg('Yes', { id: 'signer.yes' }) : msg('No', { id: 'signer.no' });
  }
  if (f.kind === 'date' && value) return formatDate(value);
  return f.options ? optionLabel(value ?? '') : (value ?? '');
}
