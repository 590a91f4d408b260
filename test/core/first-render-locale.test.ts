import { expect, fixture, html } from '@open-wc/testing';
import { msg } from '@lit/localize';
import { PortalElement } from '../../src/core/base/portal-element.js';

/** Records the text of its very first render. */
class FirstRenderProbe extends PortalElement {
  firstText = '';
  override render() {
    return this.renderLoading(msg('Loading…', { id: 'portal.loading' }));
  }
  override firstUpdated() {
    this.firstText = this.shadowRoot?.textContent?.trim() ?? '';
  }
}
customElements.define('first-render-probe', FirstRenderProbe);

// Its own page (the test runner gives each file one): Spanish has not been loaded yet.
describe('first render on a Spanish page', () => {
  it('waits for the Spanish messages, so English never shows first', async () => {
    document.documentElement.lang = 'es';
    const el = await fixture<FirstRenderProbe>(html`<first-render-probe endpoint="http://localhost:1/p/x"></first-render-probe>`);
    expect(el.firstText).to.equal('Cargando…');
  });
});
