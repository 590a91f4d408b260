import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';

// The profile a session last chose to act for (migration 003). Remembering a choice grants
// nothing: readers check the live profile_access link again (R41), and every profile-scoped
// route authorizes its own path id.

/** The stored choice of a session, or null; the caller still checks the link. */
export function storedActingProfileId(db: Db, sessionId: number): number | null {
  const row = statement<[number], { acting_profile_id: number | null }>(
    db,
    'SELECT acting_profile_id FROM sessions WHERE id = ?',
  ).get(sessionId);
  return row?.acting_profile_id ?? null;
}

/** Records the session's choice; the caller has checked that the account may act for the profile. */
export function storeActingProfile(db: Db, sessionId: number, profileId: number): void {
  statement<[number, number]>(db, 'UPDATE sessions SET acting_profile_id = ? WHERE id = ?').run(profileId, sessionId);
}

/**
 * Forgets the choice of `profileId` in every session of the account (after a revocation, R42),
 * so a later new link does not silently bring back an old session's selection.
 */
export function forgetActingProfile(db: Db, practiceId: number, accountId: number, profileId: number): number {
  return statement<[number, number, number]>(
    db,
    `UPDATE sessions SET acting_profile_id = NULL
     WHERE practice_id = ? AND account_id = ? AND acting_profile_id = ?`,
  ).run(practiceId, accountId, profileId).changes;
}
