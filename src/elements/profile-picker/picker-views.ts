import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Profile } from '../../contract/index.js';
import { describeError } from '../../core/i18n/error-messages.js';
import { initials, kindLabel, permissionsText } from './profile-text.js';
import type { PickerActions, PickerModel } from './view-model.js';

export function pickerView(model: PickerModel, actions: PickerActions): TemplateResult {
  const { acting } = model;
  return html`${acting && !model.choosing ? currentView(acting, model.profiles.length, actions) : listView(model, actions)}
    <p class="visually-hidden" role="status">${model.announcement}</p>`;
}

/** The compact "Acting for" line, with Change when there is another profile to choose. */
function currentView(acting: Profile, count: number, actions: PickerActions): TemplateResult {
  const name = acting.displayName;
  const kind = kindLabel(acting);
  return html`<div class="current" part="current">
    <span class="avatar" part="avatar" aria-hidden="true">${initials(acting)}</span>
    <span>${msg(str`Acting for: ${name} (${kind})`, { id: 'picker.acting-for' })}</span>
    ${count > 1
      ? html`<button class="change" part="change-button" @click=${actions.startChoosing}>
          ${msg('Change', { id: 'picker.change' })}<span class="visually-hidden">
            ${msg('whose portal you are using', { id: 'picker.change-what' })}</span
          >
        </button>`
      : nothing}
  </div>`;
}

/** The profiles as a radio group of cards, with one tab stop. */
function listView(model: PickerModel, actions: PickerActions): TemplateResult {
  const { profiles, acting, busy } = model;
  const count = profiles.length;
  return html`<div class="heading" id="heading" part="heading" role="heading" aria-level=${model.headingLevel}>
      ${msg('Whose portal are you using?', { id: 'picker.heading' })}
    </div>
    <p class="hint" id="hint">
      ${msg(str`${count} profiles on this sign-in. You can change your choice at any time.`, { id: 'picker.count' })}
    </p>
    <div role="radiogroup" part="list" aria-labelledby="heading" aria-describedby="hint" aria-busy=${busy}>
      ${profiles.map(
        (profile, index) =>
          html`<div
            role="radio"
            part="card"
            class="card"
            data-index=${index}
            aria-checked=${profile.id === acting?.id}
            aria-disabled=${busy}
            tabindex=${index === model.focusIndex ? 0 : -1}
            @click=${() => actions.choose(profile)}
            @keydown=${actions.keydown}
          >
            <span class="avatar" part="avatar" aria-hidden="true">${initials(profile)}</span>
            <span class="name">${profile.displayName}</span>
            <span class="kind" part="kind">${kindLabel(profile)}</span>
            <span class="can">${permissionsText(profile)}</span>
          </div>`,
      )}
    </div>
    ${model.error ? html`<p class="state" data-kind="error" role="alert" part="error">${describeError(model.error)}</p>` : nothing}`;
}
