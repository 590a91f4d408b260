import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import type { ProfileFilter } from '../office/visibility.js';
import type { ProfileKind, Relationship } from './clients.js';

// The office's reads of clients: profiles with their assigned clinician and linked accounts,
// and the counts of what each sent. Every query is scoped by practice, and lists by the
// caller's visibility filter (server/office/visibility.ts).

export interface ClientProfile {
  id: number;
  displayName: string;
  kind: ProfileKind;
  language: string;
  clinicianId: number | null;
  createdAt: number;
}

export interface ClientAccount {
  profileId: number;
  id: number;
  email: string;
  name: string;
  relationship: Relationship;
}

const PROFILE_COLUMNS = `p.id, p.display_name AS displayName, p.kind, p.preferred_language AS language,
  p.clinician_id AS clinicianId, p.created_at AS createdAt`;

/**
 * The visible profiles of the practice, by name. `query` keeps those whose name, or whose
 * linked account's name or email, contains it (case-insensitive; no LIKE wildcards).
 */
export function listClientProfiles(db: Db, practiceId: number, visible: ProfileFilter, query?: string): ClientProfile[] {
  const search = query === undefined ? '' : `AND (instr(lower(p.display_name), lower(?)) > 0 OR EXISTS (
      SELECT 1 FROM profile_access x JOIN accounts a ON a.id = x.account_id AND a.practice_id = x.practice_id
      WHERE x.profile_id = p.id AND x.revoked_at IS NULL AND (instr(lower(a.name), lower(?)) > 0 OR instr(a.email, lower(?)) > 0)))`;
  return statement<unknown[], ClientProfile>(
    db,
    `SELECT ${PROFILE_COLUMNS} FROM profiles p WHERE p.practice_id = ? AND ${visible.sql} ${search} ORDER BY p.display_name, p.id`,
  ).all(practiceId, ...visible.params, ...(query === undefined ? [] : [query, query, query]));
}

export function findClientProfile(db: Db, practiceId: number, profileId: number): ClientProfile | undefined {
  return statement<[number, number], ClientProfile>(db, `SELECT ${PROFILE_COLUMNS} FROM profiles p WHERE p.practice_id = ? AND p.id = ?`).get(
    practiceId,
    profileId,
  );
}

/** The live links of the practice's profiles (all of them, or one), self first, then by name. */
export function listClientAccounts(db: Db, practiceId: number, profileId?: number): ClientAccount[] {
  return statement<unknown[], ClientAccount>(
    db,
    `SELECT x.profile_id AS profileId, a.id, a.email, a.name, x.relationship
     FROM profile_access x JOIN accounts a ON a.id = x.account_id AND a.practice_id = x.practice_id
     WHERE x.practice_id = ? AND x.revoked_at IS NULL ${profileId === undefined ? '' : 'AND x.profile_id = ?'}
     ORDER BY x.relationship != 'self', a.name, a.id`,
  ).all(practiceId, ...(profileId === undefined ? [] : [profileId]));
}

export function setProfileClinician(db: Db, clock: Clock, practiceId: number, profileId: number, clinicianId: number | null): void {
  statement(db, 'UPDATE profiles SET clinician_id = ?, updated_at = ? WHERE practice_id = ? AND id = ?').run(clinicianId, clock.now(), practiceId, profileId);
}

export interface ClientCounts {
  pendingRequests: number;
  files: number;
  formsSubmitted: number;
  documentsSigned: number;
  cardOnFile: boolean;
}

/** How much the client sent: one query of counts. Requests count while they wait (not lapsed at `now`), as the pending list has them. */
export function clientCounts(db: Db, practiceId: number, profileId: number, now: number): ClientCounts {
  const row = statement<number[], Omit<ClientCounts, 'cardOnFile'> & { card: number }>(
    db,
    `SELECT
       (SELECT count(*) FROM appointments WHERE practice_id = ? AND profile_id = ? AND status = 'requested' AND expires_at > ?) AS pendingRequests,
       (SELECT count(*) FROM files WHERE practice_id = ? AND profile_id = ?) AS files,
       (SELECT count(*) FROM form_answers WHERE practice_id = ? AND profile_id = ?) AS formsSubmitted,
       (SELECT count(*) FROM signatures WHERE practice_id = ? AND profile_id = ?) AS documentsSigned,
       (SELECT count(*) FROM payment_cards WHERE practice_id = ? AND profile_id = ?) AS card`,
  ).get(practiceId, profileId, now, ...Array.from({ length: 4 }, () => [practiceId, profileId]).flat())!;
  return { pendingRequests: row.pendingRequests, files: row.files, formsSubmitted: row.formsSubmitted, documentsSigned: row.documentsSigned, cardOnFile: row.card > 0 };
}
