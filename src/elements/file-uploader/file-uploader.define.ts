import { FileUploader } from './file-uploader.js';

export { FileUploader };

FileUploader.define();

declare global {
  interface HTMLElementTagNameMap {
    'file-uploader': FileUploader;
  }
}
