import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { listClinicians } from '../repos/catalog.js';
import { createStaff, findStaffByEmail } from '../repos/staff.js';
import type { StaffRole } from '../office/actor.js';

interface DemoStaffMember {
  email: string;
  name: string;
  role: StaffRole;
  language: 'en' | 'es';
  /** For role `clinician`: the seeded clinician's email. */
  clinicianEmail?: string;
}

/** The demo practices' staff: an owner, one clinician-role member per clinician, one office member. */
export const DEMO_STAFF: Readonly<Record<string, readonly DemoStaffMember[]>> = {
  lakeside: [
    { email: 'owner@lakeside.example', name: 'Lee Park', role: 'owner', language: 'en' },
    { email: 'ana.ruiz@lakeside.example', name: 'Dr. Ana Ruiz', role: 'clinician', language: 'es', clinicianEmail: 'ana.ruiz@lakeside.example' },
    { email: 'sam.patel@lakeside.example', name: 'Sam Patel', role: 'clinician', language: 'en', clinicianEmail: 'sam.patel@lakeside.example' },
    { email: 'recepcion@lakeside.example', name: 'Lucía Fernández', role: 'office', language: 'es' },
  ],
  harbor: [
    { email: 'owner@harbor.example', name: 'Morgan Hale', role: 'owner', language: 'en' },
    { email: 'robin.hart@harbor.example', name: 'Robin Hart', role: 'clinician', language: 'en', clinicianEmail: 'robin.hart@harbor.example' },
    { email: 'office@harbor.example', name: 'Jamie Cole', role: 'office', language: 'en' },
  ],
};

/** Adds the practice's demo staff who are not there yet (so older demo databases get them too). Inside the seed's transaction. */
export function seedDemoStaff(db: Db, clock: Clock, practice: { id: number; slug: string }): void {
  const clinicians = listClinicians(db, practice.id);
  for (const member of DEMO_STAFF[practice.slug] ?? []) {
    if (findStaffByEmail(db, practice.id, member.email)) continue;
    const clinician = member.clinicianEmail ? clinicians.find((c) => c.email === member.clinicianEmail) : undefined;
    if (member.role === 'clinician' && !clinician) continue;
    createStaff(db, clock.now(), {
      practiceId: practice.id,
      email: member.email,
      name: member.name,
      role: member.role,
      clinicianId: clinician?.id ?? null,
      preferredLanguage: member.language,
    });
  }
}
