import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import type { Profile } from '../../contract/index.js';
import { toPortalApiError, type PortalApiError } from '../../core/api/errors.js';
import { PortalElement } from '../../core/base/portal-element.js';
import { ProfileController } from '../../core/base/profile-controller.js';
import { PortalProfileSelectedEvent } from '../../core/events.js';
import { describeError } from '../../core/i18n/error-messages.js';
import { initials, kindLabel, permissionsText } from './profile-text.js';
import { headingStyles } from '../../core/styles/heading.styles.js';
import { styles } from './profile-picker.styles.js';

/**
 * Whom the portal acts for: the client, a minor in their care, or a couple they are part
 * of. Choosing here makes every widget on the same endpoint act for that profile. With one
 * profile it is chosen without asking.
 *
 * Keyboard: a radio group with manual activation. Arrow keys, Home and End move between
 * profiles; Enter or Space chooses one. (Arrows do not choose by themselves, because
 * choosing switches every widget on the page.)
 *
 * @tagname profile-picker
 * @summary Choose whose profile the portal acts for.
 * @fires portal-profile-selected - The client chose a profile (`detail.profileId`).
 * @fires portal-error - A request failed (`detail.operation`, `detail.code`).
 * @slot signed-out - Shown instead of the picker while nobody is signed in.
 * @csspart heading - "Whose portal are you using?"
 * @csspart list - The group of profile cards.
 * @csspart card - One profile.
 * @csspart avatar - The initials.
 * @csspart kind - "You", "Minor" or "Couple".
 * @csspart current - The compact "Acting for" line.
 * @csspart change-button - "Change".
 */
export class ProfilePicker extends PortalElement {
  static override styles = [PortalElement.styles, headingStyles, styles];

  /** Render nothing when the sign-in has only one profile. */
  @property({ attribute: 'hidden-when-single', type: Boolean }) hiddenWhenSingle = false;

