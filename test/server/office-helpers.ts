// Helpers for the office API tests: staff members of each role with a console session made
// straight in the database, and calls as the console sends them (the dev admin token acts as
// an owner).
import type { LightMyRequestResponse } from 'fastify';
import { newToken, tokenHash } from '../../server/auth/secrets.js';
import type { StaffRole } from '../../server/office/actor.js';
import { findPracticeBySlug } from '../../server/repos/practices.js';
import { staffSessions } from '../../server/repos/sessions.js';
import { ADMIN_TOKEN, type TestApp } from './helpers.js';

let members = 0;

/**
 * A new active staff member of `role` at the practice (a clinician: that clinician) and the
 * bearer token of a console session for them, starting now on the test's clock. The session
 * lasts a year, so tests may move the clock by days.
 */
export function staffToken(t: Pick<TestApp, 'db' | 'clock'>, role: StaffRole, clinicianId: number | null = null, practice = 'lakeside'): string {
  members += 1;
  const practiceId = findPracticeBySlug(t.db, practice)!.id;
  const now = t.clock.now();
  // A clinician has at most one staff member (the demo seed makes one for each): reuse it.
  const seeded =
    role === 'clinician'
      ? (t.db.prepare("SELECT id FROM staff_members WHERE practice_id = ? AND clinician_id = ? AND role = 'clinician'").pluck().get(practiceId, clinicianId) as
          | number
          | undefined)
      : undefined;
  const staffId =
    seeded ??
    Number(
      t.db
        .prepare(
          `INSERT INTO staff_members (practice_id, email, name, role, clinician_id, preferred_language, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'en', ?, ?)`,
        )
        .run(practiceId, `staff${members}-${role}@lakeside.example`, `Staff ${members}`, role, clinicianId, now, now).lastInsertRowid,
    );
  const token = newToken();
  const year = 365 * 24 * 3600;
  staffSessions.createSession(t.db, now, {
    practiceId,
    accountId: staffId,
    tokenHash: tokenHash(token),
    method: 'link',
    idleTimeoutSeconds: year,
    absoluteTimeoutSeconds: year,
  });
  return token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A call to `/p/lakeside/admin<path>` with `token` (default: the dev admin token, an owner). */
export function asStaff(t: Pick<TestApp, 'app'>, method: Method, path: string, options: { token?: string; payload?: unknown } = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url: `/p/lakeside/admin${path}`,
    headers: { authorization: `Bearer ${options.token ?? ADMIN_TOKEN}`, 'user-agent': 'Console/1.0 (test)' },
    remoteAddress: '203.0.113.31',
    ...(options.payload === undefined ? {} : { payload: options.payload as Record<string, unknown> }),
  });
}

/** The audit events after `seq`, as the tests compare them. */
export function auditAfter(t: Pick<TestApp, 'db'>, seq: number) {
  return t.db
    .prepare(
      `SELECT action, resource_type AS resourceType, resource_id AS resourceId, outcome, acting_profile_id AS profileId,
              actor_staff_id AS staffId, actor_api_key_id AS apiKeyId
       FROM audit_events WHERE seq > ? ORDER BY seq`,
    )
    .all(seq) as Array<{ action: string; resourceType: string | null; resourceId: string | null; outcome: string; profileId: number | null; staffId: number | null; apiKeyId: number | null }>;
}

export const auditSeq = (t: Pick<TestApp, 'db'>) => (t.db.prepare('SELECT coalesce(max(seq), 0) AS n FROM audit_events').get() as { n: number }).n;
