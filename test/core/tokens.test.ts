import { expect } from '@open-wc/testing';
import { tokens, TOKEN_NAMES } from '../../src/core/styles/tokens.styles.js';
import { sharedStyles } from '../../src/core/styles/shared.styles.js';

const used = (cssText: string) => new Set(cssText.match(/--portal-[a-z0-9-]+/g) ?? []);

describe('design tokens', () => {
  it('the token sheet defines exactly the documented names, each with a fallback', () => {
    expect([...used(tokens.cssText)].sort()).to.deep.equal([...TOKEN_NAMES].sort());
    for (const name of TOKEN_NAMES) expect(tokens.cssText).to.match(new RegExp(`var\\(${name},\\s*[^)]+\\)`));
  });

  it('shared styles read only declared tokens', () => {
    const text = sharedStyles.map((s) => s.cssText).join('\n');
    for (const name of used(text)) expect(TOKEN_NAMES).to.include(name);
  });

  it('the README lists every token', async () => {
    const readme = await (await fetch('/README.md')).text();
    for (const name of TOKEN_NAMES) expect(readme, `README mentions ${name}`).to.contain(`\`${name}\``);
  });
});
