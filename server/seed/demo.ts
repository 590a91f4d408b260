import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { transaction } from '../db/transaction.js';
import { addWeeklyHours, createClinician, createService, offerService, type Service } from '../repos/catalog.js';
import { createAccount, createProfile, grantProfileAccess } from '../repos/clients.js';
import { addDocumentVersion, createDocumentTemplate } from '../repos/documents.js';
import {
  createPractice,
  findPracticeBySlug,
  setAllowedOrigins,
  setPortalUrl,
  type Practice,
} from '../repos/practices.js';
import { setConsoleUrl } from '../staff/console-page.js';
import { seedDemoBookings } from './demo-bookings.js';
import { seedDemoStaff } from './demo-staff.js';
import { seedDemoPackets } from './demo-packets.js';
import { INFORMED_CONSENT, PRIVACY_NOTICE } from './demo-documents.js';

export const DEMO_PRACTICE_SLUG = 'lakeside';
export const SECOND_PRACTICE_SLUG = 'harbor';

/** The demo's client accounts, printed by `npm start` so people know whom to sign in as. */
export const DEMO_ACCOUNTS = [
  { email: 'alex@example.com', about: 'adult, English, own profile' },
  { email: 'jordan@example.com', about: 'own profile; guardian of Maya (minor); couple profile with Casey' },
  { email: 'casey@example.com', about: 'own profile; couple profile with Jordan' },
  { email: 'maria@example.com', about: 'prefers Spanish, own profile' },
] as const;

export interface DemoSite {
  /** The demo website's origins, e.g. http://localhost:8080 and http://127.0.0.1:8080. */
  origins: string[];
  /** The demo page holding <portal-signin>; emailed links point there. */
  portalUrl: string | null;
  /** The demo page holding the staff console; staff sign-in links point there. */
  consoleUrl?: string | null;
}

const hours = (h: number, m = 0) => h * 60 + m;

/**
 * Seeds the demo practice "Lakeside Counseling" and a second, small practice "Harbor Family
 * Therapy" (two tenants, for isolation tests). Idempotent: a practice that already exists is
 * left as it is. Returns the slugs it created.
 */
export function seedDemo(db: Db, clock: Clock, site: DemoSite): string[] {
  return transaction(db, () => {
    const created: string[] = [];
    if (!findPracticeBySlug(db, DEMO_PRACTICE_SLUG)) {
      seedLakeside(db, clock, site);
      created.push(DEMO_PRACTICE_SLUG);
    }
    if (!findPracticeBySlug(db, SECOND_PRACTICE_SLUG)) {
      seedHarbor(db, clock);
      created.push(SECOND_PRACTICE_SLUG);
    }
    for (const slug of [DEMO_PRACTICE_SLUG, SECOND_PRACTICE_SLUG]) {
      const practice = findPracticeBySlug(db, slug);
      if (practice) seedDemoStaff(db, clock, practice);
    }
    return created;
  });
}

/**
 * Points the demo practice at the demo site as it runs now: its origins (the port may
 * differ from the last start) replace any earlier loopback origins on the allow-list, and
 * its portal page becomes the target of emailed links. Other origins are kept.
 */
export function pointDemoPracticeAtSite(db: Db, clock: Clock, site: DemoSite): void {
  transaction(db, () => {
    const practice = findPracticeBySlug(db, DEMO_PRACTICE_SLUG);
    if (!practice) return;
    const isLoopback = (origin: string) => /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(origin);
    setAllowedOrigins(db, clock, practice.id, [...practice.allowedOrigins.filter((o) => !isLoopback(o)), ...site.origins]);
    setPortalUrl(db, clock, practice.id, site.portalUrl);
    if (site.consoleUrl !== undefined) setConsoleUrl(db, clock.now(), practice.id, site.consoleUrl);
  });
}

