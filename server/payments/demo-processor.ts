/**
 * The demo card processor: a tiny server on its own port, so a different origin from the
 * practice site and the portal endpoint (R57–R61, R69). It serves the card-entry page the
 * <document-signer> puts in an iframe; the page Luhn-checks, POSTs the card to this origin
 * only, and posts back an opaque token to the exact parent origin. This server keeps only
 * token → brand, last 4 and expiry, in memory; it never stores or logs the number or CVC.
 * A real processor replaces it behind the same seam: see docs/payments.md.
 */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { CardBrand, PaymentCardToken } from '../../src/contract/index.js';
import { loggerOptions, type LoggerOption } from '../logging.js';
import { cardBrand, passesLuhn } from './luhn.js';

/** Test numbers the demo accepts (the well-known processor test cards); anything else is refused. */
export const DEMO_TEST_CARDS = [
  '4242424242424242',
  '4000056655665556',
  '4111111111111111',
  '5555555555554444',
  '2223003122003222',
  '378282246310005',
  '6011111111111117',
] as const;

export interface StoredToken {
  brand: CardBrand;
  last4: string;
  expMonth: number;
  expYear: number;
  createdAt: number;
}

export interface DemoProcessorOptions {
  /** The exact origins allowed to embed the page and receive tokens (the practice site's). */
  allowedParentOrigins: () => readonly string[];
  logger?: LoggerOption;
  now?: () => number;
}

export interface DemoProcessor {
  app: FastifyInstance;
  /** What the processor keeps (for tests): token → brand, last 4, expiry. */
  tokens: ReadonlyMap<string, StoredToken>;
}

type CardErrorCode = 'invalid_number' | 'invalid_expiry' | 'invalid_cvc';

const PAGE_TEXT = {
  en: {
    title: 'Card details',
    number: 'Card number',
    expMonth: 'Expiry month (MM)',
    expYear: 'Expiry year (YYYY)',
    cvc: 'Security code',
    save: 'Save card',
    note: 'Test mode: use 4242 4242 4242 4242. Your card number is sent only to this payment page, never to the portal.',
    invalid_number: 'Enter a valid card number.',
    invalid_expiry: 'Enter a valid expiry date.',
    invalid_cvc: 'Enter the 3 or 4 digit security code.',
    unavailable: 'The card could not be saved. Try again.',
    // Only the portal saves the card ("Use this card"); this page has only checked it.
    checked: 'Card checked.',
  },
  es: {
    title: 'Datos de la tarjeta',
    number: 'Número de tarjeta',
    expMonth: 'Mes de vencimiento (MM)',
    expYear: 'Año de vencimiento (AAAA)',
    cvc: 'Código de seguridad',
    save: 'Guardar tarjeta',
    note: 'Modo de prueba: use 4242 4242 4242 4242. El número de su tarjeta solo se envía a esta página de pago, nunca al portal.',
    invalid_number: 'Escriba un número de tarjeta válido.',
    invalid_expiry: 'Escriba una fecha de vencimiento válida.',
    invalid_cvc: 'Escriba el código de seguridad de 3 o 4 dígitos.',
    unavailable: 'No se pudo guardar la tarjeta. Inténtelo de nuevo.',
    checked: 'Tarjeta verificada.',
  },
} as const;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(parent: string, language: 'en' | 'es'): string {
  const t = PAGE_TEXT[language];
  const messages = escapeHtml(JSON.stringify(t));
  return `<!doctype html>
<html lang="${language}" data-parent="${escapeHtml(parent)}" data-messages="${messages}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
<title>${escapeHtml(t.title)}</title><link rel="stylesheet" href="/card-entry.css"><script type="module" src="/card-entry.js"></script></head>
<body><form novalidate>
<p class="note">${escapeHtml(t.note)}</p>
<label for="number">${escapeHtml(t.number)}</label>
<input id="number" name="number" inputmode="numeric" autocomplete="cc-number" maxlength="23" required aria-describedby="number-error">
<p id="number-error" class="error" hidden></p>
<div class="row">
<div><label for="exp-month">${escapeHtml(t.expMonth)}</label><input id="exp-month" inputmode="numeric" autocomplete="cc-exp-month" maxlength="2" required aria-describedby="expiry-error"></div>
<div><label for="exp-year">${escapeHtml(t.expYear)}</label><input id="exp-year" inputmode="numeric" autocomplete="cc-exp-year" maxlength="4" required aria-describedby="expiry-error"></div>
</div>
<p id="expiry-error" class="error" hidden></p>
<label for="cvc">${escapeHtml(t.cvc)}</label>
<input id="cvc" inputmode="numeric" autocomplete="cc-csc" maxlength="4" required aria-describedby="cvc-error">
<p id="cvc-error" class="error" hidden></p>
<button type="submit">${escapeHtml(t.save)}</button>
<p class="status" role="status" aria-live="polite"></p>
</form></body></html>`;
}

