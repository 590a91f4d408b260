/** Absolute http(s) URLs in plain text, stopping at whitespace, quotes and angle brackets. */
const TEXT_URL = /https?:\/\/[^\s<>"'`]+/g;
/** href values in HTML; entities inside them are decoded below. */
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, name: string) => ENTITIES[name]);
}

/** Sentence punctuation that ends a URL in prose rather than belonging to it. */
function trimTrailingPunctuation(url: string): string {
  return url.replace(/[.,;:!?)\]]+$/, '');
}

function isHttp(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** The links in an email, text part first, each once, in order: what the dev outbox shows. */
export function extractLinks(text: string, html: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(TEXT_URL)) found.push(trimTrailingPunctuation(match[0]));
  for (const match of html.matchAll(HREF)) found.push(decodeEntities(match[1] ?? match[2] ?? '').trim());
  return [...new Set(found.filter(isHttp))];
}

/** A sign-in link's token in its fragment (`#ml=<token>`, R7). */
const SIGN_IN_TOKEN = /([#&]ml=)[A-Za-z0-9_-]+/g;

/** A sign-in email's fallback code (R16): "code…: 123 456", in text or in its HTML `<strong>`. */
const SIGN_IN_CODE = /(:\s*(?:<strong[^>]*>)?)[0-9]{3} [0-9]{3}(?![0-9])/g;

/** The text with every sign-in token and code replaced by `[redacted]`, for mail kept after it was sent (R2). */
export function redactSignInTokens(text: string): string {
  return text.replace(SIGN_IN_TOKEN, '$1[redacted]').replace(SIGN_IN_CODE, '$1[redacted]');
}
