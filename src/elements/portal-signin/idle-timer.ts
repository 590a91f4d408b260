import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SessionStore } from '../../core/session/session-store.js';

/** How long before the server's idle timeout the client is warned (≥ 20 s: WCAG 2.2.1). */
export const WARNING_LEAD_SECONDS = 120;

/**
 * Mirrors the server's idle timeout (R31) so the client is warned before it (R33). Every
 * successful request of any widget on the endpoint restarts the server's timer, and here.
 */
export class IdleTimer implements ReactiveController {
  #store: SessionStore | undefined;
  #idleSeconds = 0;
  #deadline = 0;
  #warnTimer: ReturnType<typeof setTimeout> | undefined;
  #expireTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly handlers: { warn: () => void; expire: () => void },
  ) {
    host.addController(this);
  }

  /** Milliseconds since the epoch when the session will lapse without activity. */
  get deadline(): number {
    return this.#deadline;
  }

  /** Start (or restart) watching a session whose idle limit is `idleSeconds`. */
  watch(store: SessionStore, idleSeconds: number): void {
    if (store !== this.#store) {
      this.#store?.removeEventListener('activity', this.#restart);
      this.#store = store;
      store.addEventListener('activity', this.#restart);
    }
    this.#idleSeconds = idleSeconds;
    this.#restart();
  }

  stop(): void {
    this.#store?.removeEventListener('activity', this.#restart);
    this.#store = undefined;
    this.#clear();
  }

  hostDisconnected(): void {
    this.stop();
  }

  #restart = () => {
    this.#clear();
    if (!this.#idleSeconds) return;
    this.#deadline = Date.now() + this.#idleSeconds * 1000;
    const warnIn = Math.max(0, (this.#idleSeconds - WARNING_LEAD_SECONDS) * 1000);
    this.#warnTimer = setTimeout(this.handlers.warn, warnIn);
    this.#expireTimer = setTimeout(this.handlers.expire, this.#idleSeconds * 1000);
  };

  #clear() {
    clearTimeout(this.#warnTimer);
    clearTimeout(this.#expireTimer);
  }
}
