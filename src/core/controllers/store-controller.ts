import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Subscribes its host to one shared store (the session, the acting profile): the host renders
 * again on every `change`, and `onChange` hears the event first. The store can be swapped (the
 * host's endpoint changed); the listener follows the host on and off the page.
 */
export class StoreController<Store extends EventTarget, Change extends Event = Event> implements ReactiveController {
  #store: Store | undefined;
  #connected = false;

  readonly #host: ReactiveControllerHost;
  readonly #onChange: ((event: Change) => void) | undefined;

  constructor(host: ReactiveControllerHost, onChange?: (event: Change) => void) {
    this.#host = host;
    this.#onChange = onChange;
    host.addController(this);
  }

  get store(): Store | undefined {
    return this.#store;
  }

  /** Listen to `store` from now on (undefined: to none). */
  observe(store: Store | undefined): void {
    if (store === this.#store) return;
    this.#listen(false);
    this.#store = store;
    this.#listen(this.#connected);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#listen(true);
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#listen(false);
  }

  readonly #handle = (event: Event): void => {
    // Stores fire only their own change events; the type parameter names which.
    this.#onChange?.(event as Change);
    this.#host.requestUpdate();
  };

  #listen(on: boolean): void {
    if (on) this.#store?.addEventListener('change', this.#handle);
    else this.#store?.removeEventListener('change', this.#handle);
  }
}
