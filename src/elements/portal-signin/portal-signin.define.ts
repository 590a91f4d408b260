import { PortalSignin } from './portal-signin.js';

export { PortalSignin };

if (!customElements.get('portal-signin')) customElements.define('portal-signin', PortalSignin);

declare global {
  interface HTMLElementTagNameMap {
    'portal-signin': PortalSignin;
  }
}
