import { expect } from '@open-wc/testing';
import { parseRetryAfter, toPortalApiError, PortalApiError, PORTAL_ERROR_CODES } from '../../src/core/api/errors.js';
import { describeError } from '../../src/core/i18n/error-messages.js';
import { setPortalLocale } from '../../src/core/i18n/localization.js';

describe('errors', () => {
  after(() => setPortalLocale('en'));

  it('parses Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('30')).to.equal(30);
    expect(parseRetryAfter(null)).to.equal(undefined);
    expect(parseRetryAfter('soon')).to.equal(undefined);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).to.equal(60);
  });

  it('treats unknown throwables as "server"', () => {
    expect(toPortalApiError(new Error('boom')).code).to.equal('server');
    const known = new PortalApiError('conflict');
    expect(toPortalApiError(known)).to.equal(known);
  });

  it('has a distinct, non-empty message for every code, in both languages', async () => {
    for (const locale of ['en', 'es']) {
      await setPortalLocale(locale);
      const texts = PORTAL_ERROR_CODES.map((code) => describeError({ code }));
      for (const text of texts) expect(text).to.be.a('string').and.not.be.empty;
      expect(new Set(texts).size).to.be.greaterThan(PORTAL_ERROR_CODES.length - 2);
    }
  });

  it('states the wait in the active language', async () => {
    await setPortalLocale('en');
    expect(describeError({ code: 'rate_limited', retryAfter: 90 })).to.contain('2 minutes');
    await setPortalLocale('es');
    expect(describeError({ code: 'rate_limited', retryAfter: 30 })).to.contain('30 segundos');
  });
});
