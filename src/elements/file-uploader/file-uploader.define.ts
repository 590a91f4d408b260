import { FileUploader } from './file-uploader.js';

export { FileUploader };

if (!customElements.get('file-uploader')) customElements.define('file-uploader', FileUploader);

declare global {
  interface HTMLElementTagNameMap {
    'file-uploader': FileUploader;
  }
}
