// Tiny DOM helpers for the console: every piece of data goes in as text (textContent or an
// attribute), never as HTML.

/** `el('button', { type: 'button', ariaLabel: '…' }, 'Revoke')`: properties, then children (nodes or text). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith('data-') || key.startsWith('aria-')) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
}

/** Sets a status line's text; `error` styles it as a problem. Polite: the element has role="status". */
export function say(status, text, { error = false } = {}) {
  status.textContent = text;
  status.classList.toggle('console-error', error);
}

/** A human reading of a refused call, from its stable code (the server's message is for developers). */
export function problem(error) {
  const byCode = {
    not_found: 'No client of this practice has that address, or there is no such link.',
    conflict: 'That already exists.',
    unauthorized: 'The admin token was not accepted.',
    rate_limited: 'Too many requests; wait a moment.',
    unavailable: 'The endpoint is briefly unavailable (PIN sign-in needs PIN_PEPPER).',
  };
  if (error?.code === 'validation') {
    const fields = Object.keys(error.fields ?? {});
    return fields.length > 0 ? `Not valid: ${fields.join(', ')}.` : 'The request is not valid.';
  }
  return byCode[error?.code] ?? `Something went wrong (${error?.message ?? 'network error'}).`;
}
