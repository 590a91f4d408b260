import { PortalSignin } from './portal-signin.js';

export { PortalSignin };

PortalSignin.define();

declare global {
  interface HTMLElementTagNameMap {
    'portal-signin': PortalSignin;
  }
}
