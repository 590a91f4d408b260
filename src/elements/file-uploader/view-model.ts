import type { FileItem } from '../../contract/index.js';
import type { UploadActions, UploadModel } from '../../core/files/upload-views.js';
import type { FileActions, OpenedFile } from './file-views.js';

/** What the views read once the profile's files are known. The element builds it. */
export interface UploaderModel extends UploadModel {
  readonly headingLevel: number;
  /** This sign-in may upload for the profile (it may always look at the files). */
  readonly canUpload: boolean;
  readonly files: readonly FileItem[];
  /** The stored file being fetched to open or download. */
  readonly busyId: number | undefined;
  readonly fileError: unknown;
  readonly opened: OpenedFile | undefined;
}

/** What the views can ask the element to do. */
export interface UploaderActions extends UploadActions, FileActions {}
