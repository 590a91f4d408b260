import { DocumentSigner } from './document-signer.js';

export { DocumentSigner };

DocumentSigner.define();

declare global {
  interface HTMLElementTagNameMap {
    'document-signer': DocumentSigner;
  }
}
