import { findDocumentTemplate, findDocumentText, listDocumentTemplates, type DocumentText } from '../repos/documents.js';
import type { DocDeps } from './packet-items.js';

/** The text of a version in `language`, else English, else any language it has. */
export function textFor(deps: DocDeps, practiceId: number, templateId: number, version: number, language: string): DocumentText | undefined {
  return (
    findDocumentText(deps.db, practiceId, templateId, version, language) ??
    findDocumentText(deps.db, practiceId, templateId, version, 'en') ??
    findDocumentText(deps.db, practiceId, templateId, version, 'es')
  );
}

/** One document's newest version: 0 before its first, undefined when the practice has no such document. */
export function latestVersionOf(deps: DocDeps, practiceId: number, templateId: number): number | undefined {
  return findDocumentTemplate(deps.db, practiceId, templateId)?.latestVersion;
}

/** Every document's newest version, for a whole packet at once. */
export function latestVersions(deps: DocDeps, practiceId: number): Map<number, number> {
  return new Map(listDocumentTemplates(deps.db, practiceId).map((t) => [t.id, t.latestVersion]));
}
