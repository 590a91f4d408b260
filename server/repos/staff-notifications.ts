import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';

export interface NotificationRecipient {
  staffId: number;
  email: string;
  language: string;
}

/** What a practice's notification emails need to know about it. */
export interface NotificationSettings {
  name: string;
  brandColor: string;
  consoleUrl: string | null;
  /** Whether office and owner staff are told too, or only the clinician concerned. */
  notifyOffice: boolean;
}

export function notificationSettings(db: Db, practiceId: number): NotificationSettings | undefined {
  const row = statement<[number], { name: string; brand_color: string; console_url: string | null; notify_office: number }>(
    db,
    'SELECT name, brand_color, console_url, notify_office FROM practices WHERE id = ?',
  ).get(practiceId);
  return row && { name: row.name, brandColor: row.brand_color, consoleUrl: row.console_url, notifyOffice: row.notify_office === 1 };
}

export function setNotifyOffice(db: Db, now: number, practiceId: number, notifyOffice: boolean): void {
  statement(db, 'UPDATE practices SET notify_office = ?, updated_at = ? WHERE id = ?').run(notifyOffice ? 1 : 0, now, practiceId);
}

/**
 * The active staff with notifications on who hear about a change: the clinician concerned
 * (when there is one and they have a staff account), plus office and owner staff when
 * `includeOffice`. Each member once.
 */
export function notificationRecipients(db: Db, practiceId: number, clinicianId: number | null, includeOffice: boolean): NotificationRecipient[] {
  return statement<[number, number, number], { id: number; email: string; preferred_language: string }>(
    db,
    `SELECT id, email, preferred_language FROM staff_members
     WHERE practice_id = ? AND active = 1 AND notify = 1
       AND (clinician_id = ? OR (? = 1 AND role IN ('owner', 'office')))
     ORDER BY id`,
  )
    .all(practiceId, clinicianId ?? -1, includeOffice ? 1 : 0)
    .map((r) => ({ staffId: r.id, email: r.email, language: r.preferred_language }));
}
