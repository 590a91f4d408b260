import { Type, type Static } from '@sinclair/typebox';

/**
 * One email in the development outbox (`GET /dev/outbox.json`, development mode only, on the
 * endpoint's origin). Not part of the portal protocol: e2e tests read it to follow links.
 */
export const DevOutboxMessage = Type.Object(
  {
    id: Type.Integer(),
    practice: Type.String({ description: 'The practice slug.' }),
    to: Type.String(),
    subject: Type.String(),
    text: Type.String(),
    html: Type.String(),
    links: Type.Array(Type.String(), { description: 'http(s) links found in the text and HTML, in order, each once.' }),
    language: Type.String(),
    createdAt: Type.Integer({ description: 'Milliseconds since the epoch, UTC.' }),
    attachments: Type.Array(
      Type.Object(
        {
          filename: Type.String(),
          contentType: Type.String(),
          url: Type.String({ description: 'Where the development outbox serves the file (same origin).' }),
        },
        { additionalProperties: false },
      ),
      { description: 'Files sent with the email (e.g. appointment.ics), in order.' },
    ),
  },
  { $id: 'DevOutboxMessage', additionalProperties: false },
);
export type DevOutboxMessage = Static<typeof DevOutboxMessage>;
