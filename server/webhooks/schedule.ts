import { randomInt } from 'node:crypto';

/** Retries stop this long after the event (or after a manual redelivery). */
export const DELIVERY_WINDOW_MS = 24 * 60 * 60_000;

/**
 * Wait before retry number `attempt` (1-based, after that many failures): 30 s, 2 min, 10 min,
 * 1 h, then every 3 h, each ±20 % at random so endpoints coming back are not hit by every
 * delivery at the same instant. `random` is injectable for tests.
 */
const SCHEDULE_MS = [30_000, 2 * 60_000, 10 * 60_000, 60 * 60_000, 3 * 60 * 60_000];

/** A number in [0, 1) from the CSPRNG (R1: no Math.random in server code). */
const cryptoRandom = () => randomInt(1_000_000) / 1_000_000;

export function retryDelay(attempt: number, random: () => number = cryptoRandom): number {
  const base = SCHEDULE_MS[Math.min(Math.max(attempt, 1), SCHEDULE_MS.length) - 1];
  const jitter = 0.8 + 0.4 * random();
  return Math.round(base * jitter);
}

/** When to try again after `attempt` failures, or null when the window has closed. */
export function nextAttemptAt(now: number, attempt: number, giveUpAt: number, random?: () => number): number | null {
  if (now >= giveUpAt) return null;
  return Math.min(now + retryDelay(attempt, random), giveUpAt);
}
