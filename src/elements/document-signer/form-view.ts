import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { msg } from '@lit/localize';
import type { AnswerValue, FormAnswers, FormField } from '../../contract/documents.js';
import { label } from './labels.js';
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

/** Element ids inside the shadow root: prefixed so they cannot clash with the widget's own. */
export const fieldDomId = (fieldId: string) => `f-${fieldId}`;
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

function fieldView(f: FormField, model: FormViewModel, actions: FormViewActions, name: string): TemplateResult {
  const code = model.errors[f.id];
  const error = code
    ? html`<p class="field-error" id=${errorId(f.id)} part="field-error">${fieldError(f, code)}</p>`
    : nothing;
  const describedBy = code ? errorId(f.id) : undefined;
  const value = model.answers[f.id];
  const text = label(f.labelId, name);
  const optional = f.required ? nothing : html` <span class="optional">${msg('(optional)', { id: 'signer.optional' })}</span>`;

  if (f.kind === 'radio' || (f.kind === 'checkbox' && f.options)) {
    const multiple = f.kind === 'checkbox';
    const chosen = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    return html`<fieldset class="field choices" part="field" id=${fieldDomId(f.id)} tabindex="-1" aria-describedby=${ifDefined(describedBy)}>
      <legend>${text}${optional}</legend>
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
              actions.change(f.id, multiple ? (on ? [...chosen, o.value] : chosen.filter((v) => v !== o.value)) : o.value);
            }}
          />
          <span>${label(o.labelId)}</span>
        </label>`,
      )}
    </fieldset>`;
  }

  if (f.kind === 'checkbox') {
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
          @change=${(e: Event) => actions.change(f.id, (e.target as HTMLInputElement).checked)}
        />
        <span>${text}${optional}</span>
      </label>
      ${error}
    </div>`;
  }

  const common = {
    id: fieldDomId(f.id),
    value: typeof value === 'string' ? value : '',
    onInput: (e: Event) => actions.change(f.id, (e.target as HTMLInputElement | HTMLSelectElement).value),
  };
  const control =
    f.kind === 'select'
      ? html`<select
          id=${common.id}
          name=${f.id}
          part="input"
          .autocomplete=${f.autocomplete ?? 'on'}
          ?required=${f.required}
          aria-invalid=${code ? 'true' : 'false'}
          aria-describedby=${ifDefined(describedBy)}
          @change=${common.onInput}
        >
          <option value="" ?selected=${!common.value}>${msg('Choose…', { id: 'signer.choose' })}</option>
          ${(f.options ?? []).map((o) => html`<option value=${o.value} ?selected=${o.value === common.value}>${label(o.labelId)}</option>`)}
        </select>`
      : html`<input
          id=${common.id}
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
          .value=${common.value}
          @input=${common.onInput}
        />`;
  return html`<div class="field" part="field">
    <label for=${common.id}>${text}${optional}</label>
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