/** The iframe's script: no framework, no third-party code, same-origin requests only. */
const SCRIPT = `const root = document.documentElement;
const parentOrigin = root.dataset.parent;
const t = JSON.parse(root.dataset.messages);
const form = document.querySelector('form');
const $ = (id) => document.getElementById(id);
const post = (message) => window.parent.postMessage(message, parentOrigin);
const luhn = (digits) => {
  let sum = 0, dbl = false;
  for (let i = digits.length - 1; i >= 0; i--) { let d = +digits[i]; if (dbl) { d *= 2; if (d > 9) d -= 9; } sum += d; dbl = !dbl; }
  return sum % 10 === 0;
};
const show = (id, code) => {
  const el = $(id + '-error');
  const input = id === 'expiry' ? $('exp-month') : $(id);
  el.hidden = !code; el.textContent = code ? t[code] : '';
  input.setAttribute('aria-invalid', code ? 'true' : 'false');
  if (id === 'expiry') $('exp-year').setAttribute('aria-invalid', code ? 'true' : 'false');
};
async function submit() {
  const number = $('number').value.replace(/[\\s-]/g, '');
  const expMonth = Number($('exp-month').value), expYear = Number($('exp-year').value);
  const cvc = $('cvc').value.trim();
  const errors = {
    number: /^[0-9]{13,19}$/.test(number) && luhn(number) ? '' : 'invalid_number',
    expiry: expMonth >= 1 && expMonth <= 12 && expYear >= 2000 && expYear <= 2100 ? '' : 'invalid_expiry',
    cvc: /^[0-9]{3,4}$/.test(cvc) ? '' : 'invalid_cvc',
  };
  for (const [id, code] of Object.entries(errors)) show(id, code);
  const first = Object.entries(errors).find(([, code]) => code);
  if (first) { post({ type: 'portal-card-error', code: first[1] }); (first[0] === 'expiry' ? $('exp-month') : $(first[0])).focus(); return; }
  try {
    const res = await fetch('/v1/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ number, expMonth, expYear, cvc }), credentials: 'omit' });
    const body = await res.json();
    if (!res.ok) { const code = body.error?.code ?? 'unavailable'; show(code === 'invalid_expiry' ? 'expiry' : code === 'invalid_cvc' ? 'cvc' : 'number', code); post({ type: 'portal-card-error', code }); return; }
    form.reset();
    document.querySelector('.status').textContent = t.checked;
    post({ type: 'portal-card-token', token: body.token, brand: body.brand, last4: body.last4, expMonth: body.expMonth, expYear: body.expYear });
  } catch {
    post({ type: 'portal-card-error', code: 'unavailable' });
    document.querySelector('.status').textContent = t.unavailable;
  }
}
form.addEventListener('submit', (event) => { event.preventDefault(); void submit(); });
window.addEventListener('message', (event) => {
  if (event.origin !== parentOrigin || event.source !== window.parent) return;
  if (event.data && event.data.type === 'portal-card-submit') void submit();
});
new ResizeObserver(() => post({ type: 'portal-card-height', height: Math.ceil(document.documentElement.scrollHeight) })).observe(document.body);
post({ type: 'portal-card-ready' });
`;

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:4px;color:#1b1f23}
label{display:block;font-weight:600;margin-top:.75rem}input{font:inherit;width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #6a737d;border-radius:4px;min-height:44px}
.row{display:flex;gap:.75rem}.row>div{flex:1}.error{color:#b31d28;margin:.25rem 0 0}.note{font-size:.875rem;color:#444d56;margin:0}
button{font:inherit;margin-top:1rem;min-height:44px;padding:.5rem 1rem;border-radius:4px;border:0;background:#0b5fff;color:#fff}
input:focus-visible,button:focus-visible{outline:3px solid #0b5fff;outline-offset:2px}`;

const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^https?:\/\/\[[0-9a-fA-F:]+\](:[0-9]{1,5})?$/;

type CardBody = { number?: unknown; expMonth?: unknown; expYear?: unknown; cvc?: unknown };

/** What was typed, if it is a demo test card with a valid expiry and CVC; else the refusal's code. */
function checkCard(body: CardBody, today: Date): { number: string; expMonth: number; expYear: number } | CardErrorCode {
  const number = typeof body.number === 'string' ? body.number.replace(/[\s-]/g, '') : '';
  if (!/^[0-9]{13,19}$/.test(number) || !passesLuhn(number) || !(DEMO_TEST_CARDS as readonly string[]).includes(number)) {
    return 'invalid_number';
  }
  const expMonth = body.expMonth;
  const expYear = body.expYear;
  if (
    typeof expMonth !== 'number' ||
    typeof expYear !== 'number' ||
    !Number.isInteger(expMonth) ||
    !Number.isInteger(expYear) ||
    expMonth < 1 ||
    expMonth > 12 ||
    expYear > 2100 ||
    expYear < today.getUTCFullYear() ||
    (expYear === today.getUTCFullYear() && expMonth < today.getUTCMonth() + 1)
  ) {
    return 'invalid_expiry';
  }
  if (typeof body.cvc !== 'string' || !/^[0-9]{3,4}$/.test(body.cvc)) return 'invalid_cvc';
  return { number, expMonth, expYear };
}

export function buildDemoProcessor(options: DemoProcessorOptions): DemoProcessor {
  const now = options.now ?? Date.now;
  const tokens = new Map<string, StoredToken>();
  // No request logging at all: nothing about a card request can end up in a log line.
  const app = Fastify({
    logger: loggerOptions(options.logger),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 4096,
  });

  const common = {
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  };

  app.get<{ Querystring: { parent?: string; lang?: string } }>('/card-entry', async (request, reply) => {
    const parent = request.query.parent ?? '';
    if (!ORIGIN.test(parent) || !options.allowedParentOrigins().includes(parent)) {
      return reply.code(400).headers(common).type('text/plain; charset=utf-8').send('This page may only be embedded by an allowed origin.');
    }
    const language = request.query.lang === 'es' ? 'es' : 'en';
    return reply
      .headers({
        ...common,
        'content-security-policy': `default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors ${parent}`,
      })
      .type('text/html; charset=utf-8')
      .send(page(parent, language));
  });

  app.get('/card-entry.js', async (_request, reply) => reply.headers(common).type('text/javascript; charset=utf-8').send(SCRIPT));
  app.get('/card-entry.css', async (_request, reply) => reply.headers(common).type('text/css; charset=utf-8').send(STYLE));

  const refuse = (code: CardErrorCode) => ({ error: { code } });

  app.post<{ Body: CardBody }>('/v1/tokens', async (request, reply) => {
    reply.headers(common);
    const card = checkCard(request.body ?? {}, new Date(now()));
    if (typeof card === 'string') return reply.code(400).send(refuse(card));
    const { number, expMonth, expYear } = card;
    const token = newDemoToken();
    const stored: StoredToken = { brand: cardBrand(number), last4: number.slice(-4), expMonth, expYear, createdAt: now() };
    tokens.set(token, stored);
    const answer: PaymentCardToken = { token, brand: stored.brand, last4: stored.last4, expMonth, expYear };
    return reply.code(200).send(answer);
  });

  /** The server-side look-up a real integration makes before trusting a token (see docs/payments.md). */
  app.get<{ Params: { token: string } }>('/v1/tokens/:token', async (request, reply) => {
    reply.headers(common);
    const stored = tokens.get(request.params.token);
    if (!stored) return reply.code(404).send({ error: { code: 'not_found' } });
    return { token: request.params.token, brand: stored.brand, last4: stored.last4, expMonth: stored.expMonth, expYear: stored.expYear };
  });

  // Errors (bad JSON, too large) answer a code only: never the body, never a message with values.
  app.setErrorHandler((error: { statusCode?: unknown }, _request, reply) => {
    const code = error.statusCode;
    const status = typeof code === 'number' && code >= 400 && code < 500 ? code : 500;
    return reply.code(status).headers(common).send({ error: { code: status === 500 ? 'unavailable' : 'invalid_number' } });
  });

  return { app, tokens };
}

/**
 * A fresh opaque token: 128 random bits as four groups of 8 hex digits. The groups keep any run
 * of digits under 13, which the portal refuses as a possible card number (R57); one unbroken
 * hex string had a run that long about once in 25 tokens.
 */
export function newDemoToken(): string {
  const hex = randomBytes(16).toString('hex');
  return `tok_demo_${hex.match(/.{8}/g)!.join('_')}`;
}
