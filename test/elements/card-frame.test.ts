import { expect } from '@open-wc/testing';
import { cardPageUrl, parseCardMessage } from '../../src/elements/document-signer/card-frame.js';

const token = { type: 'portal-card-token', token: 'tok_abcdef123456', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 };

describe('parseCardMessage (the payment frame’s messages, R69)', () => {
  it('accepts ready, a height and a known card error', () => {
    expect(parseCardMessage({ type: 'portal-card-ready', extra: 1 })).to.deep.equal({ type: 'portal-card-ready' });
    expect(parseCardMessage({ type: 'portal-card-height', height: 480 })).to.deep.equal({ type: 'portal-card-height', height: 480 });
    for (const code of ['invalid_number', 'invalid_expiry', 'invalid_cvc', 'unavailable']) {
      expect(parseCardMessage({ type: 'portal-card-error', code })).to.deep.equal({ type: 'portal-card-error', code });
    }
  });

  it('keeps a token to its five allowed facts: nothing else reaches the endpoint', () => {
    expect(parseCardMessage({ ...token, number: '4242424242424242', cvc: '123' })).to.deep.equal(token);
  });

  it('drops anything of another shape', () => {
    const refused: unknown[] = [
      null,
      'portal-card-ready',
      42,
      { type: 'portal-card-submit' },
      { type: 'portal-card-height', height: 5001 },
      { type: 'portal-card-height', height: 1.5 },
      { type: 'portal-card-height', height: '480' },
      { type: 'portal-card-error', code: 'declined' },
      { ...token, token: 'x' },
      { ...token, token: 'tok_short' },
      { ...token, brand: 'diners' },
      { ...token, last4: '42' },
      { ...token, expMonth: 13 },
      { ...token, expYear: 1999 },
      { ...token, expYear: '2030' },
    ];
    for (const data of refused) expect(parseCardMessage(data), JSON.stringify(data)).to.equal(undefined);
  });
});

describe('cardPageUrl', () => {
  it('tells the card page where to post back and in which language', () => {
    const url = new URL(cardPageUrl('https://pay.example.test/card?practice=7', 'es'));
    expect(url.origin + url.pathname).to.equal('https://pay.example.test/card');
    expect(url.searchParams.get('practice')).to.equal('7');
    expect(url.searchParams.get('parent')).to.equal(location.origin);
    expect(url.searchParams.get('lang')).to.equal('es');
  });
});
