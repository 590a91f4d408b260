import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';

/** A practice's booking rules (004). The cancellation window lives on the practice row (001). */
export interface BookingSettings {
  requestExpiryHours: number;
  minNoticeHours: number;
  horizonDays: number;
  slotStepMinutes: number;
  maxOpenRequests: number;
  requestsPerDay: number;
}

/**
 * The defaults, also the schema's. 24 h notice: a request must be approved by a person, and
 * with the 24 h cancellation window a client never books a time they could not cancel.
 * 30-minute steps give on-the-hour and half-hour starts. R45: 10 requests a day per profile
 * (the figure proposed there) and 3 waiting for approval at once.
 */
export const DEFAULT_BOOKING_SETTINGS: Readonly<BookingSettings> = Object.freeze({
  requestExpiryHours: 72,
  minNoticeHours: 24,
  horizonDays: 90,
  slotStepMinutes: 30,
  maxOpenRequests: 3,
  requestsPerDay: 10,
});

interface Row {
  request_expiry_hours: number;
  min_notice_hours: number;
  horizon_days: number;
  slot_step_minutes: number;
  max_open_requests: number;
  requests_per_day: number;
}

export function bookingSettings(db: Db, practiceId: number): BookingSettings {
  const row = statement<[number], Row>(db, 'SELECT * FROM booking_settings WHERE practice_id = ?').get(practiceId);
  if (!row) return { ...DEFAULT_BOOKING_SETTINGS };
  return {
    requestExpiryHours: row.request_expiry_hours,
    minNoticeHours: row.min_notice_hours,
    horizonDays: row.horizon_days,
    slotStepMinutes: row.slot_step_minutes,
    maxOpenRequests: row.max_open_requests,
    requestsPerDay: row.requests_per_day,
  };
}

/** Sets some rules of a practice; the others keep their current value. */
export function updateBookingSettings(db: Db, clock: Clock, practiceId: number, changes: Partial<BookingSettings>): BookingSettings {
  const next = { ...bookingSettings(db, practiceId), ...changes };
  statement(
    db,
    `INSERT INTO booking_settings (practice_id, request_expiry_hours, min_notice_hours, horizon_days, slot_step_minutes,
       max_open_requests, requests_per_day, updated_at)
     VALUES (@practiceId, @requestExpiryHours, @minNoticeHours, @horizonDays, @slotStepMinutes, @maxOpenRequests, @requestsPerDay, @now)
     ON CONFLICT (practice_id) DO UPDATE SET
       request_expiry_hours = excluded.request_expiry_hours, min_notice_hours = excluded.min_notice_hours,
       horizon_days = excluded.horizon_days, slot_step_minutes = excluded.slot_step_minutes,
       max_open_requests = excluded.max_open_requests, requests_per_day = excluded.requests_per_day,
       updated_at = excluded.updated_at`,
  ).run({ practiceId, ...next, now: clock.now() });
  return next;
}
