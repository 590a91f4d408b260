import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { Profile } from '../../contract/index.js';
import { errorView, loadingView, notConfiguredView, signedOutView, statusView } from '../base/state-views.js';
import type { PortalConnection } from '../config.js';
import type { ProfileStore } from '../profile/profile-store.js';
import { StoreController } from './store-controller.js';

/** What a widget says at each gate, in its own words. */
export interface GateTexts {
  readonly signedOut: string;
  /** While the profiles load; the general "Loading…" when left out. */
  readonly loading?: string;
  /** With no acting profile chosen yet; left out, the widget needs none. */
  readonly noProfile?: string;
}

/**
 * For widgets that act for a profile: what stands between the client and the widget (no
 * endpoint, nobody signed in, the profiles loading or failing, none chosen yet), drawn the same
 * way everywhere, and `onChange` when the acting profile becomes another one (or none), so
 * the widget drops what it showed for the last one. The profile list loads once someone is
 * signed in (once per sign-in, however many widgets ask).
 */
export class ActingProfileGate {
  readonly #profiles: StoreController<ProfileStore>;
  #connection: PortalConnection | undefined;
  #actingId: number | undefined;

  readonly #onChange: ((acting: Profile | null) => void) | undefined;

  constructor(host: ReactiveControllerHost, onChange?: (acting: Profile | null) => void) {
    this.#profiles = new StoreController(host);
    this.#onChange = onChange;
  }

  get store(): ProfileStore | undefined {
    return this.#profiles.store;
  }

  /** Whom the widget acts for: null while nobody is signed in or no profile is chosen. */
  get acting(): Profile | null {
    return (this.#connection?.session.signedIn && this.store?.acting) || null;
  }

  /** The element's connection, before every render (PortalElement passes it). */
  observe(connection: PortalConnection | undefined): void {
    this.#connection = connection;
    const store = connection?.profiles;
    this.#profiles.observe(store);
    if (connection?.session.signedIn && store?.status === 'idle') void store.load();
    const acting = this.acting;
    if (acting?.id === this.#actingId) return;
    this.#actingId = acting?.id;
    this.#onChange?.(acting);
  }

  /** The gate's view while one stands, else undefined: the widget itself may render. */
  renderGate(texts: GateTexts): TemplateResult | undefined {
    const connection = this.#connection;
    if (!connection) return notConfiguredView();
    if (!connection.session.signedIn) return signedOutView(texts.signedOut);
    const store = connection.profiles;
    if (store.status === 'error') return errorView(store.error, () => void store.load(true));
    if (store.status !== 'ready') return loadingView(texts.loading);
    if (texts.noProfile !== undefined && !store.acting) return statusView(texts.noProfile);
    return undefined;
  }
}