  /** The level of the heading, to fit the host page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  protected override readonly profileController = new ProfileController(this);

  @state() private choosing = false;
  @state() private busy = false;
  @state() private focusIndex = -1;
  @state() private selectError: PortalApiError | undefined;
  @state() private announcement = '';

  #focusAfterUpdate: string | undefined;

  protected override sessionChanged(): void {
    this.choosing = this.busy = false;
    this.focusIndex = -1;
    this.selectError = undefined;
    this.announcement = '';
  }

  protected override render(): TemplateResult | typeof nothing {
    if (!this.endpoint) return this.renderMissingEndpoint();
    if (!this.session?.signedIn) {
      return this.renderSignedOut(msg('Sign in to choose whose portal you are using.', { id: 'picker.signed-out' }));
    }
    const store = this.profileController.store!;
    if (store.status === 'error') return this.renderError(store.error, () => void store.load(true));
    if (store.status !== 'ready') return this.renderLoading(msg('Loading your profiles…', { id: 'picker.loading' }));
    const { profiles, acting } = store;
    if (!profiles.length) {
      return html`<p class="state" part="status">
        ${msg('No profiles are linked to this sign-in yet. Please call the office.', { id: 'picker.empty' })}
      </p>`;
    }
    if (profiles.length === 1 && this.hiddenWhenSingle) return nothing;
    return html`${acting && !this.choosing ? this.#current(acting, profiles.length) : this.#list(profiles, acting)}
      <p class="visually-hidden" role="status">${this.announcement}</p>`;
  }

  protected override updated(): void {
    if (this.#focusAfterUpdate) this.renderRoot.querySelector<HTMLElement>(this.#focusAfterUpdate)?.focus();
    this.#focusAfterUpdate = undefined;
  }

  #current(acting: Profile, count: number): TemplateResult {
    const name = acting.displayName;
    const kind = kindLabel(acting);
    return html`<div class="current" part="current">
      <span class="avatar" part="avatar" aria-hidden="true">${initials(acting)}</span>
      <span>${msg(str`Acting for: ${name} (${kind})`, { id: 'picker.acting-for' })}</span>
      ${count > 1
        ? html`<button class="change" part="change-button" @click=${this.#startChoosing}>
            ${msg('Change', { id: 'picker.change' })}<span class="visually-hidden">
              ${msg('whose portal you are using', { id: 'picker.change-what' })}</span
            >
          </button>`
        : nothing}
    </div>`;
  }

  #list(profiles: readonly Profile[], acting: Profile | null): TemplateResult {
    const count = profiles.length;
    const focus = this.focusIndex >= 0 ? this.focusIndex : Math.max(0, profiles.findIndex((p) => p.id === acting?.id));
    return html`<div class="heading" id="heading" part="heading" role="heading" aria-level=${this.headingLevel}>
        ${msg('Whose portal are you using?', { id: 'picker.heading' })}
      </div>
      <p class="hint" id="hint">
        ${msg(str`${count} profiles on this sign-in. You can change your choice at any time.`, { id: 'picker.count' })}
      </p>
      <div
        role="radiogroup"
        part="list"
        aria-labelledby="heading"
        aria-describedby="hint"
        aria-busy=${this.busy}
      >
        ${profiles.map(
          (profile, index) =>
            html`<div
              role="radio"
              part="card"
              class="card"
              data-index=${index}
              aria-checked=${profile.id === acting?.id}
              aria-disabled=${this.busy}
              tabindex=${index === focus ? 0 : -1}
              @click=${() => void this.#choose(profile)}
              @keydown=${this.#onKeydown}
            >
              <span class="avatar" part="avatar" aria-hidden="true">${initials(profile)}</span>
              <span class="name">${profile.displayName}</span>
              <span class="kind" part="kind">${kindLabel(profile)}</span>
              <span class="can">${permissionsText(profile)}</span>
            </div>`,
        )}
      </div>
      ${this.selectError
        ? html`<p class="state" data-kind="error" role="alert" part="error">${describeError(this.selectError)}</p>`
        : nothing}`;
  }

  #startChoosing = () => {
    this.choosing = true;
    this.focusIndex = -1;
    this.#focusAfterUpdate = '[tabindex="0"]';
  };

  #onKeydown = (event: KeyboardEvent) => {
    const profiles = this.profileController.store?.profiles ?? [];
    const at = Number((event.target as HTMLElement).dataset.index);
    const count = profiles.length;
    if (!(at >= 0 && at < count)) return;
    // Left and right swap in right-to-left text, as they do in native radio groups.
    const forward = this.matches(':dir(rtl)') ? 'ArrowLeft' : 'ArrowRight';
    const back = forward === 'ArrowLeft' ? 'ArrowRight' : 'ArrowLeft';
    const step: Record<string, number> = { ArrowDown: 1, [forward]: 1, ArrowUp: -1, [back]: -1 };
    let next: number | undefined;
    if (event.key in step) next = (at + step[event.key] + count) % count;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = count - 1;
    else if (event.key === 'Enter' || event.key === ' ') void this.#choose(profiles[at]);
    else return;
    event.preventDefault();
    if (next === undefined) return;
    this.focusIndex = next;
    this.#focusAfterUpdate = `[data-index="${next}"]`;
  };

  async #choose(profile: Profile): Promise<void> {
    const store = this.profileController.store;
    if (!store || this.busy) return;
    this.busy = true;
    this.selectError = undefined;
    try {
      if (store.acting?.id !== profile.id) await store.select(profile.id);
      const name = profile.displayName;
      this.announcement = msg(str`Now acting for ${name}.`, { id: 'picker.now-acting' });
      this.choosing = false;
      this.#focusAfterUpdate = '[part="change-button"]';
      this.dispatchEvent(new PortalProfileSelectedEvent({ profileId: profile.id }));
    } catch (error) {
      this.selectError = toPortalApiError(error);
      this.emitError('selectProfile', error);
      // The link may have just been revoked (R42): show the list as it is now.
      if (this.selectError.code === 'not_found') void store.load(true);
    } finally {
      this.busy = false;
    }
  }
}
