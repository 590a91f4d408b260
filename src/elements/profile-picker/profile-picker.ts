import { nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import type { Profile } from '../../contract/index.js';
import { PortalElement } from '../../core/base/portal-element.js';
import { statusView } from '../../core/base/state-views.js';
import { ActingProfileGate } from '../../core/controllers/acting-profile-gate.js';
import { BusyAction } from '../../core/controllers/busy-action.js';
import { FocusAfterUpdate } from '../../core/controllers/focus-after-update.js';
import { PortalProfileSelectedEvent } from '../../core/events.js';
import { pickerView } from './picker-views.js';
import type { PickerActions, PickerModel } from './view-model.js';
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
  static readonly defaultTag = 'profile-picker';

  /** Render nothing when the sign-in has only one profile. */
  @property({ attribute: 'hidden-when-single', type: Boolean }) hiddenWhenSingle = false;

  /** The level of the heading, to fit the host page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  protected override readonly profileGate = new ActingProfileGate(this);

  @state() private choosing = false;
  @state() private focusIndex = -1;
  @state() private announcement = '';

  readonly #selecting = new BusyAction(this);
  readonly #focus = new FocusAfterUpdate(this);

  protected override sessionChanged(): void {
    this.choosing = false;
    this.focusIndex = -1;
    this.#selecting.error = undefined;
    this.announcement = '';
  }

  protected override render(): TemplateResult | typeof nothing {
    const gate = this.profileGate.renderGate({
      signedOut: msg('Sign in to choose whose portal you are using.', { id: 'picker.signed-out' }),
      loading: msg('Loading your profiles…', { id: 'picker.loading' }),
    });
    if (gate) return gate;
    const { profiles } = this.profileGate.store!;
    if (!profiles.length) return statusView(msg('No profiles are linked to this sign-in yet. Please call the office.', { id: 'picker.empty' }));
    if (profiles.length === 1 && this.hiddenWhenSingle) return nothing;
    return pickerView(this.#model(profiles), this.#actions);
  }

  #model(profiles: readonly Profile[]): PickerModel {
    const acting = this.profileGate.acting;
    return {
      headingLevel: this.headingLevel,
      profiles,
      acting,
      choosing: this.choosing,
      busy: this.#selecting.busy,
      focusIndex: this.focusIndex >= 0 ? this.focusIndex : Math.max(0, profiles.findIndex((p) => p.id === acting?.id)),
      error: this.#selecting.error,
      announcement: this.announcement,
    };
  }

  readonly #actions: PickerActions = {
    startChoosing: () => {
      this.choosing = true;
      this.focusIndex = -1;
      this.#focus.request('[tabindex="0"]');
    },
    choose: (profile) => this.#choose(profile),
    keydown: (event) => this.#onKeydown(event),
  };

  #onKeydown(event: KeyboardEvent): void {
    const profiles = this.profileGate.store?.profiles ?? [];
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
    else if (event.key === 'Enter' || event.key === ' ') this.#choose(profiles[at]);
    else return;
    event.preventDefault();
    if (next === undefined) return;
    this.focusIndex = next;
    this.#focus.request(`[data-index="${next}"]`);
  }

  #choose(profile: Profile): void {
    const store = this.profileGate.store;
    if (!store) return;
    void this.#selecting.run(
      'selectProfile',
      async () => {
        if (store.acting?.id !== profile.id) await store.select(profile.id);
        const name = profile.displayName;
        this.announcement = msg(str`Now acting for ${name}.`, { id: 'picker.now-acting' });
        this.choosing = false;
        this.#focus.request('[part="change-button"]');
        this.dispatchEvent(new PortalProfileSelectedEvent({ profileId: profile.id }));
      },
      // The link may have just been revoked (R42): show the list as it is now.
      (error) => {
        if (error.code === 'not_found') void store.load(true);
      },
    );
  }
}
