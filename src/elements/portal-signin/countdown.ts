import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Seconds left until a moment, re-rendering its host once a second while it runs. */
export class Countdown implements ReactiveController {
  #until = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onDone?: () => void,
  ) {
    host.addController(this);
  }

  get secondsLeft(): number {
    return Math.max(0, Math.ceil((this.#until - Date.now()) / 1000));
  }

  get running(): boolean {
    return this.#timer !== undefined;
  }

  start(seconds: number): void {
    this.stop();
    this.#until = Date.now() + seconds * 1000;
    this.#timer = setInterval(() => this.#tick(), 1000);
    this.host.requestUpdate();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  hostDisconnected(): void {
    this.stop();
  }

  #tick() {
    if (this.secondsLeft === 0) {
      this.stop();
      this.onDone?.();
    }
    this.host.requestUpdate();
  }
}
