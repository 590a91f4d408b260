import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { transaction } from '../db/transaction.js';
import type { FormAnswers, FormId } from '../../src/contract/index.js';

// Form drafts (as the client types) and submitted answers, per profile and form. The answers
// are PHI: they live only here, and nothing logs or audits their values (R36).

export interface StoredAnswers {
  answers: FormAnswers;
  at: number;
}

export function findDraft(db: Db, practiceId: number, profileId: number, formId: FormId): StoredAnswers | undefined {
  const row = statement<[number, number, string], { answers: string; saved_at: number }>(
    db,
    'SELECT answers, saved_at FROM form_drafts WHERE practice_id = ? AND profile_id = ? AND form_id = ?',
  ).get(practiceId, profileId, formId);
  return row && { answers: JSON.parse(row.answers) as FormAnswers, at: row.saved_at };
}

export function saveDraft(
  db: Db,
  clock: Clock,
  input: { practiceId: number; profileId: number; formId: FormId; accountId: number; answers: FormAnswers },
): number {
  const now = clock.now();
  statement(
    db,
    `INSERT INTO form_drafts (practice_id, profile_id, form_id, answers, saved_by, saved_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (practice_id, profile_id, form_id) DO UPDATE SET answers = excluded.answers, saved_by = excluded.saved_by, saved_at = excluded.saved_at`,
  ).run(input.practiceId, input.profileId, input.formId, JSON.stringify(input.answers), input.accountId, now);
  return now;
}

/** Submitted answers, with the form version answered and who submitted them. */
export interface SubmittedAnswers extends StoredAnswers {
  formVersion: number;
  submittedBy: number;
}

export function findSubmitted(db: Db, practiceId: number, profileId: number, formId: FormId): SubmittedAnswers | undefined {
  const row = statement<[number, number, string], { answers: string; submitted_at: number; form_version: number; submitted_by: number }>(
    db,
    'SELECT answers, submitted_at, form_version, submitted_by FROM form_answers WHERE practice_id = ? AND profile_id = ? AND form_id = ?',
  ).get(practiceId, profileId, formId);
  return row && { answers: JSON.parse(row.answers) as FormAnswers, at: row.submitted_at, formVersion: row.form_version, submittedBy: row.submitted_by };
}

/** Stores the submitted answers (replacing earlier ones) and clears the draft, together. */
export function submitAnswers(
  db: Db,
  clock: Clock,
  input: { practiceId: number; profileId: number; formId: FormId; formVersion: number; accountId: number; answers: FormAnswers },
): number {
  const now = clock.now();
  transaction(db, () => {
    statement(
      db,
      `INSERT INTO form_answers (practice_id, profile_id, form_id, form_version, answers, submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (practice_id, profile_id, form_id) DO UPDATE SET form_version = excluded.form_version, answers = excluded.answers,
         submitted_by = excluded.submitted_by, submitted_at = excluded.submitted_at`,
    ).run(input.practiceId, input.profileId, input.formId, input.formVersion, JSON.stringify(input.answers), input.accountId, now);
    statement(db, 'DELETE FROM form_drafts WHERE practice_id = ? AND profile_id = ? AND form_id = ?').run(
      input.practiceId,
      input.profileId,
      input.formId,
    );
  });
  return now;
}
