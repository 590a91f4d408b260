import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { transaction } from '../db/transaction.js';
import type { FormId } from '../../src/contract/index.js';

export type PacketItemRow =
  | { kind: 'document'; templateId: number }
  | { kind: 'form'; formId: FormId }
  | { kind: 'payment_card' };

export interface StoredPacket {
  profileId: number;
  /** Sanitized HTML per language. */
  welcomeHtml: Record<string, string>;
  items: PacketItemRow[];
  updatedAt: number;
}

/** The profile's packet, or undefined when none was assigned. */
export function findPacket(db: Db, practiceId: number, profileId: number): StoredPacket | undefined {
  const head = statement<[number, number], { welcome_html: string; updated_at: number }>(
    db,
    'SELECT welcome_html, updated_at FROM document_packets WHERE practice_id = ? AND profile_id = ?',
  ).get(practiceId, profileId);
  if (!head) return undefined;
  const items = statement<[number, number], { kind: PacketItemRow['kind']; template_id: number | null; form_id: FormId | null }>(
    db,
    'SELECT kind, template_id, form_id FROM document_packet_items WHERE practice_id = ? AND profile_id = ? ORDER BY position',
  )
    .all(practiceId, profileId)
    .map((r): PacketItemRow => {
      if (r.kind === 'document') return { kind: 'document', templateId: r.template_id! };
      if (r.kind === 'form') return { kind: 'form', formId: r.form_id! };
      return { kind: 'payment_card' };
    });
  return { profileId, welcomeHtml: JSON.parse(head.welcome_html) as Record<string, string>, items, updatedAt: head.updated_at };
}

/** Replaces the profile's packet (welcome and items) in one transaction. */
export function replacePacket(
  db: Db,
  clock: Clock,
  input: { practiceId: number; profileId: number; welcomeHtml: Record<string, string>; items: PacketItemRow[] },
): StoredPacket {
  const now = clock.now();
  transaction(db, () => {
    statement(db, 'DELETE FROM document_packet_items WHERE practice_id = ? AND profile_id = ?').run(input.practiceId, input.profileId);
    statement(
      db,
      `INSERT INTO document_packets (practice_id, profile_id, welcome_html, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (practice_id, profile_id) DO UPDATE SET welcome_html = excluded.welcome_html, updated_at = excluded.updated_at`,
    ).run(input.practiceId, input.profileId, JSON.stringify(input.welcomeHtml), now);
    input.items.forEach((item, position) => {
      statement(
        db,
        'INSERT INTO document_packet_items (practice_id, profile_id, position, kind, template_id, form_id) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(
        input.practiceId,
        input.profileId,
        position,
        item.kind,
        item.kind === 'document' ? item.templateId : null,
        item.kind === 'form' ? item.formId : null,
      );
    });
  });
  return { profileId: input.profileId, welcomeHtml: input.welcomeHtml, items: input.items, updatedAt: now };
}
