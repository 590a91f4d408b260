import { html, css, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { Task } from '@lit/task';
import { PortalElement } from '../../src/core/base/portal-element.js';
import type { SessionChangeEvent } from '../../src/core/session/session-store.js';

/**
 * A minimal element on PortalElement that proves the foundation end to end: it reads the
 * practice's public info through the shared client and renders the loading, error and
 * loaded states. Used by the component tests and the foundation story; not shipped.
 *
 * @csspart info - The loaded practice name and phone.
 */
export class PortalInfoProbe extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      .name {
        font-weight: 600;
        margin: 0;
      }
      a {
        color: var(--_primary);
      }
    `,
  ];

  /** Session changes this element heard, so tests can see every widget is told. */
  readonly sessionChanges: string[] = [];

  protected override sessionChanged(event: SessionChangeEvent): void {
    this.sessionChanges.push(event.reason);
  }

  readonly info = new Task(this, {
    args: () => [this.client] as const,
    task: async ([client], { signal }) => {
      if (!client) throw new Error('no endpoint');
      try {
        return await client.getInfo({ signal });
      } catch (error) {
        if (!signal.aborted) this.emitError('getInfo', error);
        throw error;
      }
    },
  });

  override render(): TemplateResult {
    if (!this.endpoint) return this.renderMissingEndpoint();
    return this.info.render({
      initial: () => this.renderLoading(),
      pending: () => this.renderLoading(msg('Loading the practice details…', { id: 'probe.loading' })),
      error: (error) => this.renderError(error, () => void this.info.run()),
      complete: (info) =>
        html`<div part="info">
          <p class="name">${info.name}</p>
          <p>${msg("Call the office:", { id: "probe.call" })} <a href="tel:${info.phone}">${info.phoneDisplay}</a></p>
        </div>`,
    });
  }
}

if (!customElements.get('portal-info-probe')) customElements.define('portal-info-probe', PortalInfoProbe);

declare global {
  interface HTMLElementTagNameMap {
    'portal-info-probe': PortalInfoProbe;
  }
}
