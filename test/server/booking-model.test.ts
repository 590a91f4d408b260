// R43 / R77: model-based test of booking (fast-check `fc.commands`). Random sequences of
// request, approve, decline, cancel and reschedule run against the real booking code on a
// fresh database and against a tiny in-memory model; after every command the answers and
// every appointment's state must agree, and no time is ever held twice.
// Runs: FC_RUNS (default 100, fast-check's default; raise it on CI: ≥ 1 000 per R77).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc, { type Command } from 'fast-check';
import type { AppointmentStatus } from '../../src/contract/index.js';
import type { RequestMeta } from '../../server/request/meta.js';
import { cancelAppointment } from '../../server/booking/client-cancel.js';
import { requestAppointment, requestReschedule } from '../../server/booking/client-requests.js';
import { approveRequest, declineRequest } from '../../server/booking/decisions.js';
import type { ClientActor } from '../../server/request/actor.js';
import { FakeClock } from '../../server/clock.js';
import { migrate } from '../../server/db/migrate.js';
import { closeDatabase, openDatabase, type Db } from '../../server/db/open.js';
import { ApiError } from '../../server/errors.js';
import { findAccessibleProfile, findAccountByEmail } from '../../server/repos/clients.js';
import { findPracticeBySlug } from '../../server/repos/practices.js';
import { seedDemo } from '../../server/seed/demo.js';
import { lakeside, type Lakeside } from './booking-helpers.js';

const RUNS = Number(process.env.FC_RUNS) || 100;
/** Four of Sam's open times, an hour apart, two weeks after the clock: outside every window. */
const SLOTS = ['2025-01-21T18:00:00.000Z', '2025-01-21T19:00:00.000Z', '2025-01-21T20:00:00.000Z', '2025-01-21T21:00:00.000Z'];
const LIVE: readonly AppointmentStatus[] = ['requested', 'confirmed', 'reschedule_requested'];
const META: RequestMeta = { ip: '203.0.113.40', client: '203.0.113.40', origin: null, presentedTokenHash: undefined };

interface ModelAppointment {
  status: AppointmentStatus;
  slot: number;
  rescheduleOf: number | null;
}
interface Model {
  appointments: ModelAppointment[];
  created: number;
}
interface Real {
  db: Db;
  clock: FakeClock;
  ids: Lakeside;
  actor: ClientActor;
  /** Model index → database id. */
  dbIds: number[];
}

/** What a call answered: ok, or its error code. */
function outcome(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (err) {
    if (err instanceof ApiError) return err.code;
    throw err;
  }
}

const held = (m: Model, slot: number) => m.appointments.some((a) => a.slot === slot && LIVE.includes(a.status));
const openRequests = (m: Model) => m.appointments.filter((a) => a.status === 'requested').length;

/** R45 as the code checks it, in its order: open requests (3), then the daily budget (10). */
function limit(m: Model): string | undefined {
  if (openRequests(m) >= 3) return 'too_many_requests_open';
  if (m.created >= 10) return 'rate_limited';
  return undefined;
}

/** Withdrawing or declining a move gives the original back its confirmed state. */
function restoreOriginal(m: Model, a: ModelAppointment): void {
  if (a.rescheduleOf !== null) m.appointments[a.rescheduleOf].status = 'confirmed';
}

/** Every command applies itself to both sides, then checks that they agree. */
abstract class BookingCommand implements Command<Model, Real> {
  check(_m: Readonly<Model>): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    this.apply(m, r);
    agree(m, r);
  }
  abstract apply(m: Model, r: Real): void;
  abstract toString(): string;
}

class RequestCommand extends BookingCommand {
  constructor(readonly slot: number) {
    super();
  }
  apply(m: Model, r: Real): void {
    const expected = limit(m) ?? (held(m, this.slot) ? 'slot_unavailable' : 'ok');
    const got = outcome(() => {
      const answer = requestAppointment(r, r.actor, { serviceId: r.ids.individual, clinicianId: r.ids.sam, start: SLOTS[this.slot] });
      r.dbIds.push(answer.body.id);
    });
    assert.equal(got, expected, this.toString());
    if (got === 'ok') {
      m.appointments.push({ status: 'requested', slot: this.slot, rescheduleOf: null });
      m.created += 1;
    }
  }
  toString(): string {
    return `request(${this.slot})`;
  }
}

/** A command on the appointment at model index `pick % count`; it needs one to exist. */
abstract class OnAppointment extends BookingCommand {
  constructor(readonly pick: number) {
    super();
  }
  override check(m: Readonly<Model>): boolean {
    return m.appointments.length > 0;
  }
  index(m: Model): number {
    return this.pick % m.appointments.length;
  }
}

