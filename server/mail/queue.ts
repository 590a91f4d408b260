import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { insertOutboxMessage, type NewOutboxMessage } from '../repos/outbox.js';
import { insertOutboxAttachments, type MailAttachment } from '../repos/outbox-attachments.js';

/**
 * Queues an email for the worker. It must run inside the transaction of the change that
 * causes it (the transactional-outbox pattern): if that change rolls back, so does the mail,
 * and once it commits, the mail will be sent even if the process dies right after.
 * Attachments (e.g. a calendar file) are stored with the message, in the same transaction.
 */
export function queueMail(db: Db, clock: Clock, message: NewOutboxMessage & { attachments?: readonly MailAttachment[] }): number {
  if (!db.inTransaction) {
    throw new Error('queueMail must be called inside the transaction of the change that causes the email.');
  }
  const { attachments, ...rest } = message;
  const id = insertOutboxMessage(db, clock.now(), { ...rest, to: rest.to.trim().toLowerCase() });
  if (attachments?.length) insertOutboxAttachments(db, id, attachments);
  return id;
}
