import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';

/** A sign-in identity within one practice. The same email at two practices is two accounts. */
export interface Account {
  id: number;
  practiceId: number;
  email: string;
  name: string;
  preferredLanguage: string;
  createdAt: number;
}

export type ProfileKind = 'self' | 'minor' | 'couple';

/** The person (or couple) care is for; what every client-side request acts for. */
export interface Profile {
  id: number;
  practiceId: number;
  kind: ProfileKind;
  displayName: string;
  preferredLanguage: string;
}

export type Relationship = 'self' | 'guardian' | 'partner';

export interface Permissions {
  canBook: boolean;
  canSign: boolean;
  canUpload: boolean;
  canView: boolean;
}

/** A profile as one account may act for it. */
export interface AccessibleProfile extends Profile {
  relationship: Relationship;
  permissions: Permissions;
}

/** Emails are compared lower-cased and trimmed everywhere; the schema refuses anything else. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

interface AccountRow {
  id: number;
  practice_id: number;
  email: string;
  name: string;
  preferred_language: string;
  created_at: number;
}

const accountFromRow = (r: AccountRow): Account => ({
  id: r.id,
  practiceId: r.practice_id,
  email: r.email,
  name: r.name,
  preferredLanguage: r.preferred_language,
  createdAt: r.created_at,
});

export function findAccountByEmail(db: Db, practiceId: number, email: string): Account | undefined {
  const row = statement<[number, string], AccountRow>(
    db,
    'SELECT * FROM accounts WHERE practice_id = ? AND email = ?',
  ).get(practiceId, normalizeEmail(email));
  return row && accountFromRow(row);
}

/** Scoped by practice as well as id, so a caller cannot reach another tenant's row by id. */
export function findAccountById(db: Db, practiceId: number, accountId: number): Account | undefined {
  const row = statement<[number, number], AccountRow>(
    db,
    'SELECT * FROM accounts WHERE practice_id = ? AND id = ?',
  ).get(practiceId, accountId);
  return row && accountFromRow(row);
}

export function createAccount(
  db: Db,
  clock: Clock,
  input: { practiceId: number; email: string; name: string; preferredLanguage: string },
): Account {
  const now = clock.now();
  const { lastInsertRowid } = statement(
    db,
    `INSERT INTO accounts (practice_id, email, name, preferred_language, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(input.practiceId, normalizeEmail(input.email), input.name, input.preferredLanguage, now, now);
  return findAccountById(db, input.practiceId, Number(lastInsertRowid))!;
}

export function createProfile(
  db: Db,
  clock: Clock,
  input: { practiceId: number; kind: ProfileKind; displayName: string; preferredLanguage: string },
): Profile {
  const now = clock.now();
  const { lastInsertRowid } = statement(
    db,
    `INSERT INTO profiles (practice_id, kind, display_name, preferred_language, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(input.practiceId, input.kind, input.displayName, input.preferredLanguage, now, now);
  return {
    id: Number(lastInsertRowid),
    practiceId: input.practiceId,
    kind: input.kind,
    displayName: input.displayName,
    preferredLanguage: input.preferredLanguage,
  };
}

export function grantProfileAccess(
  db: Db,
  clock: Clock,
  input: {
    practiceId: number;
    accountId: number;
    profileId: number;
    relationship: Relationship;
    permissions?: Partial<Permissions>;
  },
): void {
  const p = { canBook: true, canSign: true, canUpload: true, canView: true, ...input.permissions };
  statement(
    db,
    `INSERT INTO profile_access (practice_id, account_id, profile_id, relationship,
       can_book, can_sign, can_upload, can_view, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    input.practiceId,
    input.accountId,
    input.profileId,
    input.relationship,
    Number(p.canBook),
    Number(p.canSign),
    Number(p.canUpload),
    Number(p.canView),
    clock.now(),
  );
}

/** Revocation takes effect on the next request: authorization reads this table every time. */
export function revokeProfileAccess(db: Db, clock: Clock, practiceId: number, accountId: number, profileId: number): boolean {
  const { changes } = statement(
    db,
    `UPDATE profile_access SET revoked_at = ?
     WHERE practice_id = ? AND account_id = ? AND profile_id = ? AND revoked_at IS NULL`,
  ).run(clock.now(), practiceId, accountId, profileId);
  return changes > 0;
}

interface AccessibleProfileRow {
  id: number;
  practice_id: number;
  kind: ProfileKind;
  display_name: string;
  preferred_language: string;
  relationship: Relationship;
  can_book: number;
  can_sign: number;
  can_upload: number;
  can_view: number;
}

const accessibleFromRow = (r: AccessibleProfileRow): AccessibleProfile => ({
  id: r.id,
  practiceId: r.practice_id,
  kind: r.kind,
  displayName: r.display_name,
  preferredLanguage: r.preferred_language,
  relationship: r.relationship,
  permissions: {
    canBook: r.can_book === 1,
    canSign: r.can_sign === 1,
    canUpload: r.can_upload === 1,
    canView: r.can_view === 1,
  },
});

const ACCESSIBLE_PROFILES_SQL = `
  SELECT p.id, p.practice_id, p.kind, p.display_name, p.preferred_language,
         a.relationship, a.can_book, a.can_sign, a.can_upload, a.can_view
  FROM profile_access a
  JOIN profiles p ON p.id = a.profile_id AND p.practice_id = a.practice_id
  WHERE a.practice_id = ? AND a.account_id = ? AND a.revoked_at IS NULL`;

/** The profiles an account may act for now, self first. */
export function listAccessibleProfiles(db: Db, practiceId: number, accountId: number): AccessibleProfile[] {
  return statement<[number, number], AccessibleProfileRow>(
    db,
    `${ACCESSIBLE_PROFILES_SQL} ORDER BY a.relationship != 'self', p.display_name, p.id`,
  )
    .all(practiceId, accountId)
    .map(accessibleFromRow);
}

/**
 * The object-level authorization check (R41): the profile as this account may act for it,
 * or undefined when there is no live link, which callers answer with 404.
 */
export function findAccessibleProfile(
  db: Db,
  practiceId: number,
  accountId: number,
  profileId: number,
): AccessibleProfile | undefined {
  const row = statement<[number, number, number], AccessibleProfileRow>(
    db,
    `${ACCESSIBLE_PROFILES_SQL} AND p.id = ?`,
  ).get(practiceId, accountId, profileId);
  return row && accessibleFromRow(row);
}
