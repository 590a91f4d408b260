import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import type { FileItem } from '../../contract/index.js';
import { PortalElement } from '../../core/base/portal-element.js';
import { ProfileController } from '../../core/base/profile-controller.js';
import { PortalFileAcceptEvent, PortalFileUploadedEvent } from '../../core/events.js';
import { UploadChangeEvent, UploadQueue, type UploadEntry } from '../../core/files/upload-queue.js';
import { checkFile, uploadRules, type UploadRules } from '../../core/files/upload-rules.js';
import { parseCsv } from './csv.js';
import { CSV_ROWS, fileList, viewer, type FileActions, type OpenedFile } from './file-views.js';
import { formatPercent } from '../../core/i18n/format.js';
import { statusText } from '../../core/i18n/upload-messages.js';
import { dropZone, queueRows, type UploadActions } from '../../core/files/upload-views.js';
import { uploadStyles } from '../../core/files/upload.styles.js';
import { styles } from './file-uploader.styles.js';

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

  /** Narrows the endpoint's allowed types, like an `<input type=file>` accept (`.pdf,.jpg`, `image/*`); never widens them. */
  @property() accept = '';

  /** Largest file in bytes, below the endpoint's own per-type limits (0: the endpoint's limits only). */
  @property({ attribute: 'max-size', type: Number }) maxSize = 0;

  /** The level of the headings, to fit the host page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  protected override readonly profileController = new ProfileController(this);

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
  #focusAfterUpdate: string | undefined;

  readonly #files = new Task(this, {
    task: async ([client, profileId, canView], { signal }) =>
      client && profileId && canView ? { profileId, ...(await client.listFiles(profileId, { signal })) } : undefined,
    args: () => [this.client, this.#profileId, this.#acting?.permissions.view, this.reload] as const,
    onError: (error) => this.emitError('listFiles', error),
  });

  constructor() {
    super();
    this.#queue.addEventListener(UploadChangeEvent.type, (event) => this.#queueChanged((event as UploadChangeEvent).entry));
  }

  get #acting() {
    return this.profileController.store?.acting ?? null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#close(false);
  }

  protected override sessionChanged(): void {
    this.#reset();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const id = this.#acting?.id;
    if (id !== this.#profileId) {
      // Another profile: nothing of the previous one's uploads or files stays on screen.
      if (this.#profileId !== undefined) this.#reset();
      this.#profileId = id;
    }
  }

  protected override updated(): void {
    if (this.#focusAfterUpdate) this.renderRoot.querySelector<HTMLElement>(this.#focusAfterUpdate)?.focus();
    this.#focusAfterUpdate = undefined;
  }

  protected override render(): TemplateResult {
    if (!this.endpoint) return this.renderMissingEndpoint();
    if (!this.session?.signedIn) {
      return this.renderSignedOut(msg('Sign in to share files with your clinician.', { id: 'uploader.signed-out' }));
    }
    const store = this.profileController.store!;
    if (store.status === 'error') return this.renderError(store.error, () => void store.load(true));
    if (store.status !== 'ready') return this.renderLoading();
    const acting = this.#acting;
    if (!acting) {
      return html`<p class="state" part="status">${msg('Choose whose portal you are using to see their files.', { id: 'uploader.no-profile' })}</p>`;
    }
    if (!acting.permissions.view) {
      return html`<p class="state" part="status">${msg("Files aren't available for this profile with your sign-in.", { id: 'uploader.no-view' })}</p>`;
    }
    // While the list reloads after an upload, the last one stays: the rows and focus stay put.
    const list = this.#files.value?.profileId === acting.id ? this.#files.value : undefined;
    return html`${this.#files.status === TaskStatus.ERROR
        ? this.renderError(this.#files.error, () => this.reload++)
        : list
          ? this.#main(list.files, this.#rules()!, acting.permissions.upload)
          : this.renderLoading(msg('Loading files…', { id: 'uploader.loading' }))}
      <p class="visually-hidden" role="status">${this.announcement}</p>`;
  }

  #rules(): UploadRules | undefined {
    const policy = this.#files.value?.policy;
    return policy && uploadRules(policy, this.accept, this.maxSize);
  }

  #heading(text: string, level = this.headingLevel): TemplateResult {
    return html`<div class="heading" part="heading" role="heading" aria-level=${level}>${text}</div>`;
  }

  #main(files: readonly FileItem[], rules: UploadRules, canUpload: boolean): TemplateResult {
    const actions: UploadActions & FileActions = {
      rules,
      dragging: this.dragging,
      chosen: (chosen) => this.#chosen(chosen, rules),
      drag: (active) => (this.dragging = active),
      cancel: (id) => {
        this.#focusAfterUpdate = `[data-id="${id}"] button`;
        void this.#queue.cancel(id);
      },
      retry: (id) => {
        this.#focusAfterUpdate = `[data-id="${id}"] button`;
        this.#queue.retry(id);
      },
      dismiss: (id) => {
        this.#focusAfterUpdate = '[part~="choose-button"]';
        this.#queue.dismiss(id);
      },
      open: (file) => void this.#open(file),
      download: (file) => void this.#download(file),
      close: () => this.#close(true),
    };
    return html`${canUpload
        ? html`${this.#heading(msg('Share files with your clinician', { id: 'uploader.heading' }))}
          ${rules.types.length
            ? dropZone(actions)
            : html`<p class="state">${msg('No kinds of file can be shared here.', { id: 'uploader.no-types' })}</p>`}
          ${queueRows(this.#queue.entries, actions)}`
        : html`<p class="state">${msg("Files can't be uploaded for this profile with your sign-in.", { id: 'uploader.no-upload' })}</p>`}
      ${this.#heading(msg('Your files', { id: 'uploader.files' }))}
      ${files.length
        ? fileList(files, this.busyId, actions)
        : html`<p class="state" part="status">${msg('No files shared yet.', { id: 'uploader.empty-list' })}</p>`}
      ${this.fileError ? this.renderError(this.fileError) : nothing}
      ${this.opened ? viewer(this.opened, actions, this.headingLevel + 1) : nothing}`;
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
    if (this.shadowRoot?.activeElement?.closest(`[data-id="${entry.id}"]`)) this.#focusAfterUpdate = `[data-id="${entry.id}"] button`;
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
    this.opened = { file, rows, url: URL.createObjectURL(blob) };
    this.#focusAfterUpdate = '#viewer-title';
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
    if (focus) this.#focusAfterUpdate = `[data-file="${this.opened.file.id}"] .open`;
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
