import type { DevOutboxMessage } from '../../src/contract/index.js';
import { html, type SafeHtml } from '../mail/template.js';

/**
 * The outbox page's CSP: its own stylesheet and nothing else. The page has no script and
 * no inline style, so nothing more is needed; links still navigate normally.
 */
export const OUTBOX_PAGE_CSP =
  "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * A stored email's HTML part, shown as its own document: sandboxed (an opaque origin, no
 * script) and allowed only inline styles and data: images, as mail clients render them.
 */
export const OUTBOX_MESSAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; " +
  'sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation';

export const OUTBOX_CSS = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0 auto; max-width: 52rem; padding: 1.5rem; }
article { border: 1px solid color-mix(in srgb, currentColor 25%, transparent); border-radius: .5rem; padding: 1rem 1.25rem; margin-block: 1rem; }
h2 { font-size: 1.15rem; margin: 0 0 .5rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 .75rem; }
dt { font-weight: 600; }
dd { margin: 0; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: color-mix(in srgb, currentColor 7%, transparent); padding: .75rem; border-radius: .25rem; }
ul.links a { overflow-wrap: anywhere; font-size: 1.05rem; }
.empty { font-style: italic; }
`;

function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

function renderMessage(message: DevOutboxMessage): SafeHtml {
  return html`<article aria-labelledby="m${message.id}">
<h2 id="m${message.id}">${message.subject}</h2>
<dl>
<dt>To</dt><dd>${message.to}</dd>
<dt>Time</dt><dd><time datetime="${new Date(message.createdAt).toISOString()}">${formatTime(message.createdAt)}</time></dd>
<dt>Practice</dt><dd>${message.practice}</dd>
<dt>Language</dt><dd>${message.language}</dd>
</dl>
${
  message.links.length > 0
    ? html`<h3>Links</h3>
<ul class="links">${message.links.map((link) => html`<li><a href="${link}">${link}</a></li>`)}</ul>`
    : ''
}
${
  message.attachments.length > 0
    ? html`<h3>Attachments</h3>
<ul class="links">${message.attachments.map((a) => html`<li><a href="${a.url}">${a.filename}</a></li>`)}</ul>`
    : ''
}
<h3>Text</h3>
<pre>${message.text}</pre>
<p><a href="/dev/outbox/${message.id}/html">Open the HTML version</a></p>
</article>`;
}

/** The development outbox as a small readable page. Every value is escaped. */
export function renderOutboxPage(messages: DevOutboxMessage[]): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Development outbox</title>
<link rel="stylesheet" href="/dev/outbox.css">
</head>
<body>
<main>
<h1>Development outbox</h1>
<p>Emails the portal endpoint sent, newest first. Nothing here left this machine. Reload to see new ones.
 Also as <a href="/dev/outbox.json">JSON</a>.</p>
${messages.length === 0 ? html`<p class="empty">No emails yet.</p>` : messages.map(renderMessage)}
</main>
</body>
</html>
`.value;
}