class ApproveCommand extends OnAppointment {
  apply(m: Model, r: Real): void {
    const i = this.index(m);
    const a = m.appointments[i];
    const got = outcome(() => approveRequest(r, r.actor.practice, r.dbIds[i], META));
    assert.equal(got, a.status === 'requested' ? 'ok' : 'conflict', this.toString());
    if (got !== 'ok') return;
    a.status = 'confirmed';
    if (a.rescheduleOf !== null) m.appointments[a.rescheduleOf].status = 'cancelled';
  }
  toString(): string {
    return `approve(${this.pick})`;
  }
}

class DeclineCommand extends OnAppointment {
  apply(m: Model, r: Real): void {
    const i = this.index(m);
    const a = m.appointments[i];
    const got = outcome(() => declineRequest(r, r.actor.practice, r.dbIds[i], {}, META));
    assert.equal(got, a.status === 'requested' ? 'ok' : 'conflict', this.toString());
    if (got !== 'ok') return;
    a.status = 'declined';
    restoreOriginal(m, a);
  }
  toString(): string {
    return `decline(${this.pick})`;
  }
}

class CancelCommand extends OnAppointment {
  apply(m: Model, r: Real): void {
    const i = this.index(m);
    const a = m.appointments[i];
    const got = outcome(() => cancelAppointment(r, r.actor, r.dbIds[i]));
    assert.equal(got, LIVE.includes(a.status) ? 'ok' : 'conflict', this.toString());
    if (got !== 'ok') return;
    if (a.status === 'requested') restoreOriginal(m, a);
    if (a.status === 'reschedule_requested') {
      for (const other of m.appointments) if (other.rescheduleOf === i && other.status === 'requested') other.status = 'cancelled';
    }
    a.status = 'cancelled';
  }
  toString(): string {
    return `cancel(${this.pick})`;
  }
}

class RescheduleCommand extends OnAppointment {
  constructor(
    pick: number,
    readonly slot: number,
  ) {
    super(pick);
  }
  apply(m: Model, r: Real): void {
    const i = this.index(m);
    const a = m.appointments[i];
    const expected = a.status !== 'confirmed' ? 'conflict' : (limit(m) ?? (held(m, this.slot) ? 'slot_unavailable' : 'ok'));
    const got = outcome(() => {
      const answer = requestReschedule(r, r.actor, r.dbIds[i], { start: SLOTS[this.slot] });
      r.dbIds.push(answer.body.request.id);
    });
    assert.equal(got, expected, this.toString());
    if (got !== 'ok') return;
    a.status = 'reschedule_requested';
    m.appointments.push({ status: 'requested', slot: this.slot, rescheduleOf: i });
    m.created += 1;
  }
  toString(): string {
    return `reschedule(${this.pick}, ${this.slot})`;
  }
}

/** After each command: the database says what the model says, and each time is held at most once. */
function agree(m: Model, r: Real): void {
  const rows = r.db.prepare('SELECT id, status FROM appointments WHERE profile_id = ? ORDER BY id').all(r.actor.profile.id) as { id: number; status: string }[];
  assert.deepEqual(rows.map((row) => row.status), m.appointments.map((a) => a.status));
  const live = r.db
    .prepare("SELECT starts_at, count(*) AS n FROM appointments WHERE status IN ('requested', 'confirmed', 'reschedule_requested') GROUP BY clinician_id, starts_at HAVING n > 1")
    .all();
  assert.deepEqual(live, []);
}

function freshReal(): Real {
  const clock = new FakeClock();
  const db = openDatabase(':memory:');
  migrate(db, clock);
  seedDemo(db, clock, { origins: [], portalUrl: null });
  const practice = findPracticeBySlug(db, 'lakeside')!;
  const account = findAccountByEmail(db, practice.id, 'alex@example.com')!;
  const profile = db.prepare('SELECT profile_id FROM profile_access WHERE account_id = ?').pluck().get(account.id) as number;
  return {
    db,
    clock,
    ids: lakeside({ db }),
    actor: { practice, accountId: account.id, profile: findAccessibleProfile(db, practice.id, account.id, profile)!, meta: META },
    dbIds: [],
  };
}

test(`booking model: the code and R43's model agree on random command sequences (${RUNS} runs)`, () => {
  const slot = fc.integer({ min: 0, max: SLOTS.length - 1 });
  const pick = fc.nat(20);
  const commands = fc.commands(
    [
      slot.map((s) => new RequestCommand(s)),
      pick.map((p) => new ApproveCommand(p)),
      pick.map((p) => new DeclineCommand(p)),
      pick.map((p) => new CancelCommand(p)),
      fc.tuple(pick, slot).map(([p, s]) => new RescheduleCommand(p, s)),
    ],
    { maxCommands: 25 },
  );
  fc.assert(
    fc.property(commands, (cmds) => {
      const real = freshReal();
      try {
        const model: Model = { appointments: [], created: 0 };
        fc.modelRun(() => ({ model, real }), cmds);
      } finally {
        closeDatabase(real.db);
      }
    }),
    { numRuns: RUNS },
  );
});
