import type { Households } from '../../src/contract/index.js';
import { listHouseholds } from '../repos/households.js';
import type { OfficeCall, OfficeDeps } from './call.js';
import { visibleProfileIds } from './visibility.js';

/**
 * The households the caller may see: everything for office staff, owners and keys; for a
 * clinician, their clients' profiles, the links to them and the accounts holding those links.
 */
export function visibleHouseholds(deps: OfficeDeps, call: OfficeCall): Households {
  const all = listHouseholds(deps.db, call.practice.id);
  if (call.office.clinicianId === null) return all;
  const visible = visibleProfileIds(deps, call.practice.id, call.office);
  return {
    accounts: all.accounts
      .map((account) => ({ ...account, links: account.links.filter((l) => visible.has(l.profileId)) }))
      .filter((account) => account.links.length > 0),
    profiles: all.profiles.filter((p) => visible.has(p.id)),
  };
}