function seedLakeside(db: Db, clock: Clock, site: DemoSite): Practice {
  const practice = createPractice(db, clock, {
    slug: DEMO_PRACTICE_SLUG,
    name: 'Lakeside Counseling',
    phone: '+15555550142',
    phoneDisplay: '(555) 555-0142',
    timeZone: 'America/Chicago',
    languages: ['en', 'es'],
    allowedOrigins: site.origins,
    portalUrl: site.portalUrl,
    senderName: 'Lakeside Counseling',
    senderAddress: 'no-reply@lakeside.example',
  });
  if (site.consoleUrl) setConsoleUrl(db, clock.now(), practice.id, site.consoleUrl);
  seedLakesideCare(db, clock, practice.id);
  seedLakesideDocuments(db, clock, practice.id);
  seedLakesideClients(db, clock, practice.id);
  seedDemoBookings(db, clock, practice);
  seedDemoPackets(db, clock, practice.id);
  return practice;
}

/** Lakeside's clinicians, the services each offers, and their weekly hours. */
function seedLakesideCare(db: Db, clock: Clock, practiceId: number): void {
  const ana = createClinician(db, clock, {
    practiceId,
    name: 'Dr. Ana Ruiz',
    email: 'ana.ruiz@lakeside.example',
    languages: ['en', 'es'],
    bio: {
      en: 'Ana is a licensed psychologist who works with adults, couples and teenagers, in English and Spanish.',
      es: 'Ana es psicóloga con licencia y trabaja con adultos, parejas y adolescentes, en inglés y en español.',
    },
    sortOrder: 1,
  });
  const sam = createClinician(db, clock, {
    practiceId,
    name: 'Sam Patel',
    email: 'sam.patel@lakeside.example',
    languages: ['en'],
    bio: {
      en: 'Sam is a licensed clinical social worker who helps adults with anxiety, grief and life changes.',
      es: 'Sam es trabajador social clínico con licencia y ayuda a adultos con ansiedad, duelo y cambios de vida. Atiende en inglés.',
    },
    sortOrder: 2,
  });

  const service = (slug: string, kind: Service['kind'], durationMinutes: number, en: string, es: string, sortOrder: number) =>
    createService(db, clock, {
      practiceId,
      slug,
      kind,
      durationMinutes,
      bufferMinutes: 10,
      names: { en, es },
      modalities: ['telehealth', 'in_person'],
      sortOrder,
    });
  const intake = service('intake', 'intake', 60, 'Intake consultation', 'Consulta inicial', 1);
  const individual = service('individual', 'individual', 50, 'Individual therapy', 'Terapia individual', 2);
  const couples = service('couples', 'couple', 80, 'Couples therapy', 'Terapia de pareja', 3);
  for (const s of [intake, individual, couples]) offerService(db, practiceId, ana.id, s.id);
  for (const s of [intake, individual]) offerService(db, practiceId, sam.id, s.id);

  // Ana: Monday–Thursday 9:00–17:00, Friday 9:00–13:00. Sam: Tuesday–Friday 12:00–20:00.
  for (const weekday of [1, 2, 3, 4]) addWeeklyHours(db, ana.id, { weekday, startMinute: hours(9), endMinute: hours(17) });
  addWeeklyHours(db, ana.id, { weekday: 5, startMinute: hours(9), endMinute: hours(13) });
  for (const weekday of [2, 3, 4, 5]) addWeeklyHours(db, sam.id, { weekday, startMinute: hours(12), endMinute: hours(20) });
}

/** Lakeside's consent documents, version 1 in English and Spanish. */
function seedLakesideDocuments(db: Db, clock: Clock, practiceId: number): void {
  for (const [slug, doc] of [
    ['informed-consent', INFORMED_CONSENT],
    ['privacy-notice', PRIVACY_NOTICE],
  ] as const) {
    const template = createDocumentTemplate(db, clock, { practiceId, slug, kind: 'consent' });
    addDocumentVersion(db, clock, {
      practiceId,
      templateId: template.id,
      texts: [
        { language: 'en', ...doc.en },
        { language: 'es', ...doc.es },
      ],
    });
  }
}

