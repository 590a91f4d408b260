import type { InboxKind } from '../../src/contract/index.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import type { ProfileFilter } from '../office/visibility.js';

export interface InboxRow {
  kind: InboxKind;
  at: number;
  profileId: number;
  profileName: string;
  appointmentId: number | null;
  fileId: number | null;
  formId: string | null;
  documentId: number | null;
  signatureId: number | null;
}

// One row per thing a client did, from the tables that record it: requests still waiting (not lapsed),
// cancellations and withdrawals by the client, uploads, form submissions and signatures.
const EVENTS = `
  SELECT 'appointment_requested' AS kind, created_at AS at, profile_id, id AS appointment_id, NULL AS file_id, NULL AS form_id, NULL AS document_id, NULL AS signature_id
    FROM appointments WHERE practice_id = @practice AND status = 'requested' AND expires_at > @now AND created_at > @since
  UNION ALL
  SELECT 'appointment_cancelled', updated_at, profile_id, id, NULL, NULL, NULL, NULL
    FROM appointments WHERE practice_id = @practice AND status = 'cancelled' AND status_reason = 'client' AND updated_at > @since
  UNION ALL
  SELECT 'file_uploaded', created_at, profile_id, NULL, id, NULL, NULL, NULL FROM files WHERE practice_id = @practice AND created_at > @since
  UNION ALL
  SELECT 'form_submitted', submitted_at, profile_id, NULL, NULL, form_id, NULL, NULL FROM form_answers WHERE practice_id = @practice AND submitted_at > @since
  UNION ALL
  SELECT 'document_signed', signed_at, profile_id, NULL, NULL, NULL, template_id, id FROM signatures WHERE practice_id = @practice AND signed_at > @since`;

/** What clients did after `since` (requests: still waiting at `now`), of the visible profiles, newest first, at most `limit`. */
export function listInboxRows(db: Db, practiceId: number, visible: ProfileFilter, window: { since: number; now: number; limit: number }): InboxRow[] {
  const params: Record<string, number> = { practice: practiceId, ...window };
  // The visibility filter's positional parameters become named ones here.
  let n = 0;
  const condition = visible.sql.replace(/\?/g, () => `@v${n++}`);
  visible.params.forEach((value, i) => (params[`v${i}`] = value));
  return statement<[Record<string, number>], InboxRow>(
    db,
    `SELECT e.kind, e.at, e.profile_id AS profileId, p.display_name AS profileName, e.appointment_id AS appointmentId,
            e.file_id AS fileId, e.form_id AS formId, e.document_id AS documentId, e.signature_id AS signatureId
     FROM (${EVENTS}) e JOIN profiles p ON p.id = e.profile_id AND p.practice_id = @practice
     WHERE ${condition}
     ORDER BY e.at DESC, e.kind, coalesce(e.appointment_id, e.file_id, e.signature_id, 0) DESC LIMIT @limit`,
  ).all(params);
}

/**
 * The visible profiles with a packet that completed a step after `since` (a form, a signature,
 * the card): the only ones whose packet can have been completed since.
 */
export function listPacketsActiveSince(db: Db, practiceId: number, visible: ProfileFilter, since: number): Array<{ profileId: number; profileName: string }> {
  return statement<unknown[], { profileId: number; profileName: string }>(
    db,
    `SELECT p.id AS profileId, p.display_name AS profileName
     FROM document_packets d JOIN profiles p ON p.id = d.profile_id AND p.practice_id = d.practice_id
     WHERE d.practice_id = ? AND ${visible.sql} AND (
       EXISTS (SELECT 1 FROM form_answers f WHERE f.practice_id = d.practice_id AND f.profile_id = d.profile_id AND f.submitted_at > ?)
       OR EXISTS (SELECT 1 FROM signatures s WHERE s.practice_id = d.practice_id AND s.profile_id = d.profile_id AND s.signed_at > ?)
       OR EXISTS (SELECT 1 FROM payment_cards c WHERE c.practice_id = d.practice_id AND c.profile_id = d.profile_id AND c.saved_at > ?))
     ORDER BY p.id`,
  ).all(practiceId, ...visible.params, since, since, since);
}
