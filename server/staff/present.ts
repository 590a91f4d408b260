import type { ApiKeySummary, StaffMember as StaffMemberView, StaffSelf } from '../../src/contract/staff.js';
import { portalLanguage } from '../language.js';
import type { ApiKey } from '../repos/api-keys.js';
import type { StaffMember } from '../repos/staff.js';

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

export const staffSelf = (staff: StaffMember): StaffSelf => ({
  id: staff.id,
  name: staff.name,
  email: staff.email,
  role: staff.role,
  clinicianId: staff.clinicianId,
  language: portalLanguage(staff.preferredLanguage),
});

export const staffView = (staff: StaffMember): StaffMemberView => ({
  ...staffSelf(staff),
  notify: staff.notify,
  active: staff.active,
  createdAt: new Date(staff.createdAt).toISOString(),
});

/** A key as the owner sees it: never its secret or hash. */
export const apiKeyView = (key: ApiKey): ApiKeySummary => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  scopes: [...key.scopes],
  createdAt: new Date(key.createdAt).toISOString(),
  lastUsedAt: iso(key.lastUsedAt),
  revokedAt: iso(key.revokedAt),
});
