/**
 * The sign-in limits in one place, with the requirement each one meets. Every budget is
 * per practice and per client (an IPv4 address or an IPv6 /64, see clientKey), kept in SQLite.
 */
import type { WindowRule } from '../repos/throttles.js';

const HOUR = 60 * 60_000;

/** R10: link requests per client per hour; more → 429 with Retry-After. */
export const LINK_REQUESTS_PER_CLIENT: WindowRule = { max: 50, windowMs: HOUR };
/** R10: sign-in emails per address: one a minute, five an hour; more are dropped silently (same 202). */
export const LINK_EMAILS_PER_ADDRESS: WindowRule = { max: 5, windowMs: HOUR, minIntervalMs: 60_000 };
/** R11: preview + redeem calls per client per five minutes (valid or not); more → 429. */
export const LINK_CHECKS_PER_CLIENT: WindowRule = { max: 30, windowMs: 5 * 60_000 };
/** R22: failed PIN checks per client per hour, across all addresses; more → 429. */
export const PIN_FAILURES_PER_CLIENT: WindowRule = { max: 20, windowMs: HOUR };
/** R18: an office-issued PIN works for 72 hours (and once). */
export const PIN_TTL_MS = 72 * HOUR;

export const budgetKey = {
  linkRequests: (practiceId: number, client: string) => `link-requests:${practiceId}:${client}`,
  linkEmails: (addressKey: string) => `link-emails:${addressKey}`,
  linkChecks: (practiceId: number, client: string) => `link-checks:${practiceId}:${client}`,
  pinFailures: (practiceId: number, client: string) => `pin-failures:${practiceId}:${client}`,
};
