import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import type { SignerRelationship } from '../../src/contract/index.js';

/** An immutable signature (R44); the table's triggers refuse UPDATE and DELETE. */
export interface Signature {
  id: number;
  practiceId: number;
  profileId: number;
  accountId: number;
  templateId: number;
  version: number;
  language: string;
  textSha256: string;
  signerName: string;
  relationship: SignerRelationship | null;
  signedAt: number;
  ip: string;
  userAgent: string;
  esignConsentVersion: number;
}

interface Row {
  id: number;
  practice_id: number;
  profile_id: number;
  account_id: number;
  template_id: number;
  version: number;
  language: string;
  text_sha256: string;
  signer_name: string;
  relationship: SignerRelationship | null;
  signed_at: number;
  ip: string;
  user_agent: string;
  esign_consent_version: number;
}

const fromRow = (r: Row): Signature => ({
  id: r.id,
  practiceId: r.practice_id,
  profileId: r.profile_id,
  accountId: r.account_id,
  templateId: r.template_id,
  version: r.version,
  language: r.language,
  textSha256: r.text_sha256,
  signerName: r.signer_name,
  relationship: r.relationship,
  signedAt: r.signed_at,
  ip: r.ip,
  userAgent: r.user_agent,
  esignConsentVersion: r.esign_consent_version,
});

/** Inserts a signature; undefined when this profile already signed this version (UNIQUE). */
export function insertSignature(db: Db, clock: Clock, input: Omit<Signature, 'id' | 'signedAt'>): Signature | undefined {
  const signedAt = clock.now();
  const result = statement(
    db,
    `INSERT INTO signatures (practice_id, profile_id, account_id, template_id, version, language, text_sha256, signer_name,
       relationship, signed_at, ip, user_agent, esign_consent_version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (practice_id, profile_id, template_id, version) DO NOTHING`,
  ).run(
    input.practiceId,
    input.profileId,
    input.accountId,
    input.templateId,
    input.version,
    input.language,
    input.textSha256,
    input.signerName,
    input.relationship,
    signedAt,
    input.ip,
    input.userAgent,
    input.esignConsentVersion,
  );
  if (result.changes === 0) return undefined;
  return { ...input, id: Number(result.lastInsertRowid), signedAt };
}

export function findSignature(db: Db, practiceId: number, profileId: number, signatureId: number): Signature | undefined {
  const row = statement<[number, number, number], Row>(
    db,
    'SELECT * FROM signatures WHERE practice_id = ? AND profile_id = ? AND id = ?',
  ).get(practiceId, profileId, signatureId);
  return row && fromRow(row);
}

/** Every signature of the profile, newest first. */
export function listSignatures(db: Db, practiceId: number, profileId: number): Signature[] {
  return statement<[number, number], Row>(
    db,
    'SELECT * FROM signatures WHERE practice_id = ? AND profile_id = ? ORDER BY signed_at DESC, id DESC',
  )
    .all(practiceId, profileId)
    .map(fromRow);
}
