import { randomUUID } from 'node:crypto';
import { openTimes } from '../booking/availability.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../booking/time-zone.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { insertAppointment } from '../repos/appointments.js';
import { bookingSettings } from '../repos/booking-settings.js';
import { listClinicians, listServices } from '../repos/catalog.js';
import { findAccountByEmail, listAccessibleProfiles } from '../repos/clients.js';
import type { Practice } from '../repos/practices.js';

/**
 * Gives the demo's Maya (Jordan's daughter) a confirmed appointment with Dr. Ana Ruiz a
 * week from now and a request waiting for approval a few days from now, both at open times
 * computed like any client's, relative to the clock: the widget and the clinician console
 * have something to show from the first start.
 */
export function seedDemoBookings(db: Db, clock: Clock, practice: Practice): void {
  const jordan = findAccountByEmail(db, practice.id, 'jordan@example.com');
  const maya = jordan && listAccessibleProfiles(db, practice.id, jordan.id).find((p) => p.kind === 'minor');
  const ana = listClinicians(db, practice.id).find((c) => c.email === 'ana.ruiz@lakeside.example');
  const individual = listServices(db, practice.id).find((s) => s.slug === 'individual');
  if (!jordan || !maya || !ana || !individual) return;
  const now = clock.now();
  const scope = { db, now, practice, settings: bookingSettings(db, practice.id) };
  const firstOpen = (from: number) => [...openTimes(scope, individual, [ana.id], from, from + 14 * DAY_MS).keys()][0];
  const book = (startsAt: number | undefined, status: 'requested' | 'confirmed') => {
    if (startsAt === undefined) return;
    const endsAt = startsAt + individual.durationMinutes * MINUTE_MS;
    insertAppointment(db, now, {
      practiceId: practice.id,
      profileId: maya.id,
      clinicianId: ana.id,
      serviceId: individual.id,
      requestedBy: jordan.id,
      modality: 'telehealth',
      startsAt,
      endsAt,
      blockedUntil: endsAt + individual.bufferMinutes * MINUTE_MS,
      status,
      message: null,
      rescheduleOfId: null,
      calendarUid: `${randomUUID()}@${practice.slug}.portal`,
      calendarSequence: 0,
      expiresAt: status === 'requested' ? Math.min(now + scope.settings.requestExpiryHours * HOUR_MS, startsAt) : null,
    });
  };
  book(firstOpen(now + 7 * DAY_MS), 'confirmed');
  book(firstOpen(now + 3 * DAY_MS), 'requested');
}
