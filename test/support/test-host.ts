import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A stand-in for an element, for the headless flows and the controllers: it keeps their
 * controllers and "renders" a microtask after an update is asked for, as Lit does (each
 * controller's hostUpdate, then hostUpdated), with nothing drawn but `renderRoot`, which a
 * test may fill. Events fired on it can be listened to like an element's.
 */
export class TestHost extends EventTarget implements ReactiveControllerHost {
  readonly controllers = new Set<ReactiveController>();
  readonly renderRoot = document.createElement('div');
  renders = 0;
  #pending: Promise<boolean> | undefined;

  addController(controller: ReactiveController): void {
    this.controllers.add(controller);
  }

  removeController(controller: ReactiveController): void {
    this.controllers.delete(controller);
  }

  connect(): void {
    for (const controller of this.controllers) controller.hostConnected?.();
  }

  disconnect(): void {
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }

  requestUpdate(): void {
    this.#pending ??= Promise.resolve().then(() => {
      this.#pending = undefined;
      for (const controller of this.controllers) controller.hostUpdate?.();
      this.renders++;
      for (const controller of this.controllers) controller.hostUpdated?.();
      return true;
    });
  }

  get updateComplete(): Promise<boolean> {
    return this.#pending ?? Promise.resolve(true);
  }

  /** The events of `type` fired on the host from now on. */
  record<T extends Event = CustomEvent>(type: string): T[] {
    const events: T[] = [];
    this.addEventListener(type, (event) => events.push(event as T));
    return events;
  }
}
