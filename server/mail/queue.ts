import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { insertOutboxMessage, type NewOutboxMessage } from '../repos/outbox.js';

/**
 * Queues an email for the worker. It must run inside the transaction of the change that
 * causes it (the transactional-outbox pattern): if that change rolls back, so does the mail,
 * and once it commits, the mail will be sent even if the process dies right after.
 */
export function queueMail(db: Db, clock: Clock, message: NewOutboxMessage): number {
  if (!db.inTransaction) {
    throw new Error('queueMail must be called inside the transaction of the change that causes the email.');
  }
  return insertOutboxMessage(db, clock.now(), { ...message, to: message.to.trim().toLowerCase() });
}
