import type { AppointmentStatus } from '../../src/contract/index.js';

/**
 * R43's state machine, as the database trigger `appointments_state_machine` enforces it
 * ("approved" is `confirmed` here). The code consults it to answer 409 before trying;
 * the trigger makes sure nothing else gets through.
 *
 * reschedule_requested is a confirmed appointment whose move waits for approval: it goes
 * back to confirmed when the new time is declined, withdrawn or lapses, and to cancelled
 * when the new time is approved (the swap) or the client cancels it.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<AppointmentStatus, readonly AppointmentStatus[]>> = Object.freeze({
  requested: ['confirmed', 'declined', 'cancelled'],
  confirmed: ['cancelled', 'reschedule_requested'],
  reschedule_requested: ['confirmed', 'cancelled'],
  declined: [],
  cancelled: [],
});

export function canTransition(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}
