import type { AdminDocument, AdminPacket, DocumentTextInput, PacketAssignment, PacketItemInput } from '../../src/contract/index.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { transaction } from '../db/transaction.js';
import { ApiError, notFound } from '../errors.js';
import {
  addDocumentVersion,
  createDocumentTemplate,
  documentSlugTaken,
  findDocumentTemplate,
  listDocumentTemplates,
  listLatestDocumentTexts,
} from '../repos/documents.js';
import { findPacket, replacePacket, type PacketItemRow } from '../repos/document-packets.js';
import { asLanguage } from './present.js';
import { sanitizeHtml } from './sanitize.js';

// The office's side of documents: versioned templates whose HTML is sanitized before it is
// stored (R66, R67), and the packet assigned to each profile.

interface Deps {
  db: Db;
  clock: Clock;
}

function sanitizedTexts(texts: DocumentTextInput[]) {
  const seen = new Set<string>();
  return texts.map((t, i) => {
    if (seen.has(t.language)) throw new ApiError(400, 'validation', undefined, { [`texts.${i}.language`]: 'invalid' });
    seen.add(t.language);
    const html = sanitizeHtml(t.html);
    if (html === '') throw new ApiError(400, 'validation', undefined, { [`texts.${i}.html`]: 'required' });
    return { language: t.language, title: t.title.trim(), html };
  });
}

export function adminDocument(deps: Deps, practiceId: number, templateId: number): AdminDocument {
  const template = findDocumentTemplate(deps.db, practiceId, templateId);
  if (!template || template.latestVersion === 0) throw notFound();
  return {
    id: template.id,
    slug: template.slug,
    latestVersion: template.latestVersion,
    texts: listLatestDocumentTexts(deps.db, practiceId, template.id).map((t) => ({ language: asLanguage(t.language), title: t.title, html: t.html, sha256: t.sha256 })),
  };
}

export function listAdminDocuments(deps: Deps, practiceId: number): AdminDocument[] {
  return listDocumentTemplates(deps.db, practiceId)
    .filter((t) => t.latestVersion > 0)
    .map((t) => adminDocument(deps, practiceId, t.id));
}

/** A new template with version 1. A taken slug is 409 `conflict`. */
export function createDocument(deps: Deps, practiceId: number, input: { slug: string; texts: DocumentTextInput[] }): AdminDocument {
  const texts = sanitizedTexts(input.texts);
  return transaction(deps.db, () => {
    if (documentSlugTaken(deps.db, practiceId, input.slug)) throw new ApiError(409, 'conflict');
    const template = createDocumentTemplate(deps.db, deps.clock, { practiceId, slug: input.slug, kind: 'consent' });
    addDocumentVersion(deps.db, deps.clock, { practiceId, templateId: template.id, texts });
    return adminDocument(deps, practiceId, template.id);
  });
}

/** Version N+1: every profile that signed an older one is asked again (R44). */
export function publishVersion(deps: Deps, practiceId: number, templateId: number, input: { texts: DocumentTextInput[] }): AdminDocument {
  const texts = sanitizedTexts(input.texts);
  return transaction(deps.db, () => {
    if (!findDocumentTemplate(deps.db, practiceId, templateId)) throw notFound();
    addDocumentVersion(deps.db, deps.clock, { practiceId, templateId, texts });
    return adminDocument(deps, practiceId, templateId);
  });
}

function profileExists(db: Db, practiceId: number, profileId: number): boolean {
  return statement<[number, number], { id: number }>(db, 'SELECT id FROM profiles WHERE practice_id = ? AND id = ?').get(practiceId, profileId) !== undefined;
}

const itemInput = (item: PacketItemRow): PacketItemInput =>
  item.kind === 'document' ? { kind: 'document', documentId: item.templateId } : item.kind === 'form' ? { kind: 'form', formId: item.formId } : { kind: 'payment_card' };

export function adminPacket(deps: Deps, practiceId: number, profileId: number): AdminPacket {
  if (!profileExists(deps.db, practiceId, profileId)) throw notFound();
  const packet = findPacket(deps.db, practiceId, profileId);
  return {
    profileId,
    welcomeHtml: packet?.welcomeHtml ?? {},
    items: packet?.items.map(itemInput) ?? [],
    updatedAt: packet ? new Date(packet.updatedAt).toISOString() : null,
  };
}

/** Replaces a profile's packet: documents of this practice, each step at most once; welcome sanitized. */
export function assignPacket(deps: Deps, practiceId: number, profileId: number, input: PacketAssignment): AdminPacket {
  if (!profileExists(deps.db, practiceId, profileId)) throw notFound();
  const templates = new Set(listDocumentTemplates(deps.db, practiceId).filter((t) => t.latestVersion > 0).map((t) => t.id));
  const seen = new Set<string>();
  const items = input.items.map((item, i): PacketItemRow => {
    const refuse = (field: string, code: 'invalid' | 'required' = 'invalid') => new ApiError(400, 'validation', undefined, { [field]: code });
    if (item.kind === 'document' && item.documentId === undefined) throw refuse(`items.${i}.documentId`, 'required');
    if (item.kind === 'form' && item.formId === undefined) throw refuse(`items.${i}.formId`, 'required');
    if ((item.kind !== 'document' && item.documentId !== undefined) || (item.kind !== 'form' && item.formId !== undefined)) throw refuse(`items.${i}`);
    const key = item.kind === 'document' ? `d${item.documentId}` : item.kind === 'form' ? `f${item.formId}` : 'card';
    if (seen.has(key)) throw refuse(`items.${i}`);
    seen.add(key);
    if (item.kind === 'document') {
      if (!templates.has(item.documentId!)) throw refuse(`items.${i}.documentId`);
      return { kind: 'document', templateId: item.documentId! };
    }
    return item.kind === 'form' ? { kind: 'form', formId: item.formId! } : { kind: 'payment_card' };
  });
  const welcomeHtml: Record<string, string> = {};
  for (const [language, html] of Object.entries(input.welcomeHtml)) {
    const clean = sanitizeHtml(html);
    if (clean !== '') welcomeHtml[language] = clean;
  }
  replacePacket(deps.db, deps.clock, { practiceId, profileId, welcomeHtml, items });
  return adminPacket(deps, practiceId, profileId);
}
