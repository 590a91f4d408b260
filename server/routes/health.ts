import type { FastifyPluginAsync } from 'fastify';
import { getHealth } from '../../src/contract/operations/practice.js';
import type { Clock } from '../clock.js';
import { loadMigrations, schemaVersion } from '../db/migrate.js';
import type { Db } from '../db/open.js';
import { summarizeUndelivered } from '../repos/outbox.js';
import { defineRoute } from './define-route.js';

/** A queued mail not picked up within this long means no worker is running. */
const MAIL_OVERDUE_GRACE_MS = 5 * 60_000;

export interface HealthChecks {
  database: 'ok' | 'error';
  migrations: 'ok' | 'pending';
  mail: 'ok' | 'retrying' | 'overdue' | 'unknown';
}

/** Runs the checks without throwing: a failing dependency is reported, not raised. */
export function checkHealth(db: Db, clock: Clock, expectedVersion: number): HealthChecks {
  const checks: HealthChecks = { database: 'ok', migrations: 'ok', mail: 'ok' };
  try {
    db.prepare('SELECT 1').get();
  } catch {
    return { database: 'error', migrations: 'pending', mail: 'unknown' };
  }
  try {
    if (schemaVersion(db) < expectedVersion) checks.migrations = 'pending';
    const mail = summarizeUndelivered(db, clock.now(), MAIL_OVERDUE_GRACE_MS);
    if (mail.overdue > 0) checks.mail = 'overdue';
    else if (mail.retrying > 0) checks.mail = 'retrying';
  } catch {
    checks.mail = 'unknown';
  }
  return checks;
}

/** `GET /healthz`: 200 with `status: ok | degraded` and the individual checks. */
export const healthRoutes: FastifyPluginAsync<{ db: Db; clock: Clock }> = async (app, { db, clock }) => {
  const expectedVersion = loadMigrations().at(-1)?.version ?? 0;
  defineRoute(app, getHealth, async () => {
    const checks = checkHealth(db, clock, expectedVersion);
    const ok = Object.values(checks).every((v) => v === 'ok');
    return { status: ok ? ('ok' as const) : ('degraded' as const), checks: { ...checks } };
  });
};
