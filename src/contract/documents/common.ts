import { Type, type Static } from '@sinclair/typebox';
import { Language } from '../info.js';

// Pieces every documents module builds with.

export const Id = (description: string) => Type.Integer({ minimum: 1, description });
export const Instant = Type.String({ format: 'date-time', description: 'An instant in UTC, ISO 8601 with `Z`.' });
export const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256, lower-case hex.' });
export const SanitizedHtml = Type.String({
  description:
    'Clinician-authored HTML, sanitized by the server with DOMPurify when saved (no script, event handlers, ' +
    '`javascript:` URLs, SVG, MathML, forms, iframes or styles). The browser sanitizes it again before display (R66, R67).',
});
export const PerLanguageHtml = Type.Record(Type.String({ pattern: '^[a-z]{2,3}$' }), Type.String({ maxLength: 20000 }), {
  additionalProperties: false,
  description: 'HTML per language, e.g. { "en": "<p>…</p>", "es": "<p>…</p>" }.',
});

export const LanguageQuery = Type.Object(
  { language: Type.Optional(Language) },
  { additionalProperties: false, description: 'The language wanted; default `en`. A text missing in it falls back to `en`.' },
);
export type LanguageQuery = Static<typeof LanguageQuery>;
