import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { FileItem } from '../../contract/index.js';
import { formatBytes, formatDate, typeLabel } from '../../core/i18n/format.js';

/** A stored file opened in the page: its bytes as an object URL, or a CSV's first rows. */
export interface OpenedFile {
  readonly file: FileItem;
  readonly url: string;
  readonly rows?: string[][];
}

export interface FileActions {
  open(file: FileItem): void;
  download(file: FileItem): void;
  close(): void;
}

export const CSV_ROWS = 200;

/**
 * What a file's row offers instead of Open / Download while the malware scan (R52) has not
 * released it: "Checking…" while it waits for the scanner, a calm refusal once it flagged it.
 */
function scanState(file: FileItem): TemplateResult | undefined {
  if (file.status === 'pending_scan') {
    return html`<span class="scan" part="file-status" data-status="pending_scan">${msg('Checking…', { id: 'uploader.checking' })}</span>`;
  }
  if (file.status === 'infected') {
    return html`<span class="scan" part="file-status" data-status="infected"
      >${msg("Not accepted: our safety check flagged this file, so it can't be opened. Please contact your practice if you need to share it.", {
        id: 'uploader.refused-by-scan',
      })}</span
    >`;
  }
  return undefined;
}

/** The profile's stored files: name, type, size, date, and Open / Download (with the session), or the scan's state. */
export function fileList(files: readonly FileItem[], busyId: number | undefined, a: FileActions): TemplateResult {
  return html`<ul class="rows" part="file-list">
    ${files.map(
      (file) => html`<li class="row" part="file" data-file=${file.id}>
        <span class="name" id="file-${file.id}">${file.name}</span>
        <span class="meta">${typeLabel(file.type)} · ${formatBytes(file.sizeBytes)} · ${formatDate(file.uploadedAt)}</span>
        ${scanState(file) ??
        html`<span class="actions">
          <button class="button open" data-variant="secondary" part="open-button" type="button" aria-describedby="file-${file.id}"
            ?disabled=${busyId === file.id} @click=${() => a.open(file)}>${msg('Open', { id: 'uploader.open' })}</button>
          <button class="button" data-variant="secondary" part="download-button" type="button" aria-describedby="file-${file.id}"
            ?disabled=${busyId === file.id} @click=${() => a.download(file)}>${msg('Download', { id: 'uploader.download' })}</button>
        </span>`}
      </li>`,
    )}
  </ul>`;
}

function content({ file, url, rows }: OpenedFile): TemplateResult {
  const name = file.name;
  if (file.type === 'jpg' || file.type === 'png') return html`<img src=${url} alt=${name} />`;
  if (file.type === 'mp3' || file.type === 'm4a') return html`<audio controls src=${url} aria-label=${name}></audio>`;
  // No `sandbox`: Chromium shows an error page instead of its PDF viewer in a sandboxed frame
  // (any token list, checked in Chrome 156). The blob's type is forced to application/pdf
  // when it is opened (file-uploader.ts #open), so this frame only ever holds the PDF viewer.
  if (file.type === 'pdf') return html`<iframe src=${url} title=${name}></iframe>`;
  const [head = [], ...body] = rows ?? [];
  // Text bindings only: a cell is never markup or a formula here (R54, R67).
  return html`<p class="warning" part="warning">
      ${msg('Cells that start with =, +, - or @ are shown as plain text. They are not formulas.', { id: 'uploader.csv-warning' })}
    </p>
    <div class="table" role="region" tabindex="0" aria-labelledby="viewer-title">
      <table>
        <thead><tr>${head.map((cell) => html`<th scope="col">${cell}</th>`)}</tr></thead>
        <tbody>${body.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody>
      </table>
    </div>
    ${(rows?.length ?? 0) >= CSV_ROWS
      ? html`<p class="hint">${msg(str`Showing the first ${CSV_ROWS} rows. Download the file to see all of it.`, { id: 'uploader.csv-more' })}</p>`
      : nothing}`;
}

/** The opened file, with a heading that takes focus and Close (Download is beside Open in the list). */
export function viewer(opened: OpenedFile, a: FileActions, level: number): TemplateResult {
  return html`<section class="viewer" part="viewer">
    <div class="actions">
      <div class="name" id="viewer-title" role="heading" aria-level=${level} tabindex="-1">${opened.file.name}</div>
      <button class="button" part="close-button" type="button" @click=${a.close}>${msg('Close', { id: 'uploader.close' })}</button>
    </div>
    ${content(opened)}
  </section>`;
}
