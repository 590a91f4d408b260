import type { HouseholdProfile, Households } from '../../src/contract/index.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import type { ProfileKind, Relationship } from './clients.js';

// The clinician console's view of who may act for whom: every account of a practice with its
// live links, and every profile (so the console can offer link targets). Two queries, joined
// in memory: a practice has hundreds of clients, not millions.

interface AccountRow {
  id: number;
  name: string;
  email: string;
}

interface LinkRow {
  account_id: number;
  profile_id: number;
  display_name: string;
  kind: ProfileKind;
  relationship: Relationship;
  can_book: number;
  can_sign: number;
  can_upload: number;
  can_view: number;
}

export function listHouseholds(db: Db, practiceId: number): Households {
  const accounts = statement<[number], AccountRow>(
    db,
    'SELECT id, name, email FROM accounts WHERE practice_id = ? ORDER BY name, id',
  ).all(practiceId);
  const links = statement<[number], LinkRow>(
    db,
    `SELECT a.account_id, p.id AS profile_id, p.display_name, p.kind, a.relationship,
            a.can_book, a.can_sign, a.can_upload, a.can_view
     FROM profile_access a
     JOIN profiles p ON p.id = a.profile_id AND p.practice_id = a.practice_id
     WHERE a.practice_id = ? AND a.revoked_at IS NULL
     ORDER BY a.relationship != 'self', p.display_name, p.id`,
  ).all(practiceId);
  const profiles = statement<[number], HouseholdProfile>(
    db,
    'SELECT id, display_name AS displayName, kind FROM profiles WHERE practice_id = ? ORDER BY display_name, id',
  ).all(practiceId);

  const byAccount = new Map(accounts.map((a) => [a.id, { ...a, links: [] as Households['accounts'][number]['links'] }]));
  for (const l of links) {
    byAccount.get(l.account_id)?.links.push({
      profileId: l.profile_id,
      displayName: l.display_name,
      kind: l.kind,
      relationship: l.relationship,
      permissions: { book: l.can_book === 1, sign: l.can_sign === 1, upload: l.can_upload === 1, view: l.can_view === 1 },
    });
  }
  return { accounts: [...byAccount.values()], profiles };
}
