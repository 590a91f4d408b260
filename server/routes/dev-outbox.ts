import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DevOutboxMessage } from '../../src/contract/index.js';
import type { Db } from '../db/open.js';
import { notFound } from '../errors.js';
import { extractLinks } from '../mail/links.js';
import { findOutboxMessage, listSentMessages, type SentMessage } from '../repos/outbox.js';
import { listOutboxAttachments } from '../repos/outbox-attachments.js';
import { OUTBOX_CSS, OUTBOX_MESSAGE_CSP, OUTBOX_PAGE_CSP, renderOutboxPage } from './dev-outbox-page.js';

const OutboxQuery = Type.Object(
  {
    to: Type.Optional(Type.String({ maxLength: 254, description: 'Only mail to this address.' })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);

function toDevMessage(db: Db, m: SentMessage): DevOutboxMessage {
  return {
    id: m.id,
    practice: m.practiceSlug,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    links: extractLinks(m.text, m.html),
    language: m.language,
    createdAt: m.createdAt,
    attachments: listOutboxAttachments(db, m.id).map((a, i) => ({
      filename: a.filename,
      contentType: a.contentType,
      url: `/dev/outbox/${m.id}/attachments/${i}`,
    })),
  };
}

/**
 * Development only: the mail the endpoint sent, as JSON for tests and as a page for people.
 * Hidden from the OpenAPI document: it is not part of the protocol.
 */
export const devOutboxRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const list = (query: { to?: string; limit: number }) =>
    listSentMessages(db, { to: query.to?.trim().toLowerCase(), limit: query.limit }).map((m) => toDevMessage(db, m));

  app.get(
    '/dev/outbox.json',
    { schema: { hide: true, querystring: OutboxQuery, response: { 200: Type.Array(DevOutboxMessage) } } },
    async (request) => list(request.query),
  );

  app.get('/dev/outbox', { schema: { hide: true, querystring: OutboxQuery } }, async (request, reply) => {
    reply.header('content-security-policy', OUTBOX_PAGE_CSP).type('text/html; charset=utf-8');
    return renderOutboxPage(list(request.query));
  });

  app.get('/dev/outbox.css', { schema: { hide: true } }, async (_request, reply) => {
    reply.type('text/css; charset=utf-8');
    return OUTBOX_CSS;
  });

  app.get(
    '/dev/outbox/:id/html',
    { schema: { hide: true, params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) } },
    async (request, reply) => {
      const message = findOutboxMessage(db, request.params.id);
      if (!message || message.status !== 'sent') throw notFound();
      reply.header('content-security-policy', OUTBOX_MESSAGE_CSP).type('text/html; charset=utf-8');
      return message.html;
    },
  );

  app.get(
    '/dev/outbox/:id/attachments/:position',
    {
      schema: {
        hide: true,
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), position: Type.Integer({ minimum: 0 }) }),
      },
    },
    async (request, reply) => {
      const message = findOutboxMessage(db, request.params.id);
      const attachment = message?.status === 'sent' ? listOutboxAttachments(db, message.id)[request.params.position] : undefined;
      if (!attachment) throw notFound();
      // A download, never rendered: the file name is ours (no CR/LF, quotes or slashes).
      reply
        .type(attachment.contentType)
        .header('content-disposition', `attachment; filename="${attachment.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
      return attachment.content;
    },
  );
};
