import { DocumentSigner } from './document-signer.js';

export { DocumentSigner };

if (!customElements.get('document-signer')) customElements.define('document-signer', DocumentSigner);

declare global {
  interface HTMLElementTagNameMap {
    'document-signer': DocumentSigner;
  }
}
