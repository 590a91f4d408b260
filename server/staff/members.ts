import type { NewStaffMember, StaffMemberUpdate } from '../../src/contract/staff.js';
import type { AuthDeps } from '../auth/deps.js';
import { sendInvitationTo } from '../auth/link-sign-in.js';
import { transaction } from '../db/transaction.js';
import { ApiError, notFound } from '../errors.js';
import type { OfficeActor } from '../office/actor.js';
import { findClinician } from '../repos/catalog.js';
import { normalizeEmail } from '../repos/clients.js';
import type { Practice } from '../repos/practices.js';
import {
  countActiveOwners,
  createStaff,
  endStaffAccess,
  findStaffByEmail,
  findStaffById,
  findStaffOfClinician,
  saveStaff,
  type StaffMember,
} from '../repos/staff.js';
import { audit } from '../request/audit.js';
import type { RequestMeta } from '../request/meta.js';
import { STAFF } from './sign-in.js';

const conflict = (message: string) => new ApiError(409, 'conflict', message);

/**
 * The clinician a member of this role is: required for `clinician` (of this practice, 404
 * otherwise, and not already another member's: 409), none for the other roles.
 */
function checkClinician(deps: AuthDeps, practice: Practice, role: StaffMember['role'], clinicianId: number | null, staffId?: number): number | null {
  if (role !== 'clinician') return null;
  if (clinicianId === null) throw new ApiError(400, 'validation', 'A clinician member names their clinician.', { clinicianId: 'required' });
  if (!findClinician(deps.db, practice.id, clinicianId)) throw notFound('No such clinician at this practice.');
  const taken = findStaffOfClinician(deps.db, clinicianId);
  if (taken && taken.id !== staffId) throw conflict('That clinician already has a staff member.');
  return clinicianId;
}

export interface StaffAdded {
  staff: StaffMember;
  invited: boolean;
}

/** `POST /admin/staff`: adds the member and emails them a console link as an invitation, when the practice has a console page. */
export function addStaffMember(deps: AuthDeps, practice: Practice, office: OfficeActor, meta: RequestMeta, body: NewStaffMember): StaffAdded {
  const { db, clock } = deps;
  const email = normalizeEmail(body.email);
  const staff = transaction(db, () => {
    if (findStaffByEmail(db, practice.id, email)) throw conflict('A staff member with that address exists.');
    const clinicianId = checkClinician(deps, practice, body.role, body.clinicianId ?? null);
    const created = createStaff(db, clock.now(), {
      practiceId: practice.id,
      email,
      name: body.name,
      role: body.role,
      clinicianId,
      preferredLanguage: body.language,
    });
    audit(deps, { practice, meta, office }, { action: 'sensitive_create', resourceType: 'staff_member', resourceId: created.id });
    return created;
  });
  const invited = sendInvitationTo(STAFF, deps, practice, staff, meta, office);
  return { staff, invited };
}

/**
 * `PATCH /admin/staff/:staffId`. The practice always keeps an active owner (409), and a
 * deactivated member's sessions and links end in the same transaction (they are refused from
 * the next request on).
 */
export function updateStaffMember(
  deps: AuthDeps,
  practice: Practice,
  office: OfficeActor,
  meta: RequestMeta,
  staffId: number,
  body: StaffMemberUpdate,
): StaffMember {
  const { db, clock } = deps;
  return transaction(db, () => {
    const current = findStaffById(db, practice.id, staffId);
    if (!current) throw notFound('No such staff member at this practice.');
    const role = body.role ?? current.role;
    const requestedClinician = body.clinicianId !== undefined ? body.clinicianId : current.clinicianId;
    const next: StaffMember = {
      ...current,
      name: body.name ?? current.name,
      role,
      clinicianId: checkClinician(deps, practice, role, requestedClinician, current.id),
      preferredLanguage: body.language ?? current.preferredLanguage,
      notify: body.notify ?? current.notify,
      active: body.active ?? current.active,
    };
    const losesOwner = current.role === 'owner' && current.active && (next.role !== 'owner' || !next.active);
    if (losesOwner && countActiveOwners(db, practice.id) <= 1) throw conflict('The practice must keep an active owner.');
    const now = clock.now();
    const saved = saveStaff(db, now, next);
    audit(deps, { practice, meta, office }, { action: 'sensitive_update', resourceType: 'staff_member', resourceId: saved.id });
    if (current.active && !saved.active) {
      for (const sessionId of endStaffAccess(db, now, practice.id, saved.id)) {
        audit(deps, { practice, meta, office }, { action: 'session_ended', resourceType: 'staff_session', resourceId: sessionId });
      }
    }
    return saved;
  });
}
