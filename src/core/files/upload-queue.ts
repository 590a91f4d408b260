import type { FileItem, FileType } from '../../contract/index.js';
import { toPortalApiError, type PortalApiError } from '../api/errors.js';
import type { FileUpload, UploadProgress } from '../api/uploads.js';
import type { Refusal } from './upload-rules.js';

export type UploadStatus = 'refused' | 'uploading' | 'done' | 'failed' | 'cancelled';

/** One chosen file and how its upload stands. Names stay in memory, never in storage or events. */
export interface UploadEntry {
  readonly id: number;
  readonly name: string;
  readonly size: number;
  readonly type?: FileType;
  status: UploadStatus;
  /** 0–100, whole numbers. */
  percent: number;
  refusal?: Refusal;
  error?: PortalApiError;
  /** The stored file, once done. */
  stored?: FileItem;
  /** It continues an unfinished upload of the same file from before a reload (0–100 already there). */
  resumedAt?: number;
}

/** Fired on every change of one entry (progress included), and with no entry when the list changed. */
export class UploadChangeEvent extends Event {
  static readonly type = 'change';
  constructor(readonly entry?: UploadEntry) {
    super(UploadChangeEvent.type);
  }
}

/**
 * The files of one upload session, headless (no DOM, no Lit), so any widget can use it: the
 * element renders the entries and calls `cancel`/`retry`. Each upload is created by `begin`,
 * which the caller ties to a profile (`client.uploadFile(profileId, …)`).
 */
export class UploadQueue extends EventTarget {
  #entries: UploadEntry[] = [];
  #uploads = new Map<number, FileUpload>();
  #nextId = 1;

  get entries(): readonly UploadEntry[] {
    return this.#entries;
  }

  /** Bytes of the uploads still under way (not yet in the server's policy figures). */
  get pendingBytes(): number {
    return this.#entries.filter((e) => e.status === 'uploading').reduce((sum, e) => sum + e.size, 0);
  }

  /** Lists a file that was refused before upload. */
  refuse(file: { name: string; size: number }, refusal: Refusal, type?: FileType): UploadEntry {
    return this.#add({ name: file.name, size: file.size, type, status: 'refused', percent: 0, refusal });
  }

  /** Lists a file and starts its upload. */
  add(file: { name: string; size: number }, type: FileType, begin: (onProgress: UploadProgress) => FileUpload): UploadEntry {
    const entry = this.#add({ name: file.name, size: file.size, type, status: 'uploading', percent: 0 });
    const upload = begin((sent, total) => {
      const percent = total > 0 ? Math.floor((sent / total) * 100) : 0;
      if (entry.status !== 'uploading' || percent === entry.percent) return;
      entry.percent = percent;
      this.#changed(entry);
    });
    upload.onResume = (offset, total) => {
      if (entry.status !== 'uploading') return;
      entry.resumedAt = total > 0 ? Math.floor((offset / total) * 100) : 0;
      entry.percent = entry.resumedAt;
      this.#changed(entry);
    };
    this.#uploads.set(entry.id, upload);
    void this.#run(entry);
    return entry;
  }

  /** Resumes a failed or cancelled upload from where the server stands. */
  retry(id: number): void {
    const entry = this.#find(id);
    if (!entry || !this.#uploads.has(id) || (entry.status !== 'failed' && entry.status !== 'cancelled')) return;
    entry.status = 'uploading';
    entry.error = undefined;
    this.#changed(entry);
    void this.#run(entry);
  }

  /** Stops an upload and deletes what the server holds of it. */
  async cancel(id: number): Promise<void> {
    const entry = this.#find(id);
    if (entry?.status !== 'uploading') return;
    entry.status = 'cancelled';
    entry.percent = 0;
    this.#changed(entry);
    await this.#uploads.get(id)?.cancel();
  }

  /** Takes a finished, refused, failed or cancelled entry off the list. */
  dismiss(id: number): void {
    const entry = this.#find(id);
    if (!entry || entry.status === 'uploading') return;
    this.#entries = this.#entries.filter((e) => e !== entry);
    this.#uploads.delete(id);
    this.#changed();
  }

  /** Cancels everything under way and forgets every entry (sign-out, another profile). */
  clear(): void {
    for (const entry of this.#entries) if (entry.status === 'uploading') void this.#uploads.get(entry.id)?.cancel();
    this.#entries = [];
    this.#uploads.clear();
    this.#changed();
  }

  async #run(entry: UploadEntry): Promise<void> {
    const upload = this.#uploads.get(entry.id);
    if (!upload) return;
    try {
      entry.stored = await upload.start();
      if (entry.status !== 'uploading') return;
      entry.status = 'done';
      entry.percent = 100;
    } catch (error) {
      // A cancel (or clear) already said what happened; its abort is not a failure.
      if (entry.status !== 'uploading') return;
      entry.status = 'failed';
      entry.error = toPortalApiError(error);
    }
    this.#changed(entry);
  }

  #add(fields: Omit<UploadEntry, 'id'>): UploadEntry {
    const entry: UploadEntry = { id: this.#nextId++, ...fields };
    this.#entries = [...this.#entries, entry];
    this.#changed(entry);
    return entry;
  }

  #find(id: number): UploadEntry | undefined {
    return this.#entries.find((e) => e.id === id);
  }

  #changed(entry?: UploadEntry): void {
    this.dispatchEvent(new UploadChangeEvent(entry));
  }
}
