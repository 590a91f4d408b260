import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Moves focus once the host has rendered: to a step's heading after the client moved on, to an
 * error after a failure, to the field to fix. A target not on screen yet (its step is still
 * loading) takes focus in the first render that shows it; a newer request replaces an older one.
 */
export class FocusAfterUpdate implements ReactiveController {
  #selector: string | undefined;

  readonly #host: ReactiveControllerHost & { readonly renderRoot: ParentNode };

  constructor(host: ReactiveControllerHost & { readonly renderRoot: ParentNode }) {
    this.#host = host;
    host.addController(this);
  }

  /** Focus the first element matching `selector` after the next render that shows one. */
  request(selector: string): void {
    this.#selector = selector;
  }

  /** Forget the pending request (the client went somewhere focus must not follow). */
  cancel(): void {
    this.#selector = undefined;
  }

  hostUpdated(): void {
    const target = this.#selector && this.#host.renderRoot.querySelector<HTMLElement>(this.#selector);
    if (!target) return;
    this.#selector = undefined;
    target.focus();
  }
}
