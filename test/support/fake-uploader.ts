import type { FileItem } from '../../src/contract/index.js';
import type { FileUpload, Uploader, UploadProgress, UploadResume } from '../../src/core/api/uploads.js';

/** One upload under the test's control: report progress, succeed or fail it, see cancels. */
export class FakeUpload implements FileUpload {
  starts = 0;
  cancels = 0;
  onResume?: (offset: number, total: number) => void;
  #settle: { resolve: (file: FileItem) => void; reject: (error: unknown) => void } | undefined;

  constructor(
    readonly path: string,
    readonly file: Blob & { name: string },
    readonly onProgress: UploadProgress,
    /** What the client passed to find an unfinished upload of the same file (after a reload). */
    readonly resume?: UploadResume,
  ) {}

  /** As the tus uploader does when it found the file's unfinished upload on the server. */
  resumeFrom(percent: number): void {
    this.onResume?.(Math.round((this.file.size * percent) / 100), this.file.size);
  }

  start(): Promise<FileItem> {
    this.starts++;
    return new Promise((resolve, reject) => (this.#settle = { resolve, reject }));
  }

  cancel(): Promise<void> {
    this.cancels++;
    this.#settle?.reject(new DOMException('Upload cancelled', 'AbortError'));
    return Promise.resolve();
  }

  progress(percent: number): void {
    this.onProgress(Math.round((this.file.size * percent) / 100), this.file.size);
  }

  succeed(file: FileItem): void {
    this.onProgress(this.file.size, this.file.size);
    this.#settle?.resolve(file);
  }

  fail(error: unknown): void {
    this.#settle?.reject(error);
  }
}

/** An Uploader for tests and stories (`configurePortal({ uploader: () => fake })`). */
export class FakeUploader implements Uploader {
  readonly uploads: FakeUpload[] = [];
  /** Stories: what each new upload does by itself once started. */
  script?: (upload: FakeUpload) => void;

  create(path: string, file: Blob & { name: string }, onProgress: UploadProgress, resume?: UploadResume): FileUpload {
    const upload = new FakeUpload(path, file, onProgress, resume);
    this.uploads.push(upload);
    if (this.script) {
      const start = upload.start.bind(upload);
      upload.start = () => {
        const started = start();
        this.script?.(upload);
        return started;
      };
    }
    return upload;
  }
}
