import type { ProfileList } from '../../src/contract/index.js';
import type { Db } from '../db/open.js';
import { storedActingProfileId } from '../repos/acting-profile.js';
import { listAccessibleProfiles } from '../repos/clients.js';
import { toContractProfile } from './permissions.js';

/**
 * The profiles the account may act for now (live links only, self first) and the session's
 * choice among them. The stored choice counts only while it is in that list: a revoked link
 * reads as null on the very next request (R42), whatever the column still holds.
 */
export function profileListFor(db: Db, practiceId: number, accountId: number, sessionId: number): ProfileList {
  const profiles = listAccessibleProfiles(db, practiceId, accountId).map(toContractProfile);
  const stored = storedActingProfileId(db, sessionId);
  const selectedProfileId = stored !== null && profiles.some((p) => p.id === stored) ? stored : null;
  return { profiles, selectedProfileId };
}
