// The parts of choosing and uploading files that every uploading widget shows the same way
// (the file uploader; an insurance-card photo in the document signer): the drop zone with its
// button and rules, and one row per chosen file. Styled by uploadStyles beside it.
import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { UploadEntry } from './upload-queue.js';
import { acceptList, type UploadRules } from './upload-rules.js';
import { formatBytes, formatPercent, rulesText } from '../i18n/format.js';
import { retryable, statusText } from '../i18n/upload-messages.js';

/** What the drop zone and the rows show: the rules, the chosen files, and a drag in progress. */
export interface UploadModel {
  readonly rules: UploadRules;
  readonly entries: readonly UploadEntry[];
  readonly dragging: boolean;
}

export interface UploadActions {
  chosen(files: ArrayLike<File>): void;
  drag(active: boolean): void;
  cancel(id: number): void;
  retry(id: number): void;
  dismiss(id: number): void;
}

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * The drop zone, with the rules stated before choosing and a real button (the drop zone is
 * never the only way in: keyboard and screen-reader users, and phones, use the button).
 */
export function dropZone(m: UploadModel, a: UploadActions): TemplateResult {
  const over = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    a.drag(true);
  };
  return html`<div
    class="drop-zone"
    part="drop-zone"
    ?data-active=${m.dragging}
    @dragenter=${over}
    @dragover=${over}
    @dragleave=${() => a.drag(false)}
    @drop=${(event: DragEvent) => {
      event.preventDefault();
      a.drag(false);
      if (event.dataTransfer?.files.length) a.chosen(event.dataTransfer.files);
    }}
  >
    <p id="rules" part="rules">${rulesText(m.rules)}</p>
    ${m.rules.roomBytes < Math.max(...m.rules.types.map((t) => t.maxBytes))
      ? html`<p class="hint">${msg('Space left:', { id: 'uploader.room' })} ${formatBytes(m.rules.roomBytes)}</p>`
      : nothing}
    <p class="hint drag" aria-hidden="true">${msg('Drag files here, or', { id: 'uploader.drop' })}</p>
    <button class="button" part="choose-button" type="button" aria-describedby="rules"
      @click=${(event: Event) => ((event.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement).click()}>
      ${msg('Choose files', { id: 'uploader.choose' })}
    </button>
    <input type="file" multiple hidden tabindex="-1" accept=${acceptList(m.rules)}
      @change=${(event: Event) => {
        const input = event.target as HTMLInputElement;
        if (input.files?.length) a.chosen(input.files);
        // Choosing the same file again (after a cancel, say) must fire change again.
        input.value = '';
      }} />
  </div>`;
}

function rowActions(entry: UploadEntry, a: UploadActions): TemplateResult {
  const button = (label: string, action: (id: number) => void, kind = 'secondary') =>
    html`<button class="button" data-variant=${kind} part="row-button" type="button" aria-describedby="name-${entry.id}"
      @click=${() => action(entry.id)}>${label}</button>`;
  if (entry.status === 'uploading') return button(msg('Cancel', { id: 'uploader.cancel' }), a.cancel);
  return html`${(entry.status === 'failed' && retryable(entry.error)) || entry.status === 'cancelled'
      ? button(msg('Retry', { id: 'uploader.retry' }), a.retry, 'primary')
      : nothing}
    ${button(msg('Dismiss', { id: 'uploader.dismiss' }), a.dismiss)}`;
}

/** One row per chosen file: name, size, progress bar and percentage, status, and its actions. */
export function queueRows(m: UploadModel, a: UploadActions): TemplateResult | typeof nothing {
  const { entries } = m;
  if (!entries.length) return nothing;
  return html`<ul class="rows" part="queue" aria-label=${msg('Uploads', { id: 'uploader.queue' })}>
    ${entries.map(
      (entry) => html`<li class="row" part="file-row" data-id=${entry.id} data-status=${entry.status}>
        <span class="name" id="name-${entry.id}">${entry.name}</span>
        <span class="meta">${formatBytes(entry.size)}</span>
        ${entry.status === 'uploading'
          ? html`<progress part="progress" max="100" .value=${entry.percent} aria-labelledby="name-${entry.id}"
              aria-valuetext=${formatPercent(entry.percent)}></progress>`
          : nothing}
        <span class="status" part="row-status">${statusText(entry, m.rules)}</span>
        <span class="actions">${rowActions(entry, a)}</span>
      </li>`,
    )}
  </ul>`;
}
