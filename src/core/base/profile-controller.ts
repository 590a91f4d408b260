import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ProfileStore } from '../profile/profile-store.js';

/**
 * For widgets that act for a profile: re-renders the host when the shared acting profile
 * changes, and loads the profile list once someone is signed in.
 */
export class ProfileController implements ReactiveController {
  #store: ProfileStore | undefined;
  #connected = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get store(): ProfileStore | undefined {
    return this.#store;
  }

  /** Point at the endpoint's store; `signedIn` starts the (deduplicated) load. */
  observe(store: ProfileStore | undefined, signedIn: boolean): void {
    if (store !== this.#store) {
      this.#unlisten();
      this.#store = store;
      if (this.#connected) this.#listen();
    }
    if (signedIn && store?.status === 'idle') void store.load();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#listen();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unlisten();
  }

  #handle = () => this.host.requestUpdate();

  #listen() {
    this.#store?.addEventListener('change', this.#handle);
  }

  #unlisten() {
    this.#store?.removeEventListener('change', this.#handle);
  }
}
