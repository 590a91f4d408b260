import createDOMPurify, { type DOMPurify } from 'dompurify';
import { JSDOM } from 'jsdom';

// Clinician HTML is sanitized on save (R66, R67): DOMPurify on a jsdom window, with an
// allow-list of text markup. No script, no event handlers, no SVG or MathML, no forms,
// frames, images or styles; links only to https, mailto and tel. The browser sanitizes again.

const ALLOWED_TAGS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'strong', 'em', 'b', 'i', 'u', 's', 'small',
  'blockquote', 'a', 'span', 'div', 'section', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'dl', 'dt', 'dd', 'abbr',
];
const ALLOWED_ATTR = ['href', 'title', 'lang', 'dir', 'colspan', 'rowspan', 'scope'];
const SAFE_URL = /^(?:https:|mailto:|tel:|#)/i;

let purifier: DOMPurify | undefined;

function instance(): DOMPurify {
  if (purifier) return purifier;
  const { window } = new JSDOM('');
  const created = createDOMPurify(window);
  created.addHook('afterSanitizeAttributes', (node) => {
    if (node.hasAttribute('href') && !SAFE_URL.test(node.getAttribute('href') ?? '')) node.removeAttribute('href');
  });
  purifier = created;
  return created;
}

/** The HTML as it may be stored and shown: a string, never a DOM node. */
export function sanitizeHtml(html: string): string {
  return instance().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOWED_URI_REGEXP: SAFE_URL,
    KEEP_CONTENT: true,
    RETURN_TRUSTED_TYPE: false,
  }).trim();
}
