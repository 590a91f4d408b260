import type { FastifyInstance } from 'fastify';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { listPractices } from '../repos/practices.js';
import { settleLapsedRequests } from './lapse.js';
import { bookingScope } from './scope.js';

/** How often unanswered requests are checked for lapsing when no booking write does it first. */
export const LAPSE_CHECK_INTERVAL_MS = 60_000;

/**
 * Settles every practice's lapsed requests once: each is marked expired and its client emailed.
 * Booking writes settle first anyway; this makes the email arrive within a minute of the
 * lapse even when nobody books anything at that practice.
 */
export function settleAllLapsedRequests(deps: { db: Db; clock: Clock }): void {
  for (const practice of listPractices(deps.db)) settleLapsedRequests(bookingScope(deps, practice));
}

/** Runs settleAllLapsedRequests every minute while the app is up. */
export function installLapseTimer(app: FastifyInstance, deps: { db: Db; clock: Clock }): void {
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      try {
        settleAllLapsedRequests(deps);
      } catch (err) {
        app.log.error({ err }, 'settling lapsed booking requests failed');
      }
    }, LAPSE_CHECK_INTERVAL_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
