import type { Profile, ProfileList } from '../../contract/index.js';
import type { PortalClient } from '../api/client.js';
import type { SessionStore } from '../session/session-store.js';

export type ProfileStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Fired whenever the list, the acting profile or the loading status changes. */
export class ProfileChangeEvent extends Event {
  static readonly type = 'change';
  constructor() {
    super(ProfileChangeEvent.type);
  }
}

/**
 * Whom every widget of one endpoint acts for: the profiles this sign-in may act for and the
 * chosen one. Shared like the session, so choosing in `<profile-picker>` moves every widget
 * at once. Held in memory only: the server remembers the choice for the session, so a reload
 * or another page of the site finds it again without anything in browser storage.
 */
export class ProfileStore extends EventTarget {
  #status: ProfileStatus = 'idle';
  #profiles: Profile[] = [];
  #selectedId: number | null = null;
  #error: unknown;
  #loading: Promise<void> | undefined;
  /** Bumped on every reset, so an answer for an ended sign-in is dropped. */
  #generation = 0;

  constructor(
    private readonly client: PortalClient,
    session: SessionStore,
  ) {
    super();
    // A new or ended sign-in makes everything known about profiles stale.
    session.addEventListener('change', () => this.#reset());
  }

  get status(): ProfileStatus {
    return this.#status;
  }

  get profiles(): readonly Profile[] {
    return this.#profiles;
  }

  get error(): unknown {
    return this.#error;
  }

  /** The profile every widget acts for, or null while none is chosen. */
  get acting(): Profile | null {
    return this.#profiles.find((p) => p.id === this.#selectedId) ?? null;
  }

  /** Loads the list once per sign-in; widgets call it freely. `force` reloads (after a 404, say). */
  load(force = false): Promise<void> {
    if (this.#loading) return this.#loading;
    if (this.#status === 'ready' && !force) return Promise.resolve();
    this.#status = 'loading';
    this.#emit();
    const generation = this.#generation;
    const current = () => generation === this.#generation;
    const loading = this.client
      .listProfiles()
      .then(
        (list) => {
          if (current()) this.#apply(list);
        },
        (error: unknown) => {
          if (!current()) return;
          this.#error = error;
          this.#status = 'error';
        },
      )
      .finally(() => {
        if (!current()) return;
        this.#loading = undefined;
        this.#emit();
      });
    this.#loading = loading;
    return loading;
  }

  /** Acts for `profileId` from now on, here and (for the session) on the server. Rejects on failure. */
  async select(profileId: number): Promise<void> {
    const generation = this.#generation;
    const list = await this.client.selectProfile(profileId);
    if (generation !== this.#generation) return;
    this.#apply(list);
    this.#emit();
  }

  #apply(list: ProfileList) {
    this.#profiles = list.profiles;
    const only = list.profiles.length === 1 ? list.profiles[0].id : null;
    this.#selectedId = list.profiles.some((p) => p.id === list.selectedProfileId) ? list.selectedProfileId : only;
    this.#status = 'ready';
    this.#error = undefined;
  }

  #reset() {
    this.#generation++;
    this.#loading = undefined;
    this.#profiles = [];
    this.#selectedId = null;
    this.#error = undefined;
    this.#status = 'idle';
    this.#emit();
  }

  #emit() {
    this.dispatchEvent(new ProfileChangeEvent());
  }
}
