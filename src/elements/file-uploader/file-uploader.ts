import { html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { FILE_TYPE_RULES } from '../../contract/constants.js';
import type { FileItem, Profile } from '../../contract/index.js';
import { PortalElement } from '../../core/base/portal-element.js';
import { statusView } from '../../core/base/state-views.js';
import { ActingProfileGate } from '../../core/controllers/acting-profile-gate.js';
import { FocusAfterUpdate } from '../../core/controllers/focus-after-update.js';
import { PortalFileAcceptEvent, PortalFileUploadedEvent } from '../../core/events.js';
import { UploadChangeEvent, UploadQueue, type UploadEntry } from '../../core/files/upload-queue.js';
import { checkFile, uploadRules, type UploadRules } from '../../core/files/upload-rules.js';
import { parseCsv } from './csv.js';
import { CSV_ROWS, type OpenedFile } from './file-views.js';
import { formatPercent } from '../../core/i18n/format.js';
import { statusText } from '../../core/i18n/upload-messages.js';
import { uploadStyles } from '../../core/files/upload.styles.js';
import { uploaderView } from './uploader-views.js';
import type { UploaderActions, UploaderModel } from './view-model.js';
import { styles } from './file-uploader.styles.js';

/** How often the list is fetched again while a file waits for the malware scan (R52). */
const CHECKING_POLL_MS = 5_000;

/**
 * Files a client shares with their clinician (pdf, jpg, png, mp3, m4a, csv), for the profile
 * chosen in `<profile-picker>`. A drop zone and a "Choose files" button, the allowed types and
 * limits stated before choosing, refusals before upload, resumable uploads (tus, loaded only
 * when one starts) with progress, Cancel and Retry, and the profile's files to open or download.
 *
 * @tagname file-uploader
 * @summary Upload files for the clinician, resumable, and view the profile's files.
 * @fires portal-file-accept - A file passed the checks and is about to upload; cancelable (`detail.profileId`, `detail.type`, `detail.sizeBytes`).
 * @fires portal-file-uploaded - A file is stored (`detail.profileId`, `detail.fileId`, `detail.type`).
 * @fires portal-error - A request failed (`detail.operation`: `listFiles`, `uploadFile`, `downloadFile`; `detail.code`).
 * @slot signed-out - Shown instead of the widget while nobody is signed in.
 * @csspart heading - The two headings ("Share files with your clinician", "Your files").
 * @csspart drop-zone - The area files can be dropped on; holds the rules and the button.
 * @csspart rules - The allowed types and size limits.
 * @csspart choose-button - "Choose files".
 * @csspart queue - The list of chosen files.
 * @csspart file-row - One chosen file.
 * @csspart progress - A file's progress bar.
 * @csspart row-status - A chosen file's status line.
 * @csspart row-button - Cancel, Retry and Dismiss.
 * @csspart file-list - The profile's stored files.
 * @csspart file - One stored file.
 * @csspart open-button - "Open".
 * @csspart download-button - "Download".
 * @csspart viewer - The opened file.
 * @csspart close-button - "Close" of the viewer.
 * @csspart warning - The note under a CSV that formulas are shown as text.
 * @cssprop --portal-color-primary - Buttons, the drop zone's border while dragging.
 * @cssprop --portal-color-border - The drop zone's dashed border and row separators.
 * @cssprop --portal-color-surface-raised - The drop zone's background.
 * @cssprop --portal-color-danger - Refusals and failures.
 * @cssprop --portal-color-success - Uploaded files.
 */
export class FileUploader extends PortalElement {
  static override styles = [PortalElement.styles, uploadStyles, styles];
  static readonly defaultTag = 'file-uploader';

  /** Narrows the endpoint's allowed types, like an `<input type=file>` accept (`.pdf,.jpg`, `image/*`); never widens them. */
  @property() accept = '';

  /** Largest file in bytes, below the endpoint's own per-type limits (0: the endpoint's limits only). */
  @property({ attribute: 'max-size', type: Number }) maxSize = 0;

  /** The level of the headings, to fit the host page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  protected override readonly profileGate = new ActingProfileGate(this, (acting) => {
    // Another profile (or none): nothing of the last one's uploads or files stays on screen.
    this.#reset();
    this.#profileId = acting?.id;
  });

  @state() private dragging = false;
  @state() private announcement = '';
  @state() private opened: OpenedFile | undefined;
  @state() private busyId: number | undefined;
  @state() private fileError: unknown;
  @state() private reload = 0;

  readonly #queue = new UploadQueue();
  #profileId: number | undefined;
  #steps = new Map<number, number>();
  #resumed = new Set<number>();
  readonly #focus = new FocusAfterUpdate(this);

  readonly #files = new Task(this, {
    task: async ([client, profileId, canView], { signal }) =>
      client && profileId && canView ? { profileId, ...(await client.listFiles(profileId, { signal })) } : undefined,
    args: () => [this.client, this.#profileId, this.profileGate.acting?.permissions.view, this.reload] as const,
    onError: (error) => this.emitError('listFiles', error),
    onComplete: (value) => this.#pollWhileChecking(value?.files),
  });
  #poll: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.#queue.addEventListener(UploadChangeEvent.type, (event) => this.#queueChanged((event as UploadChangeEvent).entry));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#close(false);
    clearTimeout(this.#poll);
    this.#poll = undefined;
  }

  /** While a file waits for the malware scan (R52), the list is fetched again every few seconds. */
  #pollWhileChecking(files: readonly FileItem[] | undefined): void {
    clearTimeout(this.#poll);
    this.#poll = undefined;
    if (!this.isConnected || !files?.some((file) => file.status === 'pending_scan')) return;
    this.#poll = setTimeout(() => this.reload++, CHECKING_POLL_MS);
  }

  protected override sessionChanged(): void {
    this.#reset();
  }

  protected override render(): TemplateResult {
    const gate = this.profileGate.renderGate({
      signedOut: msg('Sign in to share files with your clinician.', { id: 'uploader.signed-out' }),
      noProfile: msg('Choose whose portal you are using to see their files.', { id: 'uploader.no-profile' }),
    });
    if (gate) return gate;
    const acting = this.profileGate.acting!;
    if (!acting.permissions.view) return statusView(msg("Files aren't available for this profile with your sign-in.", { id: 'uploader.no-view' }));
    // While the list reloads after an upload, the last one stays: the rows and focus stay put.
    const list = this.#files.value?.profileId === acting.id ? this.#files.value : undefined;
    return html`${this.#files.status === TaskStatus.ERROR
        ? this.renderError(this.#files.error, () => this.reload++)
        : list
          ? uploaderView(this.#model(list.files, acting), this.#actions)
          : this.renderLoading(msg('Loading files…', { id: 'uploader.loading' }))}
      <p class="visually-hidden" role="status">${this.announcement}</p>`;
  }

  #model(files: readonly FileItem[], acting: Profile): UploaderModel {
    return {
      headingLevel: this.headingLevel,
      canUpload: acting.permissions.upload,
      files,
      rules: this.#rules()!,
      entries: this.#queue.entries,
      dragging: this.dragging,
      busyId: this.busyId,
      fileError: this.fileError,
      opened: this.opened,
    };
  }

  readonly #actions: UploaderActions = {
    chosen: (chosen) => this.#chosen(chosen, this.#rules()!),
    drag: (active) => (this.dragging = active),
    cancel: (id) => {
      this.#focus.request(`[data-id="${id}"] button`);
      void this.#queue.cancel(id);
    },
    retry: (id) => {
      this.#focus.request(`[data-id="${id}"] button`);
      this.#queue.retry(id);
    },
    dismiss: (id) => {
      this.#focus.request('[part~="choose-button"]');
      this.#queue.dismiss(id);
    },
    open: (file) => void this.#open(file),
    download: (file) => void this.#download(file),
    close: () => this.#close(true),
  };

  #rules(): UploadRules | undefined {
    const policy = this.#files.value?.policy;
    return policy && uploadRules(policy, this.accept, this.maxSize);
  }

  #chosen(chosen: ArrayLike<File>, rules: UploadRules): void {
    const profileId = this.#profileId;
    const client = this.client;
    if (!profileId || !client) return;
    for (const file of Array.from(chosen)) {
      const { type, refusal } = checkFile(file, rules, this.#queue.pendingBytes);
      if (refusal || !type) {
        this.#queue.refuse(file, refusal ?? 'type', type);
        continue;
      }
      if (!this.dispatchEvent(new PortalFileAcceptEvent({ profileId, type, sizeBytes: file.size }))) {
        this.#queue.refuse(file, 'host', type);
        continue;
      }
      this.#queue.add(file, type, (progress) => client.uploadFile(profileId, file, progress));
    }
  }

  #queueChanged(entry: UploadEntry | undefined): void {
    this.requestUpdate();
    if (!entry) return;
    const name = entry.name;
    const rules = this.#rules();
    if (entry.status === 'uploading' && entry.resumedAt !== undefined && !this.#resumed.has(entry.id)) {
      // Said once: the upload a reload cut off goes on from where it stopped, not from zero.
      this.#resumed.add(entry.id);
      this.#steps.set(entry.id, Math.floor(entry.resumedAt / 25) * 25);
      this.announcement = msg(str`Continuing your earlier upload of ${name}`, { id: 'uploader.resumed' });
      return;
    }
    if (entry.status === 'uploading') {
      // Announce at 25, 50, 75 %, not every percent: a screen reader would talk over everything.
      const step = Math.floor(entry.percent / 25) * 25;
      if (step > (this.#steps.get(entry.id) ?? 0) && step < 100) {
        const percent = formatPercent(step);
        this.announcement = msg(str`${name}: ${percent} uploaded`, { id: 'uploader.progress' });
      }
      this.#steps.set(entry.id, step);
      return;
    }
    this.#steps.delete(entry.id);
    // Its Cancel is gone: focus moves to what the row offers now (Retry, Dismiss).
    if (this.shadowRoot?.activeElement?.closest(`[data-id="${entry.id}"]`)) this.#focus.request(`[data-id="${entry.id}"] button`);
    this.announcement = `${name}: ${statusText(entry, rules)}`;
    if (entry.status === 'done' && entry.stored && this.#profileId) {
      this.dispatchEvent(new PortalFileUploadedEvent({ profileId: this.#profileId, fileId: entry.stored.id, type: entry.stored.type }));
      this.reload++;
    }
    if (entry.status === 'failed') this.emitError('uploadFile', entry.error);
  }

  async #fetch(file: FileItem): Promise<Blob | undefined> {
    const { client } = this;
    if (!client || !this.#profileId) return undefined;
    this.busyId = file.id;
    this.fileError = undefined;
    try {
      return await client.downloadFile(this.#profileId, file.id);
    } catch (error) {
      this.fileError = error;
      this.emitError('downloadFile', error);
      return undefined;
    } finally {
      this.busyId = undefined;
    }
  }

  async #open(file: FileItem): Promise<void> {
    const blob = await this.#fetch(file);
    if (!blob) return;
    this.#close(false);
    const rows = file.type === 'csv' ? parseCsv(await blob.text(), CSV_ROWS) : undefined;
    // The blob URL is same-origin with the host page and the PDF frame cannot be sandboxed
    // (Chromium refuses its PDF viewer in any sandboxed frame), so the shown blob never takes
    // its type from the answer: it is always the media type of the file's listed kind, and
    // an answer labelled text/html (or anything else) is never rendered as a document.
    const shown = new Blob([blob], { type: FILE_TYPE_RULES[file.type].mediaType });
    this.opened = { file, rows, url: URL.createObjectURL(shown) };
    this.#focus.request('#viewer-title');
  }

  async #download(file: FileItem): Promise<void> {
    const blob = await this.#fetch(file);
    if (!blob) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = file.name;
    this.renderRoot.append(link);
    link.click();
    link.remove();
    // The browser has taken the bytes once the click's task ran; the URL can go.
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  #close(focus: boolean): void {
    if (!this.opened) return;
    URL.revokeObjectURL(this.opened.url);
    if (focus) this.#focus.request(`[data-file="${this.opened.file.id}"] .open`);
    this.opened = undefined;
  }

  #reset(): void {
    this.#queue.clear();
    this.#steps.clear();
    this.#resumed.clear();
    this.#close(false);
    this.announcement = '';
    this.fileError = undefined;
    this.dragging = false;
  }
}
