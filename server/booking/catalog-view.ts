import type { ServiceKind } from '../../src/contract/index.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import {
  findClinician,
  findService,
  listClinicianIdsForService,
  listClinicians,
  listServices,
  type Clinician,
  type Service,
} from '../repos/catalog.js';
import type { ProfileKind } from '../repos/clients.js';

/**
 * Which services a profile can request: a couple profile books couples therapy (and an
 * intake); a person, adult or minor, individual therapy (and an intake).
 */
const SERVICE_KINDS_FOR: Record<ProfileKind, readonly ServiceKind[]> = {
  self: ['intake', 'individual'],
  minor: ['intake', 'individual'],
  couple: ['intake', 'couple'],
};

/** The practice's active services a profile of this kind can request, in the practice's order. */
export function bookableServices(db: Db, practiceId: number, kind: ProfileKind): Service[] {
  return listServices(db, practiceId).filter((s) => SERVICE_KINDS_FOR[kind].includes(s.kind));
}

/** Active clinicians offering a service, in the practice's order. */
export function cliniciansOffering(db: Db, practiceId: number, serviceId: number, clinicians?: readonly Clinician[]): Clinician[] {
  const offering = new Set(listClinicianIdsForService(db, practiceId, serviceId));
  return (clinicians ?? listClinicians(db, practiceId)).filter((c) => offering.has(c.id));
}

export interface ProfileSummary {
  id: number;
  displayName: string;
  kind: ProfileKind;
}

/**
 * Services, clinicians and profiles by id for one answer, each read once. Appointments keep
 * showing a service or clinician the practice has since retired, so these lookups do not
 * filter on `active`.
 */
export class CatalogLookup {
  readonly #services = new Map<number, Service>();
  readonly #clinicians = new Map<number, Clinician>();
  readonly #profiles = new Map<number, ProfileSummary>();

  constructor(
    private readonly db: Db,
    private readonly practiceId: number,
  ) {}

  service(id: number): Service {
    let service = this.#services.get(id);
    if (!service) {
      service = findService(this.db, this.practiceId, id);
      if (!service) throw new Error(`Service ${id} of practice ${this.practiceId} is missing.`);
      this.#services.set(id, service);
    }
    return service;
  }

  clinician(id: number): Clinician {
    let clinician = this.#clinicians.get(id);
    if (!clinician) {
      clinician = findClinician(this.db, this.practiceId, id);
      if (!clinician) throw new Error(`Clinician ${id} of practice ${this.practiceId} is missing.`);
      this.#clinicians.set(id, clinician);
    }
    return clinician;
  }

  profile(id: number): ProfileSummary {
    let profile = this.#profiles.get(id);
    if (!profile) {
      profile = statement<[number, number], ProfileSummary>(
        this.db,
        'SELECT id, display_name AS displayName, kind FROM profiles WHERE practice_id = ? AND id = ?',
      ).get(this.practiceId, id);
      if (!profile) throw new Error(`Profile ${id} of practice ${this.practiceId} is missing.`);
      this.#profiles.set(id, profile);
    }
    return profile;
  }
}
