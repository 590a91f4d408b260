import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { errorView, statusView } from '../../core/base/state-views.js';
import { dropZone, queueRows } from '../../core/files/upload-views.js';
import { fileList, viewer } from './file-views.js';
import type { UploaderActions, UploaderModel } from './view-model.js';

function heading(text: string, level: number): TemplateResult {
  return html`<div class="heading" part="heading" role="heading" aria-level=${level}>${text}</div>`;
}

/** Sharing (drop zone, chosen files) when this sign-in may upload, then the stored files. */
export function uploaderView(m: UploaderModel, a: UploaderActions): TemplateResult {
  return html`${m.canUpload
      ? html`${heading(msg('Share files with your clinician', { id: 'uploader.heading' }), m.headingLevel)}
          ${m.rules.types.length
            ? dropZone(m, a)
            : html`<p class="state">${msg('No kinds of file can be shared here.', { id: 'uploader.no-types' })}</p>`}
          ${queueRows(m, a)}`
      : html`<p class="state">${msg("Files can't be uploaded for this profile with your sign-in.", { id: 'uploader.no-upload' })}</p>`}
    ${heading(msg('Your files', { id: 'uploader.files' }), m.headingLevel)}
    ${m.files.length ? fileList(m.files, m.busyId, a) : statusView(msg('No files shared yet.', { id: 'uploader.empty-list' }))}
    ${m.fileError ? errorView(m.fileError) : nothing}
    ${m.opened ? viewer(m.opened, a, m.headingLevel + 1) : nothing}`;
}
