import type { Config, DOMPurify } from 'dompurify';

// R66: the profile every piece of clinician HTML is cleaned with in the browser, the same
// rules the server applied when it was saved. Sanitizing twice means a server bug, an old
// row or a hostile proxy still cannot put script on the practice's page.
const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math', 'template'],
  FORBID_ATTR: ['style'],
  ALLOWED_URI_REGEXP: /^(?:https:|mailto:|tel:)/i,
  // A fragment, not a string: it goes into the template as nodes, so no HTML string sink
  // (innerHTML, unsafeHTML) exists anywhere in the library (R65, R67).
  RETURN_DOM_FRAGMENT: true,
};

let loading: Promise<DOMPurify> | undefined;

/**
 * DOMPurify, loaded on first use: it weighs more than a whole widget, and only pages that
 * show clinician HTML need it.
 */
function purifier(): Promise<DOMPurify> {
  loading ??= import('dompurify').then(({ default: purify }) => {
    // Links open in a new tab without handing it this page (R66's afterSanitizeAttributes hook).
    purify.addHook('afterSanitizeAttributes', (node) => {
      if (node.nodeName === 'A') {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
    return purify;
  });
  loading.catch(() => (loading = undefined));
  return loading;
}

/** Clinician HTML as inert, sanitized nodes ready to place in a template. */
export async function sanitizeHtml(dirty: string): Promise<DocumentFragment> {
  const purify = await purifier();
  return purify.sanitize(dirty, CONFIG);
}
