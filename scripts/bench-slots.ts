/**
 * Open-time computation for 8 weeks × 5 clinicians (issue 5: goal < 50 ms).
 *
 * An in-memory database with the demo practice plus three more clinicians, each working
 * Monday–Friday 08:00–18:00 in America/Chicago, with a day off each, a booking in roughly
 * every third hour and pending requests, over a range crossing the March daylight-saving
 * change. Times `slotList` (what `GET …/slots` runs: database reads, the computation in the
 * practice's zone, grouping by the client's days) for "any of the 5 clinicians" over 56 days,
 * the first (cold: Intl formatters and offset cache empty) run and the median / p95 of the
 * next runs; and the pure computation alone, with the data already loaded. Prints; asserts nothing.
 *
 *   npx tsx scripts/bench-slots.ts [--runs 30]
 */
import { performance } from 'node:perf_hooks';
import { clinicianSchedule, slotRules } from '../server/booking/availability.js';
import { slotList } from '../server/booking/slot-list.js';
import { openStartsForClinicians } from '../server/booking/slots.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../server/booking/time-zone.js';
import { FakeClock } from '../server/clock.js';
import { migrate } from '../server/db/migrate.js';
import { closeDatabase, openDatabase } from '../server/db/open.js';
import { transaction } from '../server/db/transaction.js';
import { insertAppointment } from '../server/repos/appointments.js';
import { bookingSettings } from '../server/repos/booking-settings.js';
import { addWeeklyHours, createClinician, listClinicians, listServices, offerService } from '../server/repos/catalog.js';
import { findAccountByEmail, listAccessibleProfiles } from '../server/repos/clients.js';
import { findPracticeBySlug } from '../server/repos/practices.js';
import { addTimeOff } from '../server/repos/time-off.js';
import { seedDemo } from '../server/seed/demo.js';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg === -1 ? 30 : Math.max(1, Number(process.argv[runsArg + 1]) || 30);
const WEEKS = 8;

const clock = new FakeClock(Date.parse('2026-02-23T15:00:00Z')); // Monday; the range crosses 8 March
const db = openDatabase(':memory:');
migrate(db, clock);
seedDemo(db, clock, { origins: [], portalUrl: null });
const practice = findPracticeBySlug(db, 'lakeside')!;
const individual = listServices(db, practice.id).find((s) => s.slug === 'individual')!;
const alex = findAccountByEmail(db, practice.id, 'alex@example.com')!;
const alexProfile = listAccessibleProfiles(db, practice.id, alex.id)[0];

transaction(db, () => {
  for (const name of ['Lee Chen', 'Rosa Diaz', 'Omar Haddad']) {
    const clinician = createClinician(db, clock, { practiceId: practice.id, name, email: `${name.split(' ')[0].toLowerCase()}@lakeside.example`, languages: ['en'] });
    offerService(db, practice.id, clinician.id, individual.id);
    for (const weekday of [1, 2, 3, 4, 5]) addWeeklyHours(db, clinician.id, { weekday, startMinute: 8 * 60, endMinute: 18 * 60 });
  }
  const clinicians = listClinicians(db, practice.id);
  let n = 0;
  clinicians.forEach((c, i) => {
    // A day off per clinician in week 3, and a booking roughly every third hour.
    const dayOff = clock.now() + (14 + i) * DAY_MS;
    addTimeOff(db, clock, { practiceId: practice.id, clinicianId: c.id, start: dayOff, end: dayOff + DAY_MS });
    for (let at = clock.now() + 2 * DAY_MS; at < clock.now() + WEEKS * 7 * DAY_MS; at += 3 * HOUR_MS + i * 20 * MINUTE_MS) {
      n += 1;
      const requested = n % 4 === 0;
      try {
        insertAppointment(db, clock.now(), {
          practiceId: practice.id,
          profileId: alexProfile.id,
          clinicianId: c.id,
          serviceId: individual.id,
          requestedBy: alex.id,
          modality: 'telehealth',
          startsAt: at,
          endsAt: at + 50 * MINUTE_MS,
          blockedUntil: at + 60 * MINUTE_MS,
          status: requested ? 'requested' : 'confirmed',
          message: null,
          rescheduleOfId: null,
          calendarUid: `bench-${n}`,
          calendarSequence: 0,
          expiresAt: requested ? clock.now() + 72 * HOUR_MS : null,
        });
      } catch {
        // overlaps another bench booking: skip it
      }
    }
  });
});

const clinicianIds = listClinicians(db, practice.id).map((c) => c.id);
const settings = bookingSettings(db, practice.id);
const scope = { db, now: clock.now(), practice, settings };
const range = { from: '2026-02-23', to: '2026-04-19', timeZone: 'Europe/Madrid' }; // 8 weeks, grouped in another zone

const time = (fn: () => unknown) => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};
const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] };
};

const cold = time(() => slotList(scope, individual, clinicianIds, range));
const warm = Array.from({ length: RUNS }, () => time(() => slotList(scope, individual, clinicianIds, range)));
const result = slotList(scope, individual, clinicianIds, range);
const openCount = result.days.reduce((sum, d) => sum + d.slots.length, 0);

const rules = slotRules(scope, individual, Date.parse('2026-02-23T06:00:00Z'), Date.parse('2026-04-20T05:00:00Z'));
const schedules = clinicianIds.map((id) => clinicianSchedule(scope, id, rules.earliest, rules.latest));
const pure = Array.from({ length: RUNS }, () => time(() => openStartsForClinicians(schedules, rules)));
const bookings = db.prepare('SELECT count(*) FROM appointments').pluck().get() as number;
closeDatabase(db);

const ms = (x: number) => `${x.toFixed(2)} ms`;
console.log(`Open times, ${WEEKS} weeks × ${clinicianIds.length} clinicians (${bookings} bookings, ${openCount} open times on ${result.days.length} days), ${RUNS} runs:`);
console.log(`  slotList (DB reads + computation + grouping): cold ${ms(cold)}, median ${ms(stats(warm).median)}, p95 ${ms(stats(warm).p95)}`);
console.log(`  computation only (data loaded):              median ${ms(stats(pure).median)}, p95 ${ms(stats(pure).p95)}`);
console.log(`  goal < 50 ms: ${Math.max(cold, stats(warm).p95) < 50 ? 'met' : 'MISSED'}`);
