import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { getLocale, resolveLocale, setPortalLocale, followDocumentLanguage } from '../../src/core/i18n/localization.js';

describe('localization', () => {
  after(() => setPortalLocale('en'));

  it('resolves region tags and falls back to English', () => {
    expect(resolveLocale('es-MX')).to.equal('es');
    expect(resolveLocale('ES')).to.equal('es');
    expect(resolveLocale('fr')).to.equal('en');
    expect(resolveLocale('')).to.equal('en');
    expect(resolveLocale(undefined)).to.equal('en');
  });

  it('follows <html lang> and its changes until a host pins a locale', async () => {
    // This runs first in a fresh page: nothing has pinned the locale yet.
    await fixture(html`<div></div>`);
    document.documentElement.lang = 'en';
    followDocumentLanguage();
    document.documentElement.lang = 'es-US';
    await waitUntil(() => getLocale() === 'es', 'did not follow <html lang="es-US">');
    document.documentElement.lang = 'en';
    await waitUntil(() => getLocale() === 'en', 'did not follow <html lang="en">');

    await setPortalLocale('es');
    document.documentElement.lang = 'en-GB';
    await new Promise((r) => setTimeout(r, 20));
    expect(getLocale()).to.equal('es');
  });
});
