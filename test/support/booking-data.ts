import type { Appointment, AppointmentList, BookingOptions, SlotList } from '../../src/contract/index.js';
import { addDays, monthStart, today } from '../../src/elements/booking-request/format.js';

/** The demo practice's zone; tests pin the client to it (or to New York, to name the difference). */
export const ZONE = 'America/Chicago';

/** `n` days from today in the practice's zone, so the data never goes stale. */
export const day = (n: number): string => addDays(today(ZONE), n);
/** 15:00 UTC: 9:00 or 10:00 in Chicago, on the same calendar day everywhere in the Americas. */
export const at = (n: number, hourUtc = 15): string => `${day(n)}T${String(hourUtc).padStart(2, '0')}:00:00.000Z`;
/**
 * Open times start on the 3rd of next month, so the grid's first month and week layout do
 * not depend on today's date: `open(n)` is `n` days after that.
 */
export const open = (n: number): string => addDays(monthStart(today(ZONE), 1), 2 + n);
const openAt = (n: number, hourUtc: number): string => `${open(n)}T${String(hourUtc).padStart(2, '0')}:00:00.000Z`;
const plus50 = (start: string) => new Date(Date.parse(start) + 50 * 60_000).toISOString();

export const options: BookingOptions = {
  timeZone: ZONE,
  services: [
    {
      id: 1,
      slug: 'intake',
      names: { en: 'Intake consultation', es: 'Consulta inicial' },
      kind: 'intake',
      durationMinutes: 60,
      modalities: ['telehealth', 'in_person'],
      clinicianIds: [1, 2],
    },
    {
      id: 2,
      slug: 'individual',
      names: { en: 'Individual therapy', es: 'Terapia individual' },
      kind: 'individual',
      durationMinutes: 50,
      modalities: ['telehealth', 'in_person'],
      clinicianIds: [1, 2],
    },
  ],
  clinicians: [
    { id: 1, name: 'Dr. Ana Ruiz', languages: ['en', 'es'], bio: { en: 'Adults, couples and teenagers.', es: 'Adultos, parejas y adolescentes.' } },
    { id: 2, name: 'Sam Patel', languages: ['en'], bio: { en: 'Anxiety, grief and life changes.', es: 'Ansiedad, duelo y cambios de vida.' } },
  ],
};

const slot = (n: number, hourUtc: number, clinicianIds = [1]) => {
  const start = openAt(n, hourUtc);
  return { start, end: plus50(start), clinicianIds };
};

/** Open times on the 3rd (one), 4th (two) and 10th (one) of next month, and 38 days later. */
export const slotList: SlotList = {
  timeZone: ZONE,
  displayTimeZone: ZONE,
  from: day(0),
  to: open(40),
  serviceId: 2,
  days: [
    { date: open(0), slots: [slot(0, 15)] },
    { date: open(1), slots: [slot(1, 15), slot(1, 17, [1, 2])] },
    { date: open(7), slots: [slot(7, 16)] },
    { date: open(38), slots: [slot(38, 16)] },
  ],
};
export const slotStart = openAt;

const base = (id: number, n: number, more: Partial<Appointment>): Appointment => {
  const start = at(n);
  return {
    id,
    status: 'confirmed',
    statusReason: null,
    start,
    end: plus50(start),
    timeZone: ZONE,
    service: { id: 2, names: options.services[1].names, kind: 'individual' },
    clinician: { id: 1, name: 'Dr. Ana Ruiz' },
    modality: 'telehealth',
    message: null,
    requestedAt: at(-5),
    expiresAt: null,
    cancellable: true,
    reschedulable: true,
    cancellableUntil: at(n - 1),
    rescheduleOfId: null,
    rescheduleRequestId: null,
    declineNote: null,
    proposals: [],
    ...more,
  };
};

/** Tomorrow, confirmed: inside the 24-hour window, so only the office can change it. */
export const soon = base(101, 1, { cancellable: false, reschedulable: false, modality: 'in_person' });
export const later = base(102, 8, {});
export const waiting = base(103, 4, { status: 'requested', reschedulable: false, cancellableUntil: null, expiresAt: at(3) });
export const declined = base(104, 5, {
  status: 'declined',
  statusReason: 'practice',
  cancellable: false,
  reschedulable: false,
  cancellableUntil: null,
  declineNote: 'That afternoon is full.',
  proposals: [
    { start: at(6, 16), end: plus50(at(6, 16)), available: true },
    { start: at(7, 16), end: plus50(at(7, 16)), available: false },
  ],
});
export const pastOne = base(90, -10, { status: 'cancelled', statusReason: 'client', cancellable: false, reschedulable: false });

export const appointments = (more: Partial<AppointmentList> = {}): AppointmentList => ({
  timeZone: ZONE,
  cancellationWindowHours: 24,
  requestExpiryHours: 72,
  phone: '+15555550142',
  phoneDisplay: '(555) 555-0142',
  upcoming: [soon, waiting, declined, later],
  past: [pastOne],
  ...more,
});
