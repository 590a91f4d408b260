/**
 * The one source of "now" for the server. Everything that depends on time (session expiry,
 * link lifetimes, mail retries, audit timestamps) asks a Clock, so tests can move time with
 * a FakeClock instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch, UTC. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export class FakeClock implements Clock {
  #now: number;

  constructor(start: number | Date = Date.UTC(2025, 0, 6, 15, 0, 0)) {
    this.#now = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.#now;
  }

  set(to: number | Date): void {
    this.#now = typeof to === 'number' ? to : to.getTime();
  }

  advance(ms: number): void {
    if (ms < 0) throw new RangeError('FakeClock only moves forward; use set() to jump back.');
    this.#now += ms;
  }
}
