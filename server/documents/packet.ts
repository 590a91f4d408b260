import type { Language, Packet, PacketItem } from '../../src/contract/index.js';
import { findCard } from '../repos/payment-cards.js';
import { findDraft, findSubmitted } from '../repos/form-answers.js';
import type { PacketItemRow, StoredPacket } from '../repos/document-packets.js';
import { listSignatures, type Signature } from '../repos/signatures.js';
import type { ClientActor } from '../request/actor.js';
import { audit } from '../request/audit.js';
import { esignAccepted } from './esign.js';
import { ESIGN_TEXT_VERSION } from './esign-text.js';
import { packetOf, type DocDeps } from './packet-items.js';
import { latestVersions, textFor } from './texts.js';

/** What one packet step reads as for this profile now; undefined for a document with no version yet. */
function itemView(
  deps: DocDeps,
  owner: PacketOwner,
  item: PacketItemRow,
  context: { latest: Map<number, number>; signatures: Signature[]; language: Language },
): PacketItem | undefined {
  const { practiceId, profileId } = owner;
  if (item.kind === 'form') {
    const submitted = findSubmitted(deps.db, practiceId, profileId, item.formId);
    const draft = findDraft(deps.db, practiceId, profileId, item.formId);
    return { kind: 'form', formId: item.formId, status: submitted ? 'completed' : draft ? 'in_progress' : 'pending' };
  }
  if (item.kind === 'payment_card') {
    return { kind: 'payment_card', status: findCard(deps.db, practiceId, profileId) ? 'completed' : 'pending' };
  }
  const version = context.latest.get(item.templateId) ?? 0;
  if (version === 0) return undefined;
  const mine = context.signatures.filter((s) => s.templateId === item.templateId);
  const current = mine.find((s) => s.version === version);
  return {
    kind: 'document',
    documentId: item.templateId,
    version,
    title: textFor(deps, practiceId, item.templateId, version, context.language)?.title ?? '',
    status: current ? 'completed' : 'pending',
    signedVersion: mine.length === 0 ? null : Math.max(...mine.map((s) => s.version)),
    signatureId: current?.id ?? null,
  };
}

/** Whose packet: the practice and profile. */
export interface PacketOwner {
  practiceId: number;
  profileId: number;
}

/** Each step of a profile's packet with its status now (the signer's view and the office's). */
export function packetItems(deps: DocDeps, owner: PacketOwner, packet: StoredPacket | undefined, language: Language): PacketItem[] {
  const context = {
    latest: latestVersions(deps, owner.practiceId),
    signatures: listSignatures(deps.db, owner.practiceId, owner.profileId),
    language,
  };
  return (packet?.items ?? []).map((item) => itemView(deps, owner, item, context)).filter((i) => i !== undefined);
}

/** A packet is complete when it has steps and every one is done. */
export const isPacketComplete = (items: readonly PacketItem[]): boolean => items.length > 0 && items.every((i) => i.status === 'completed');

/** The profile's packet as the signer sees it: the welcome, each step's status, the ESIGN consent. */
export function packetView(deps: DocDeps, actor: ClientActor, language: Language): Packet {
  const packet = packetOf(deps, actor);
  const items = packetItems(deps, { practiceId: actor.practice.id, profileId: actor.profile.id }, packet, language);
  const welcome = packet?.welcomeHtml;
  audit(deps, actor, { action: 'sensitive_read', resourceType: 'document_packet' });
  return {
    profileId: actor.profile.id,
    language,
    welcomeHtml: welcome ? (welcome[language] ?? welcome.en ?? Object.values(welcome)[0] ?? null) : null,
    esignConsent: { textVersion: ESIGN_TEXT_VERSION, accepted: esignAccepted(deps, actor) !== undefined },
    items,
    completed: isPacketComplete(items),
  };
}
