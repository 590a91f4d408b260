import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { transaction } from '../db/transaction.js';

/**
 * A sliding-window budget: at most `max` events in any `windowMs`, and optionally at least
 * `minIntervalMs` between two events. Events live in SQLite, so a restart resets nothing (F14).
 */
export interface WindowRule {
  max: number;
  windowMs: number;
  minIntervalMs?: number;
}

export type SlotResult = { ok: true; eventId: number } | { ok: false; retryAfterMs: number };

/** Events older than this are gone from every budget; the occasional global sweep drops them. */
const SWEEP_AGE_MS = 24 * 60 * 60_000;
const SWEEP_EVERY = 256;
const takesSinceSweep = new WeakMap<Db, number>();

/**
 * Takes one event from the budget `key` at `now` when it fits, and records it; otherwise
 * says how long until one would fit. Check and record happen in one write transaction (a
 * savepoint when called inside one), so two concurrent callers cannot both take the last slot.
 */
export function takeSlot(db: Db, key: string, now: number, rule: WindowRule): SlotResult {
  return transaction(db, () => {
    statement<[string, number]>(db, 'DELETE FROM rate_events WHERE key = ? AND at <= ?').run(key, now - rule.windowMs);
    const retryAfterMs = waitForSlot(db, key, now, rule);
    if (retryAfterMs > 0) return { ok: false, retryAfterMs };
    const eventId = recordEvent(db, key, now);
    sweepNowAndThen(db, now);
    return { ok: true, eventId };
  });
}

/**
 * How long until the budget `key` has room for one more event (0: now). Reads only; events
 * that have left the window are ignored whether or not they were deleted yet.
 */
export function waitForSlot(db: Db, key: string, now: number, rule: WindowRule): number {
  const since = now - rule.windowMs;
  const { n, newest } = statement<[string, number], { n: number; newest: number | null }>(
    db,
    'SELECT count(*) AS n, max(at) AS newest FROM rate_events WHERE key = ? AND at > ?',
  ).get(key, since)!;
  // Both rules must allow the next event: the wait is the longer of the two.
  const intervalWait = rule.minIntervalMs !== undefined && newest !== null ? Math.max(0, newest + rule.minIntervalMs - now) : 0;
  if (n < rule.max) return intervalWait;
  // A slot frees when the (n - max + 1)-th oldest event leaves the window.
  const freeingAt = statement<[string, number, number], number>(
    db,
    'SELECT at FROM rate_events WHERE key = ? AND at > ? ORDER BY at LIMIT 1 OFFSET ?',
  )
    .pluck()
    .get(key, since, n - rule.max)!;
  return Math.max(intervalWait, freeingAt + rule.windowMs - now);
}

/** Records an event whatever the budget says (the office's own actions still count). */
export function recordEvent(db: Db, key: string, now: number): number {
  return Number(statement<[string, number]>(db, 'INSERT INTO rate_events (key, at) VALUES (?, ?)').run(key, now).lastInsertRowid);
}

/** Gives a taken slot back: an attempt counted in advance turned out not to be a failure. */
export function releaseSlot(db: Db, eventId: number): void {
  statement<[number]>(db, 'DELETE FROM rate_events WHERE id = ?').run(eventId);
}

function sweepNowAndThen(db: Db, now: number): void {
  const takes = (takesSinceSweep.get(db) ?? 0) + 1;
  if (takes < SWEEP_EVERY) {
    takesSinceSweep.set(db, takes);
    return;
  }
  takesSinceSweep.set(db, 0);
  statement<[number]>(db, 'DELETE FROM rate_events WHERE at <= ?').run(now - SWEEP_AGE_MS);
}

// ---------------------------------------------------------------------------------------
// Failed PIN sign-ins per practice + address: a growing wait (R21).
// ---------------------------------------------------------------------------------------

export const PIN_DELAY_BASE_MS = 30_000;
export const PIN_DELAY_MAX_MS = 60 * 60_000;

/** The wait after `failures` consecutive failures: 30 s, 60 s, 120 s, … capped at one hour. */
export function pinFailureDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(PIN_DELAY_MAX_MS, PIN_DELAY_BASE_MS * 2 ** Math.min(failures - 1, 20));
}

export interface PinFailureStreak {
  failures: number;
  nextAllowedAt: number;
}

export function findPinFailureStreak(db: Db, key: string): PinFailureStreak | undefined {
  return statement<[string], PinFailureStreak>(
    db,
    'SELECT failures, next_allowed_at AS nextAllowedAt FROM pin_failure_streaks WHERE key = ?',
  ).get(key);
}

/**
 * Counts one more failure and starts its wait. Called *before* the PIN is checked, so
 * concurrent guesses for one address find the wait already running; a success clears it.
 */
export function addPinFailure(db: Db, key: string, practiceId: number, now: number): PinFailureStreak {
  return statement<[{ key: string; practiceId: number; now: number; base: number; max: number }], PinFailureStreak>(
    db,
    `INSERT INTO pin_failure_streaks (key, practice_id, failures, next_allowed_at, updated_at)
     VALUES (@key, @practiceId, 1, @now + @base, @now)
     ON CONFLICT (key) DO UPDATE SET
       failures = failures + 1,
       next_allowed_at = @now + min(@max, @base * (1 << min(failures, 20))),
       updated_at = @now
     RETURNING failures, next_allowed_at AS nextAllowedAt`,
  ).get({ key, practiceId, now, base: PIN_DELAY_BASE_MS, max: PIN_DELAY_MAX_MS })!;
}

export function clearPinFailures(db: Db, key: string): void {
  statement<[string]>(db, 'DELETE FROM pin_failure_streaks WHERE key = ?').run(key);
}