/** Lakeside's clients and whom each may act for: a single adult, a family with a minor and a couple, a Spanish speaker. */
function seedLakesideClients(db: Db, clock: Clock, practiceId: number): void {
  const account = (email: string, name: string, preferredLanguage: string) =>
    createAccount(db, clock, { practiceId, email, name, preferredLanguage });
  const profile = (kind: 'self' | 'minor' | 'couple', displayName: string, preferredLanguage: string) =>
    createProfile(db, clock, { practiceId, kind, displayName, preferredLanguage });
  const grant = (accountId: number, profileId: number, relationship: 'self' | 'guardian' | 'partner') =>
    grantProfileAccess(db, clock, { practiceId, accountId, profileId, relationship });

  const alex = account('alex@example.com', 'Alex Morgan', 'en');
  grant(alex.id, profile('self', 'Alex Morgan', 'en').id, 'self');

  const jordan = account('jordan@example.com', 'Jordan Lee', 'en');
  const casey = account('casey@example.com', 'Casey Lee', 'en');
  grant(jordan.id, profile('self', 'Jordan Lee', 'en').id, 'self');
  grant(casey.id, profile('self', 'Casey Lee', 'en').id, 'self');
  grant(jordan.id, profile('minor', 'Maya Lee', 'en').id, 'guardian');
  const couple = profile('couple', 'Jordan Lee & Casey Lee', 'en');
  grant(jordan.id, couple.id, 'partner');
  grant(casey.id, couple.id, 'partner');

  const maria = account('maria@example.com', 'María García', 'es');
  grant(maria.id, profile('self', 'María García', 'es').id, 'self');
}

/** A second tenant. Alex is a client here too: same email, a different account. */
function seedHarbor(db: Db, clock: Clock): Practice {
  const practice = createPractice(db, clock, {
    slug: SECOND_PRACTICE_SLUG,
    name: 'Harbor Family Therapy',
    phone: '+15555550199',
    phoneDisplay: '555-555-0199',
    timeZone: 'America/New_York',
    languages: ['en'],
    allowedOrigins: ['https://harbor.example'],
    portalUrl: 'https://harbor.example/portal',
    senderName: 'Harbor Family Therapy',
    senderAddress: 'no-reply@harbor.example',
  });
  const practiceId = practice.id;
  setConsoleUrl(db, clock.now(), practiceId, 'https://harbor.example/console');
  const robin = createClinician(db, clock, {
    practiceId,
    name: 'Robin Hart',
    email: 'robin.hart@harbor.example',
    languages: ['en'],
    bio: { en: 'Robin is a marriage and family therapist.' },
  });
  const intake = createService(db, clock, {
    practiceId,
    slug: 'intake',
    kind: 'intake',
    durationMinutes: 60,
    names: { en: 'Intake consultation' },
    modalities: ['telehealth'],
  });
  offerService(db, practiceId, robin.id, intake.id);
  for (const weekday of [1, 3, 5]) addWeeklyHours(db, robin.id, { weekday, startMinute: hours(8), endMinute: hours(16) });
  const consent = createDocumentTemplate(db, clock, { practiceId, slug: 'informed-consent', kind: 'consent' });
  addDocumentVersion(db, clock, { practiceId, templateId: consent.id, texts: [{ language: 'en', ...INFORMED_CONSENT.en }] });

  for (const [email, name] of [
    ['alex@example.com', 'Alex Morgan'],
    ['taylor@example.com', 'Taylor Brooks'],
  ] as const) {
    const account = createAccount(db, clock, { practiceId, email, name, preferredLanguage: 'en' });
    const self = createProfile(db, clock, { practiceId, kind: 'self', displayName: name, preferredLanguage: 'en' });
    grantProfileAccess(db, clock, { practiceId, accountId: account.id, profileId: self.id, relationship: 'self' });
  }
  return practice;
}
