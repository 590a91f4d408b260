import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { grantProfileAccess, type Permissions, type Profile, type ProfileKind, type Relationship } from './clients.js';

// The office's side of profile_access: reading a profile to check a link against its kind,
// making a link and revoking one. Callers run these inside one transaction with the audit
// event of the change.

interface ProfileRow {
  id: number;
  practice_id: number;
  kind: ProfileKind;
  display_name: string;
  preferred_language: string;
}

/** A profile of this practice by id; another practice's id reads as none (R28). */
export function findProfileById(db: Db, practiceId: number, profileId: number): Profile | undefined {
  const row = statement<[number, number], ProfileRow>(
    db,
    'SELECT id, practice_id, kind, display_name, preferred_language FROM profiles WHERE practice_id = ? AND id = ?',
  ).get(practiceId, profileId);
  return (
    row && {
      id: row.id,
      practiceId: row.practice_id,
      kind: row.kind,
      displayName: row.display_name,
      preferredLanguage: row.preferred_language,
    }
  );
}

/** The id of the live link between the account and the profile, if any. */
export function findLiveLinkId(db: Db, practiceId: number, accountId: number, profileId: number): number | undefined {
  return statement<[number, number, number], { id: number }>(
    db,
    `SELECT id FROM profile_access
     WHERE practice_id = ? AND account_id = ? AND profile_id = ? AND revoked_at IS NULL`,
  ).get(practiceId, accountId, profileId)?.id;
}

/** Whether some other account already holds a live `self` link to the profile. */
export function hasOtherSelfLink(db: Db, practiceId: number, accountId: number, profileId: number): boolean {
  return (
    statement<[number, number, number], { n: number }>(
      db,
      `SELECT count(*) AS n FROM profile_access
       WHERE practice_id = ? AND profile_id = ? AND account_id != ? AND relationship = 'self' AND revoked_at IS NULL`,
    ).get(practiceId, profileId, accountId)!.n > 0
  );
}

/** Makes a live link and returns its id. The caller has checked that none exists (unique index). */
export function createLink(
  db: Db,
  clock: Clock,
  input: { practiceId: number; accountId: number; profileId: number; relationship: Relationship; permissions: Permissions },
): number {
  grantProfileAccess(db, clock, input);
  return findLiveLinkId(db, input.practiceId, input.accountId, input.profileId)!;
}

/** Revokes the live link and returns its id, or undefined when there was none. The row stays as a record. */
export function revokeLink(db: Db, clock: Clock, practiceId: number, accountId: number, profileId: number): number | undefined {
  return statement<[number, number, number, number], { id: number }>(
    db,
    `UPDATE profile_access SET revoked_at = ?
     WHERE practice_id = ? AND account_id = ? AND profile_id = ? AND revoked_at IS NULL
     RETURNING id`,
  ).get(clock.now(), practiceId, accountId, profileId)?.id;
}
