import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SessionChangeEvent, SessionStore } from '../session/session-store.js';

/** Re-renders its host whenever the shared session changes (sign-in, sign-out, expiry). */
export class SessionController implements ReactiveController {
  #store: SessionStore | undefined;
  #connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChange?: (event: SessionChangeEvent) => void,
  ) {
    host.addController(this);
  }

  /** Point the controller at another store (the host's endpoint changed). */
  observe(store: SessionStore | undefined): void {
    if (store === this.#store) return;
    this.#unlisten();
    this.#store = store;
    if (this.#connected) this.#listen();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#listen();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unlisten();
  }

  #handle = (event: Event) => {
    this.onChange?.(event as SessionChangeEvent);
    this.host.requestUpdate();
  };

  #listen() {
    this.#store?.addEventListener('change', this.#handle);
  }

  #unlisten() {
    this.#store?.removeEventListener('change', this.#handle);
  }
}
