import type { PortalApiError } from '../api/errors.js';
import { reportError } from '../events.js';
import type { PortalHost } from './host.js';

/**
 * One user action at a time, such as signing, choosing a profile or cancelling: busy while it
 * runs (a second one is refused, its buttons show as disabled), and a failure is kept to show
 * in place and reported to the host page as `portal-error`.
 */
export class BusyAction {
  #busy = false;
  #error: PortalApiError | undefined;

  readonly #host: PortalHost;

  constructor(host: PortalHost) {
    this.#host = host;
  }

  get busy(): boolean {
    return this.#busy;
  }

  /** The last action's failure, until the next action starts or it is set aside. */
  get error(): PortalApiError | undefined {
    return this.#error;
  }

  set error(error: PortalApiError | undefined) {
    this.#error = error;
    this.#host.requestUpdate();
  }

  /**
   * Runs `action` as `operation` (the name `portal-error` carries) unless one is running.
   * On failure `failed` runs while the action still counts as busy: what it shows or loads
   * comes before the buttons are enabled again.
   */
  async run(operation: string, action: () => Promise<void>, failed?: (error: PortalApiError) => unknown): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    this.error = undefined;
    try {
      await action();
    } catch (error) {
      const apiError = reportError(this.#host, operation, error);
      this.error = apiError;
      await failed?.(apiError);
    } finally {
      this.#busy = false;
      this.#host.requestUpdate();
    }
  }
}
