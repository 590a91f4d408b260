import type { FileItem, FileUploaded } from '../../contract/index.js';
import type { DetailedError, HttpRequest, UploadOptions, UrlStorage } from 'tus-js-client';
import { PortalApiError, codeForResponse } from './errors.js';

/** Bytes sent so far and the file's size. */
export type UploadProgress = (sent: number, total: number) => void;

/**
 * One file on its way to the endpoint. `start()` may be called again after it failed: it
 * resumes from what the server holds (a tus HEAD), which survives dropped connections and
 * server restarts. `cancel()` stops and deletes the unfinished upload on the server.
 */
export interface FileUpload {
  start(): Promise<FileItem>;
  cancel(): Promise<void>;
}

/**
 * The seam for resumable uploads, like Transport is for JSON: the default speaks tus, tests
 * and stories pass a fake (`configurePortal({ uploader })`). `path` is relative to the endpoint.
 */
export interface Uploader {
  create(path: string, file: Blob & { name: string }, onProgress: UploadProgress): FileUpload;
}

export interface TusUploaderOptions {
  baseUrl: string;
  getToken: () => string | undefined;
  onUnauthorized?: (error: PortalApiError) => void;
  /** Waits before tus tries again by itself after a dropped connection or a 5xx (then the client's Retry). */
  retryDelays?: number[];
}

// Nothing about an upload is written to browser storage (R71): tus would otherwise keep each
// upload's URL and file name in localStorage to resume after a reload. Resuming works within
// the page instead (same upload URL, in memory), including after a server restart.
const noStorage: UrlStorage = {
  findAllUploads: () => Promise.resolve([]),
  findUploadsByFingerprint: () => Promise.resolve([]),
  removeUpload: () => Promise.resolve(),
  addUpload: () => Promise.resolve(''),
};

/** The answer as a PortalApiError: the endpoint's JSON code when it sent one, else `network`. */
export function uploadError(error: unknown): PortalApiError {
  const response = (error as Partial<DetailedError> | undefined)?.originalResponse;
  if (!response) return new PortalApiError('network', { cause: error });
  const status = response.getStatus();
  let reason: string | undefined;
  try {
    const code = (JSON.parse(response.getBody()) as { error?: { code?: unknown } }).error?.code;
    if (typeof code === 'string') reason = code;
  } catch {
    // Not our JSON (a proxy's page): the status decides.
  }
  return new PortalApiError(codeForResponse(status, reason), { status, reason, cause: error });
}

/**
 * Resumable uploads with tus-js-client, loaded (about 16 kB gzip) only when the first upload
 * starts. The session token is read at each request, so a resumed upload uses the current one.
 */
export function createTusUploader(options: TusUploaderOptions): Uploader {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    create(path, file, onProgress) {
      let upload: import('tus-js-client').Upload | undefined;
      let settle: (() => void) | undefined;
      let cancelled = false;
      return {
        async start() {
          cancelled = false;
          const tus = await import('tus-js-client');
          if (cancelled) throw new DOMException('Upload cancelled', 'AbortError');
          return new Promise<FileItem>((resolve, reject) => {
            settle = () => reject(new DOMException('Upload cancelled', 'AbortError'));
            const handlers: UploadOptions = {
              onProgress,
              onSuccess: ({ lastResponse }) => {
                try {
                  resolve((JSON.parse(lastResponse.getBody()) as FileUploaded).file);
                } catch (cause) {
                  // A HEAD that found the upload already complete carries no file: list again instead.
                  reject(new PortalApiError('server', { status: lastResponse.getStatus(), cause }));
                }
              },
              onError: (error) => {
                const apiError = uploadError(error);
                if (apiError.status === 401) options.onUnauthorized?.(apiError);
                reject(apiError);
              },
            };
            if (upload) Object.assign(upload.options, handlers);
            else {
              upload = new tus.Upload(file, {
                ...handlers,
                endpoint: base + path,
                metadata: { filename: file.name, filetype: file.type },
                retryDelays: options.retryDelays ?? [0, 1000, 3000, 5000],
                storeFingerprintForResuming: false,
                urlStorage: noStorage,
                onBeforeRequest: (request: HttpRequest) => {
                  const token = options.getToken();
                  if (token) request.setHeader('Authorization', `Bearer ${token}`);
                },
              });
            }
            upload.start();
          });
        },
        async cancel() {
          cancelled = true;
          settle?.();
          settle = undefined;
          // `true` sends the tus DELETE, so the server frees the space at once.
          await upload?.abort(true).catch(() => undefined);
        },
      };
    },
  };
}
