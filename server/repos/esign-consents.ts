import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';

/** An account's acceptance of one ESIGN consent text version; immutable (triggers). */
export interface EsignConsentRow {
  id: number;
  accountId: number;
  profileId: number;
  textVersion: number;
  language: string;
  acceptedAt: number;
}

export function recordEsignConsent(
  db: Db,
  clock: Clock,
  input: { practiceId: number; accountId: number; profileId: number; textVersion: number; language: string; ip: string; userAgent: string },
): EsignConsentRow {
  const acceptedAt = clock.now();
  const { lastInsertRowid } = statement(
    db,
    `INSERT INTO esign_consents (practice_id, account_id, profile_id, text_version, language, accepted_at, ip, user_agent)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(input.practiceId, input.accountId, input.profileId, input.textVersion, input.language, acceptedAt, input.ip, input.userAgent);
  return {
    id: Number(lastInsertRowid),
    accountId: input.accountId,
    profileId: input.profileId,
    textVersion: input.textVersion,
    language: input.language,
    acceptedAt,
  };
}

/** The account's first acceptance of `textVersion`, if any. */
export function findEsignConsent(db: Db, practiceId: number, accountId: number, textVersion: number): EsignConsentRow | undefined {
  const row = statement<[number, number, number], { id: number; account_id: number; profile_id: number; text_version: number; language: string; accepted_at: number }>(
    db,
    `SELECT id, account_id, profile_id, text_version, language, accepted_at FROM esign_consents
     WHERE practice_id = ? AND account_id = ? AND text_version = ? ORDER BY id LIMIT 1`,
  ).get(practiceId, accountId, textVersion);
  return (
    row && {
      id: row.id,
      accountId: row.account_id,
      profileId: row.profile_id,
      textVersion: row.text_version,
      language: row.language,
      acceptedAt: row.accepted_at,
    }
  );
}
