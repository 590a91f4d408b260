import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { transaction } from '../db/transaction.js';

export type DocumentKind = 'consent' | 'form';

export interface DocumentTemplate {
  id: number;
  practiceId: number;
  slug: string;
  kind: DocumentKind;
  /** The newest version number, 0 before the first version is added. */
  latestVersion: number;
}

/** One language's text of one immutable version. */
export interface DocumentText {
  versionId: number;
  templateId: number;
  version: number;
  language: string;
  title: string;
  /** Already-sanitized HTML, exactly as shown to the signer. */
  html: string;
  /** SHA-256 (hex) of `html` as UTF-8: what a signature records (R44). */
  sha256: string;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function createDocumentTemplate(
  db: Db,
  clock: Clock,
  input: { practiceId: number; slug: string; kind: DocumentKind },
): DocumentTemplate {
  const now = clock.now();
  const { lastInsertRowid } = statement(
    db,
    'INSERT INTO document_templates (practice_id, slug, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
  ).run(input.practiceId, input.slug, input.kind, now, now);
  return { id: Number(lastInsertRowid), practiceId: input.practiceId, slug: input.slug, kind: input.kind, latestVersion: 0 };
}

const TEMPLATE_SELECT = `SELECT t.id, t.practice_id, t.slug, t.kind, coalesce(max(v.version), 0) AS latest
     FROM document_templates t LEFT JOIN document_versions v ON v.template_id = t.id`;

interface TemplateRow {
  id: number;
  practice_id: number;
  slug: string;
  kind: DocumentKind;
  latest: number;
}

const toTemplate = (r: TemplateRow): DocumentTemplate => ({ id: r.id, practiceId: r.practice_id, slug: r.slug, kind: r.kind, latestVersion: r.latest });

export function listDocumentTemplates(db: Db, practiceId: number): DocumentTemplate[] {
  return statement<[number], TemplateRow>(db, `${TEMPLATE_SELECT} WHERE t.practice_id = ? GROUP BY t.id ORDER BY t.id`)
    .all(practiceId)
    .map(toTemplate);
}

/** One template of the practice with its newest version number; undefined if the practice has no such template. */
export function findDocumentTemplate(db: Db, practiceId: number, templateId: number): DocumentTemplate | undefined {
  const row = statement<[number, number], TemplateRow>(db, `${TEMPLATE_SELECT} WHERE t.practice_id = ? AND t.id = ? GROUP BY t.id`).get(
    practiceId,
    templateId,
  );
  return row && toTemplate(row);
}

/** Whether the practice already has a template with this slug. */
export function documentSlugTaken(db: Db, practiceId: number, slug: string): boolean {
  return statement<[number, string], { id: number }>(db, 'SELECT id FROM document_templates WHERE practice_id = ? AND slug = ?').get(practiceId, slug) !== undefined;
}

/**
 * Adds version N+1 of a template with its text in each language. Earlier versions are never
 * changed (triggers refuse it), so a signature's hash keeps pointing at what was signed.
 */
export function addDocumentVersion(
  db: Db,
  clock: Clock,
  input: { practiceId: number; templateId: number; texts: { language: string; title: string; html: string }[] },
): number {
  if (input.texts.length === 0) throw new Error('A document version needs text in at least one language.');
  return transaction(db, () => {
    const owner = statement<[number, number], { id: number }>(
      db,
      'SELECT id FROM document_templates WHERE id = ? AND practice_id = ?',
    ).get(input.templateId, input.practiceId);
    if (!owner) throw new Error('No such document template in this practice.');
    const { next } = statement<[number], { next: number }>(
      db,
      'SELECT coalesce(max(version), 0) + 1 AS next FROM document_versions WHERE template_id = ?',
    ).get(input.templateId)!;
    const { lastInsertRowid } = statement(
      db,
      'INSERT INTO document_versions (template_id, version, created_at) VALUES (?, ?, ?)',
    ).run(input.templateId, next, clock.now());
    for (const text of input.texts) {
      statement(
        db,
        'INSERT INTO document_version_texts (version_id, language, title, html, sha256) VALUES (?, ?, ?, ?, ?)',
      ).run(Number(lastInsertRowid), text.language, text.title, text.html, sha256Hex(text.html));
    }
    return next;
  });
}

interface TextRow {
  version_id: number;
  template_id: number;
  version: number;
  language: string;
  title: string;
  html: string;
  sha256: string;
}

const TEXT_SELECT = `SELECT x.version_id, v.template_id, v.version, x.language, x.title, x.html, x.sha256
     FROM document_templates t
     JOIN document_versions v ON v.template_id = t.id
     JOIN document_version_texts x ON x.version_id = v.id`;

const toText = (row: TextRow): DocumentText => ({
  versionId: row.version_id,
  templateId: row.template_id,
  version: row.version,
  language: row.language,
  title: row.title,
  html: row.html,
  sha256: row.sha256,
});

/** The newest version's text in `language`, scoped to the practice. */
export function findLatestDocumentText(
  db: Db,
  practiceId: number,
  templateId: number,
  language: string,
): DocumentText | undefined {
  const row = statement<[number, number, string], TextRow>(
    db,
    `${TEXT_SELECT} WHERE t.practice_id = ? AND t.id = ? AND x.language = ? ORDER BY v.version DESC LIMIT 1`,
  ).get(practiceId, templateId, language);
  return row && toText(row);
}

/** One version's text in `language`, scoped to the practice; undefined if there is none. */
export function findDocumentText(
  db: Db,
  practiceId: number,
  templateId: number,
  version: number,
  language: string,
): DocumentText | undefined {
  const row = statement<[number, number, number, string], TextRow>(
    db,
    `${TEXT_SELECT} WHERE t.practice_id = ? AND t.id = ? AND v.version = ? AND x.language = ?`,
  ).get(practiceId, templateId, version, language);
  return row && toText(row);
}

/** Every language's text of the newest version of a template. */
export function listLatestDocumentTexts(db: Db, practiceId: number, templateId: number): DocumentText[] {
  return statement<[number, number, number], TextRow>(
    db,
    `${TEXT_SELECT} WHERE t.practice_id = ? AND t.id = ?
       AND v.version = (SELECT max(version) FROM document_versions WHERE template_id = ?)
     ORDER BY x.language`,
  )
    .all(practiceId, templateId, templateId)
    .map(toText);
}
