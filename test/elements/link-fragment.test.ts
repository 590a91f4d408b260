import { expect } from '@open-wc/testing';
import { takeLinkToken } from '../../src/elements/portal-signin/link-fragment.js';

describe('takeLinkToken', () => {
  const start = location.href;
  const visit = (hash: string) => history.replaceState(null, '', `${location.pathname}?page=2${hash}`);

  afterEach(() => history.replaceState(null, '', start));

  it('takes the token from the fragment and removes it from the address bar at once', () => {
    visit('#ml=tok_123');
    expect(takeLinkToken()).to.equal('tok_123');
    expect(location.hash).to.equal('');
    expect(location.search, 'the rest of the address stays').to.equal('?page=2');
    expect(takeLinkToken(), 'a second widget finds nothing').to.equal(null);
  });

  it('keeps the other fragment parameters', () => {
    visit('#tab=files&ml=abc');
    expect(takeLinkToken()).to.equal('abc');
    expect(location.hash).to.equal('#tab=files');
  });

  it('finds nothing without ml=, and leaves the fragment alone', () => {
    visit('#section-2');
    expect(takeLinkToken()).to.equal(null);
    expect(location.hash).to.equal('#section-2');
  });

  it('returns a malformed token as it is (the endpoint refuses it), cut to 256 characters', () => {
    visit(`#ml=${'x'.repeat(300)}`);
    expect(takeLinkToken()).to.equal('x'.repeat(256));
    visit('#ml=');
    expect(takeLinkToken()).to.equal('');
  });
});
