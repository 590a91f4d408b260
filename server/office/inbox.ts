import type { Inbox, InboxItem, PacketItem } from '../../src/contract/index.js';
import { isPacketComplete, packetItems } from '../documents/packet.js';
import { iso } from '../documents/present.js';
import { findPacket } from '../repos/document-packets.js';
import { findSubmitted } from '../repos/form-answers.js';
import { listInboxRows, listPacketsActiveSince, type InboxRow } from '../repos/inbox.js';
import { findCard } from '../repos/payment-cards.js';
import { findSignature } from '../repos/signatures.js';
import { audit } from '../request/audit.js';
import type { OfficeCall, OfficeDeps } from './call.js';
import { visibleProfiles } from './visibility.js';

// The office's inbox: what clients did lately, newest first, for the caller's clients only.
// Ids and the client's display name only; the console opens each item by its ids.

const DEFAULT_WINDOW_MS = 30 * 24 * 3_600_000;

function present(row: InboxRow): InboxItem {
  const item: InboxItem = { kind: row.kind, at: iso(row.at), profileId: row.profileId, profileName: row.profileName };
  if (row.appointmentId !== null) item.appointmentId = row.appointmentId;
  if (row.fileId !== null) item.fileId = row.fileId;
  if (row.formId !== null) item.formId = row.formId;
  if (row.documentId !== null) item.documentId = row.documentId;
  if (row.signatureId !== null) item.signatureId = row.signatureId;
  return item;
}

/** When a completed step was completed. */
function completedAt(deps: OfficeDeps, practiceId: number, profileId: number, item: PacketItem): number {
  if (item.kind === 'form') return findSubmitted(deps.db, practiceId, profileId, item.formId)?.at ?? 0;
  if (item.kind === 'payment_card') return findCard(deps.db, practiceId, profileId)?.savedAt ?? 0;
  return item.signatureId === null ? 0 : (findSignature(deps.db, practiceId, profileId, item.signatureId)?.signedAt ?? 0);
}

/** Packets whose every step is done, dated by their last step, when that is after `since`. */
function completedPackets(deps: OfficeDeps, call: OfficeCall, since: number): InboxRow[] {
  const practiceId = call.practice.id;
  return listPacketsActiveSince(deps.db, practiceId, visibleProfiles(call.office, 'p.id'), since).flatMap(({ profileId, profileName }) => {
    const items = packetItems(deps, { practiceId, profileId }, findPacket(deps.db, practiceId, profileId), 'en');
    if (!isPacketComplete(items)) return [];
    const at = Math.max(...items.map((i) => completedAt(deps, practiceId, profileId, i)));
    if (at <= since) return [];
    return [{ kind: 'packet_completed' as const, at, profileId, profileName, appointmentId: null, fileId: null, formId: null, documentId: null, signatureId: null }];
  });
}

export function inbox(deps: OfficeDeps, call: OfficeCall, query: { since?: string; limit?: number }): Inbox {
  const since = query.since === undefined ? deps.clock.now() - DEFAULT_WINDOW_MS : Date.parse(query.since);
  const limit = query.limit ?? 50;
  const rows = [...listInboxRows(deps.db, call.practice.id, visibleProfiles(call.office, 'p.id'), { since, now: deps.clock.now(), limit }), ...completedPackets(deps, call, since)]
    .sort((a, b) => b.at - a.at)
    .slice(0, limit);
  audit(deps, call, { action: 'sensitive_read', resourceType: 'inbox' });
  return { items: rows.map(present) };
}
