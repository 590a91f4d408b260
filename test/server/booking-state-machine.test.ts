// R43's state machine: the database accepts exactly the allowed status changes, whatever
// code runs against it, and the fields that define an appointment never change.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AppointmentStatus } from '../../src/contract/index.js';
import { ALLOWED_TRANSITIONS, canTransition } from '../../server/booking/state-machine.js';
import { changeStatus, insertAppointment } from '../../server/repos/appointments.js';
import { lakeside } from './booking-helpers.js';
import { createTestDb, type TestDb } from './test-db.js';

const STATUSES: AppointmentStatus[] = ['requested', 'confirmed', 'reschedule_requested', 'declined', 'cancelled'];
const REASON: Partial<Record<AppointmentStatus, 'client'>> = { declined: 'client', cancelled: 'client' };

describe('booking: R43 state machine', () => {
  let t: TestDb;
  let next = 0;
  before(() => {
    t = createTestDb();
  });
  after(() => t.close());

  /** A new appointment (each at its own time) brought into `status` along allowed moves. */
  function appointmentIn(status: AppointmentStatus): number {
    const l = lakeside(t);
    const profileId = t.db.prepare("SELECT id FROM profiles WHERE display_name = 'Alex Morgan' AND practice_id = ?").pluck().get(l.practice.id) as number;
    const accountId = t.db.prepare("SELECT id FROM accounts WHERE email = 'alex@example.com' AND practice_id = ?").pluck().get(l.practice.id) as number;
    next += 1;
    const startsAt = Date.parse('2025-03-03T15:00:00Z') + next * 2 * 3_600_000;
    const live = status === 'confirmed' || status === 'reschedule_requested' || status === 'cancelled' ? 'confirmed' : 'requested';
    const id = insertAppointment(t.db, t.clock.now(), {
      practiceId: l.practice.id,
      profileId,
      clinicianId: l.ana,
      serviceId: l.individual,
      requestedBy: accountId,
      modality: 'telehealth',
      startsAt,
      endsAt: startsAt + 50 * 60_000,
      blockedUntil: startsAt + 60 * 60_000,
      status: live,
      message: null,
      rescheduleOfId: null,
      calendarUid: `sm-${next}`,
      calendarSequence: 0,
      expiresAt: live === 'requested' ? startsAt : null,
    });
    if (status !== live) assert.ok(changeStatus(t.db, t.clock.now(), id, live, { to: status, reason: REASON[status] ?? null }));
    return id;
  }

  test('the allowed moves are exactly R43’s (approved = confirmed), plus the way back from a pending move', () => {
    assert.deepEqual(ALLOWED_TRANSITIONS, {
      requested: ['confirmed', 'declined', 'cancelled'],
      confirmed: ['cancelled', 'reschedule_requested'],
      reschedule_requested: ['confirmed', 'cancelled'],
      declined: [],
      cancelled: [],
    });
  });

  for (const from of STATUSES) {
    for (const to of STATUSES.filter((s) => s !== from)) {
      const allowed = canTransition(from, to);
      test(`${from} → ${to}: ${allowed ? 'accepted' : 'refused by the database'}`, () => {
        const id = appointmentIn(from);
        const move = () =>
          t.db
            .prepare('UPDATE appointments SET status = ?, status_reason = ?, expires_at = CASE WHEN ? = \'requested\' THEN expires_at ELSE NULL END WHERE id = ?')
            .run(to, REASON[to] ?? null, to, id);
        if (allowed) move();
        else assert.throws(move, /status change not allowed/);
      });
    }
  }

  test('time, clinician, service and profile of an appointment never change', () => {
    const id = appointmentIn('confirmed');
    for (const column of ['starts_at', 'ends_at', 'clinician_id', 'service_id', 'profile_id', 'requested_by']) {
      assert.throws(() => t.db.prepare(`UPDATE appointments SET ${column} = ${column} + 1 WHERE id = ?`).run(id), /fixed/, column);
    }
  });

  test('changeStatus only moves a row still in the expected state (concurrent decisions)', () => {
    const id = appointmentIn('requested');
    assert.equal(changeStatus(t.db, t.clock.now(), id, 'requested', { to: 'confirmed', decided: true }), true);
    assert.equal(changeStatus(t.db, t.clock.now(), id, 'requested', { to: 'declined', reason: 'practice' }), false);
  });
});
