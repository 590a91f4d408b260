import type { CardBrand, CardMessage, PaymentCardToken } from '../../contract/documents.js';

// The contract's list, repeated: the browser imports only its types (no schema code ships).
const CARD_BRANDS: readonly CardBrand[] = ['visa', 'mastercard', 'amex', 'discover', 'other'];

const TOKEN = /^tok_[A-Za-z0-9_]{8,64}$/;
const CARD_ERRORS = ['invalid_number', 'invalid_expiry', 'invalid_cvc', 'unavailable'];
const int = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/**
 * The one message shape accepted from the payment iframe, checked field by field (R69):
 * whatever else arrives is dropped. A token is kept to its five allowed facts, so nothing
 * extra a compromised page might add reaches the endpoint.
 */
export function parseCardMessage(data: unknown): Exclude<CardMessage, { type: 'portal-card-submit' }> | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const m = data as Record<string, unknown>;
  if (m.type === 'portal-card-ready') return { type: 'portal-card-ready' };
  if (m.type === 'portal-card-height' && int(m.height, 0, 5000)) return { type: 'portal-card-height', height: m.height as number };
  if (m.type === 'portal-card-error' && CARD_ERRORS.includes(m.code as string)) {
    return { type: 'portal-card-error', code: m.code as 'unavailable' };
  }
  if (
    m.type === 'portal-card-token' &&
    typeof m.token === 'string' &&
    TOKEN.test(m.token) &&
    (CARD_BRANDS as readonly unknown[]).includes(m.brand) &&
    typeof m.last4 === 'string' &&
    /^\d{4}$/.test(m.last4) &&
    int(m.expMonth, 1, 12) &&
    int(m.expYear, 2000, 2100)
  ) {
    const token: PaymentCardToken = {
      token: m.token,
      brand: m.brand as PaymentCardToken['brand'],
      last4: m.last4,
      expMonth: m.expMonth as number,
      expYear: m.expYear as number,
    };
    return { type: 'portal-card-token', ...token };
  }
  return undefined;
}

/**
 * Listens for the payment iframe while the card step is shown. A message counts only when it
 * comes from exactly the processor's origin and from that iframe's window; anything else is
 * ignored with a console warning that names no content.
 */
export class CardFrameListener {
  #stop: (() => void) | undefined;

  listen(origin: string, frame: () => HTMLIFrameElement | null | undefined, onMessage: (m: NonNullable<ReturnType<typeof parseCardMessage>>) => void): void {
    this.stop();
    const handler = (event: MessageEvent) => {
      const source = frame()?.contentWindow;
      // Messages from other frames of the host page are none of our business: stay silent.
      if (!source || event.source !== source) return;
      const message = event.origin === origin ? parseCardMessage(event.data) : undefined;
      if (!message) {
        console.warn('<document-signer> ignored a message from the payment frame: unexpected origin or shape.');
        return;
      }
      onMessage(message);
    };
    window.addEventListener('message', handler);
    this.#stop = () => window.removeEventListener('message', handler);
  }

  stop(): void {
    this.#stop?.();
    this.#stop = undefined;
  }
}

/** The card page's address for the iframe: where to post back, and in which language. */
export function cardPageUrl(pageUrl: string, language: string): string {
  const url = new URL(pageUrl, location.href);
  url.searchParams.set('parent', location.origin);
  url.searchParams.set('lang', language);
  return url.href;
}
