import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';

/** A file sent with an email, e.g. the confirmation's calendar event. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** Stores an outbox message's attachments; call in the transaction that queued the message. */
export function insertOutboxAttachments(db: Db, outboxId: number, attachments: readonly MailAttachment[]): void {
  const insert = statement(db, 'INSERT INTO outbox_attachments (outbox_id, position, filename, content_type, content) VALUES (?, ?, ?, ?, ?)');
  attachments.forEach((a, position) => insert.run(outboxId, position, a.filename, a.contentType, a.content));
}

/** The attachments of one message, in order. */
export function listOutboxAttachments(db: Db, outboxId: number): MailAttachment[] {
  return statement<[number], { filename: string; content_type: string; content: Buffer }>(
    db,
    'SELECT filename, content_type, content FROM outbox_attachments WHERE outbox_id = ? ORDER BY position',
  )
    .all(outboxId)
    .map((r) => ({ filename: r.filename, contentType: r.content_type, content: r.content }));
}
