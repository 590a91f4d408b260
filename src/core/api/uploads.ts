import type { FileItem, FileUploaded, UnfinishedUpload } from '../../contract/index.js';
import type { DetailedError, HttpRequest, PreviousUpload, UploadOptions, UrlStorage } from 'tus-js-client';
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
  /**
   * Set by the caller: the first `start()` found an unfinished upload of the same file on the
   * server (an earlier page, before a reload) and continues it from `offset` bytes.
   */
  onResume?: (offset: number, total: number) => void;
}

/**
 * How an upload finds its unfinished predecessor after a page reload, with nothing in browser
 * storage (R71): the endpoint keeps the registry. `find` is `PortalClient.findUnfinishedUploads`
 * for the profile; `profileId` goes into the file's fingerprint.
 */
export interface UploadResume {
  profileId: number;
  find(fingerprint: string): Promise<readonly UnfinishedUpload[]>;
}

/**
 * The seam for resumable uploads, like Transport is for JSON: the default speaks tus, tests
 * and stories pass a fake (`configurePortal({ uploader })`). `path` is relative to the endpoint.
 */
export interface Uploader {
  create(path: string, file: Blob & { name: string }, onProgress: UploadProgress, resume?: UploadResume): FileUpload;
}

export interface TusUploaderOptions {
  baseUrl: string;
  getToken: () => string | undefined;
  /**
   * Cookie mode (R26 mode A): send the endpoint's HttpOnly session cookie
   * (`withCredentials`) and the `X-Portal-Session: cookie` header the server's CSRF check
   * (R29) asks of every unsafe request that carries it.
   */
  cookieSession?: boolean;
  onUnauthorized?: (error: PortalApiError) => void;
  /** Waits before tus tries again by itself after a dropped connection or a 5xx (then the client's Retry). */
  retryDelays?: number[];
}

// Nothing about an upload is written to browser storage (R71): tus would otherwise keep each
// upload's URL and file name in localStorage to resume after a reload. Resuming works within
// the page (same upload URL, in memory), after a server restart, and after a reload through
// the endpoint's registry (endpointUrlStorage below), never through the browser's storage.
const noStorage: UrlStorage = {
  findAllUploads: () => Promise.resolve([]),
  findUploadsByFingerprint: () => Promise.resolve([]),
  removeUpload: () => Promise.resolve(),
  addUpload: () => Promise.resolve(''),
};

/**
 * An opaque fingerprint of a file for one profile: SHA-256 (hex) of the profile id, name,
 * size, last-modified time and type. Sent as the tus `fingerprint` metadata; the same file
 * chosen again for the same profile (after a reload) has the same one. Names no file.
 */
export async function uploadFingerprint(profileId: number, file: Blob & { name: string; lastModified?: number }): Promise<string> {
  const text = JSON.stringify(['portal-upload-v1', profileId, file.name, file.size, file.lastModified ?? 0, file.type]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * tus-js-client's URL storage, backed by the endpoint instead of localStorage: it finds an
 * unfinished upload by fingerprint (`GET uploads?fingerprint=`); adding and removing do
 * nothing, since the server records the fingerprint at creation and forgets it when the upload
 * completes, is cancelled, refused or swept. Upload URLs are resolved against `baseUrl`.
 */
export function endpointUrlStorage(baseUrl: string, find: UploadResume['find']): UrlStorage {
  return {
    findAllUploads: () => Promise.resolve([]),
    async findUploadsByFingerprint(fingerprint) {
      const uploads = await find(fingerprint);
      return uploads.map(
        (upload): PreviousUpload => ({
          size: upload.sizeBytes,
          metadata: { offset: String(upload.offset) },
          creationTime: upload.createdAt,
          urlStorageKey: '',
          uploadUrl: new URL(upload.url, `${baseUrl}/`).href,
          parallelUploadUrls: null,
        }),
      );
    },
    removeUpload: () => Promise.resolve(),
    addUpload: () => Promise.resolve(''),
  };
}

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
    create(path, file, onProgress, resume) {
      let upload: import('tus-js-client').Upload | undefined;
      let settle: (() => void) | undefined;
      let cancelled = false;
      const fileUpload: FileUpload = {
        async start() {
          cancelled = false;
          const tus = await import('tus-js-client');
          if (cancelled) throw new DOMException('Upload cancelled', 'AbortError');
          let previous: PreviousUpload | undefined;
          let fingerprint: string | undefined;
          if (!upload && resume) {
            // The first start asks the endpoint for an unfinished upload of this very file (a
            // reload cut it off); failing to ask only means starting afresh.
            fingerprint = await uploadFingerprint(resume.profileId, file).catch(() => undefined);
            if (fingerprint) {
              const storage = endpointUrlStorage(base, resume.find);
              previous = (await storage.findUploadsByFingerprint(fingerprint).catch(() => []))[0];
            }
            if (cancelled) throw new DOMException('Upload cancelled', 'AbortError');
          }
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
                metadata: { filename: file.name, filetype: file.type, ...(fingerprint ? { fingerprint } : {}) },
                retryDelays: options.retryDelays ?? [0, 1000, 3000, 5000],
                storeFingerprintForResuming: false,
                urlStorage: resume ? endpointUrlStorage(base, resume.find) : noStorage,
                ...(fingerprint ? { fingerprint: () => Promise.resolve(fingerprint) } : {}),
                onBeforeRequest: (request: HttpRequest) => {
                  const token = options.getToken();
                  if (token) request.setHeader('Authorization', `Bearer ${token}`);
                  if (options.cookieSession) {
                    request.setHeader('X-Portal-Session', 'cookie');
                    const xhr: unknown = request.getUnderlyingObject();
                    if (xhr instanceof XMLHttpRequest) xhr.withCredentials = true;
                  }
                },
              });
              if (previous?.uploadUrl) {
                // tus HEADs it and PATCHes from the server's offset; if it is gone by then (404), tus creates a new one.
                upload.resumeFromPreviousUpload(previous);
                fileUpload.onResume?.(Number(previous.metadata.offset) || 0, file.size);
              }
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
      return fileUpload;
    },
  };
}
