import type { DocumentVersion, Language } from '../../src/contract/index.js';
import { notFound } from '../errors.js';
import { listSignatures } from '../repos/signatures.js';
import type { ClientActor } from '../request/actor.js';
import { documentInPacket, type DocDeps } from './packet-items.js';
import { asLanguage } from './present.js';
import { latestVersionOf, textFor } from './texts.js';

/** A document the profile may see: in its packet now, or signed before. */
function visibleDocument(deps: DocDeps, actor: ClientActor, documentId: number): boolean {
  return documentInPacket(deps, actor, documentId) || listSignatures(deps.db, actor.practice.id, actor.profile.id).some((s) => s.templateId === documentId);
}

/** The newest version of a document in `language` (else English), to read and sign. */
export function documentView(deps: DocDeps, actor: ClientActor, documentId: number, language: Language): DocumentVersion {
  if (!visibleDocument(deps, actor, documentId)) throw notFound();
  const version = latestVersionOf(deps, actor.practice.id, documentId);
  const text = version ? textFor(deps, actor.practice.id, documentId, version, language) : undefined;
  if (!text) throw notFound();
  return { documentId, version: text.version, title: text.title, html: text.html, language: asLanguage(text.language), textSha256: text.sha256 };
}
