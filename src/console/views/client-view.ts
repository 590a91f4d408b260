import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { toPortalApiError } from '../../core/api/errors.js';
import { formatBytes } from '../../core/i18n/format.js';
import { displayAnswer } from '../../elements/document-signer/form-view.js';
import { label } from '../../elements/document-signer/labels.js';
import { ConsoleView, saveBlob } from '../console-view.js';
import { formatDateTime } from '../format.js';
import type {
  AdminAppointment,
  CardOnFile,
  ClientDetail,
  OfficeFile,
  OfficeFormAnswers,
  OfficeFormItem,
  SignatureRecord,
} from '../office-types.js';
import './request-card.js';

interface ClientData {
  detail: ClientDetail;
  files: OfficeFile[];
  forms: OfficeFormItem[];
  signatures: SignatureRecord[];
  card: CardOnFile | null;
  requests: AdminAppointment[];
}

const DOWNLOADABLE = new Set(['clean', 'unscanned']);

/** One client: their pending requests, files (download), forms (answers), signed documents (evidence, PDF) and card on file. */
@customElement('office-client')
export class OfficeClientPage extends ConsoleView {
  @property({ type: Number, attribute: 'profile-id' }) profileId = 0;

  @state() private data: ClientData | null = null;
  @state() private error = '';
  @state() private answers = new Map<string, OfficeFormAnswers | string>();
  @state() private downloadError = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    this.error = '';
    const id = this.profileId;
    try {
      const [detail, files, forms, signatures, card, pending] = await Promise.all([
        this.api.client(id),
        this.api.clientFiles(id),
        this.api.clientForms(id),
        this.api.clientSignatures(id),
        // No card on file is a 404: an empty state, not a failure.
        this.api.clientCard(id).catch((e: unknown) => {
          if (toPortalApiError(e).code === 'not_found') return null;
          throw e;
        }),
        this.api.pendingRequests(),
      ]);
      this.data = { detail, files, forms, signatures, card, requests: pending.requests.filter((r) => r.profile.id === id) };
    } catch (error) {
      this.error = this.describe(error);
    }
  }

  private async download(what: 'file' | 'pdf', itemId: number, fileName: string) {
    this.downloadError = '';
    try {
      const blob = what === 'file' ? await this.api.fileContent(this.profileId, itemId) : await this.api.signedPdf(this.profileId, itemId);
      saveBlob(blob, fileName);
      this.announce(msg(str`Downloaded ${fileName}.`, { id: 'console-client-downloaded' }));
    } catch (error) {
      this.downloadError = this.describe(error);
    }
  }

  private async toggleAnswers(form: OfficeFormItem) {
    const next = new Map(this.answers);
    if (next.has(form.documentId)) next.delete(form.documentId);
    else {
      try {
        next.set(form.documentId, await this.api.clientForm(this.profileId, form.documentId));
      } catch (error) {
        next.set(form.documentId, this.describe(error));
      }
    }
    this.answers = next;
  }

  override render(): TemplateResult {
    if (this.error)
      return html`<h1 tabindex="-1">${msg('Client', { id: 'console-client-title' })}</h1>
        <p class="error" role="alert">${this.error}</p>
        <button class="button" type="button" @click=${this.load}>${msg('Try again', { id: 'console-retry' })}</button>`;
    if (!this.data)
      return html`<h1 tabindex="-1">${msg('Client', { id: 'console-client-title' })}</h1>
        <p role="status">${msg('Loading…', { id: 'console-loading' })}</p>`;
    const { detail } = this.data;
    return html`
      <p><button class="link-button" type="button" @click=${() => this.navigate({ name: 'clients' })}>${msg('All clients', { id: 'console-client-back' })}</button></p>
      <h1 tabindex="-1">${detail.client.displayName}</h1>
      <dl>
        <dt>${msg('Email', { id: 'console-add-email' })}</dt>
        <dd>${detail.client.accounts.map((a) => a.email).join(', ') || '—'}</dd>
        <dt>${msg('Clinician', { id: 'console-add-clinician' })}</dt>
        <dd>${detail.clinician?.name ?? msg('Not assigned yet', { id: 'console-add-clinician-none' })}</dd>
        <dt>${msg('Language', { id: 'console-client-language' })}</dt>
        <dd>${detail.client.language === 'es' ? 'Español' : 'English'}</dd>
      </dl>
      ${this.downloadError ? html`<p class="error" role="alert">${this.downloadError}</p>` : nothing}
      ${this.renderRequests()} ${this.renderFiles()} ${this.renderForms()} ${this.renderSignatures()} ${this.renderCard()}
    `;
  }

  private renderRequests(): TemplateResult {
    const requests = this.data!.requests;
    return html`<section aria-labelledby="requests">
      <h2 id="requests">${msg('Requests waiting for an answer', { id: 'console-inbox-requests' })}</h2>
      ${requests.length
        ? html`<div class="list" @console-request-decided=${this.load}>
            ${requests.map((r) => html`<office-request .api=${this.api} .request=${r} time-zone=${this.timeZone}></office-request>`)}
          </div>`
        : html`<p>${msg('No requests are waiting.', { id: 'console-inbox-no-requests' })}</p>`}
    </section>`;
  }

  private renderFiles(): TemplateResult {
    const files = this.data!.files;
    return html`<section aria-labelledby="files">
      <h2 id="files">${msg('Files', { id: 'console-client-files' })}</h2>
      ${files.length
        ? html`<ul class="list">
            ${files.map(
              (f) => html`<li class="row">
                ${DOWNLOADABLE.has(f.status)
                  ? html`<button class="link-button" type="button" @click=${() => this.download('file', f.id, f.name)}
                      aria-label=${msg(str`Download ${f.name}`, { id: 'console-client-download-label' })}>${f.name}</button>`
                  : html`<span>${f.name}</span> <span class="muted">${msg('Not available yet (being checked)', { id: 'console-client-file-pending' })}</span>`}
                <span class="muted">${formatBytes(f.sizeBytes)} · ${formatDateTime(f.uploadedAt, this.timeZone)}</span>
              </li>`,
            )}
          </ul>`
        : html`<p>${msg('No files yet.', { id: 'console-client-no-files' })}</p>`}
    </section>`;
  }

  private formStatus(form: OfficeFormItem): string {
    if (form.status === 'submitted' && form.submittedAt) {
      const at = formatDateTime(form.submittedAt, this.timeZone);
      return msg(str`Submitted ${at}`, { id: 'console-client-form-submitted' });
    }
    return form.status === 'draft'
      ? msg('Started, not submitted', { id: 'console-client-form-draft' })
      : msg('Not started', { id: 'console-client-form-not-started' });
  }

  private renderForms(): TemplateResult {
    const forms = this.data!.forms;
    return html`<section aria-labelledby="forms">
      <h2 id="forms">${msg('Forms', { id: 'console-client-forms' })}</h2>
      ${forms.length
        ? html`<ul class="list">
            ${forms.map((f) => {
              const open = this.answers.get(f.documentId);
              return html`<li class="card">
                <h3>${label(f.titleId)}</h3>
                <p class="muted">${this.formStatus(f)}</p>
                ${f.status === 'submitted'
                  ? html`<button class="button" data-variant="secondary" type="button" aria-expanded=${open ? 'true' : 'false'} @click=${() => this.toggleAnswers(f)}>
                      ${open ? msg('Hide answers', { id: 'console-client-hide-answers' }) : msg('Show answers', { id: 'console-client-show-answers' })}
                    </button>`
                  : nothing}
                ${typeof open === 'string' ? html`<p class="error">${open}</p>` : open ? this.renderAnswers(open) : nothing}
              </li>`;
            })}
          </ul>`
        : html`<p>${msg('No forms assigned.', { id: 'console-client-no-forms' })}</p>`}
    </section>`;
  }

  private renderAnswers(answers: OfficeFormAnswers): TemplateResult {
    const name = this.data!.detail.client.displayName;
    return html`<dl>
      ${answers.definition.fields.map((field) => html`<dt>${label(field.labelId, name)}</dt><dd>${displayAnswer(field, answers.answers[field.id])}</dd>`)}
    </dl>`;
  }

  private renderSignatures(): TemplateResult {
    const signatures = this.data!.signatures;
    return html`<section aria-labelledby="signed">
      <h2 id="signed">${msg('Signed documents', { id: 'console-client-signed' })}</h2>
      ${signatures.length
        ? html`<ul class="list">
            ${signatures.map(
              (s) => html`<li class="card">
                <h3>${s.title}</h3>
                <dl>
                  <dt>${msg('Signed by', { id: 'console-client-signed-by' })}</dt>
                  <dd>${s.signerName}</dd>
                  <dt>${msg('Signed at', { id: 'console-client-signed-at' })}</dt>
                  <dd>${formatDateTime(s.signedAt, this.timeZone)}</dd>
                  <dt>${msg('Version', { id: 'console-client-version' })}</dt>
                  <dd>${s.version} (${s.language})</dd>
                  <dt>${msg('IP address', { id: 'console-client-ip' })}</dt>
                  <dd>${s.ip}</dd>
                  <dt>${msg('Browser', { id: 'console-client-user-agent' })}</dt>
                  <dd>${s.userAgent}</dd>
                  <dt>${msg('Text fingerprint (SHA-256)', { id: 'console-client-sha' })}</dt>
                  <dd class="secret">${s.textSha256}</dd>
                </dl>
                <button class="button" data-variant="secondary" type="button"
                  @click=${() => this.download('pdf', s.id, `${s.title}.pdf`)}
                  aria-label=${msg(str`Download PDF of ${s.title} (signed)`, { id: 'console-client-pdf-label' })}>
                  ${msg('Download PDF', { id: 'console-client-pdf' })}
                </button>
              </li>`,
            )}
          </ul>`
        : html`<p>${msg('Nothing signed yet.', { id: 'console-client-no-signed' })}</p>`}
    </section>`;
  }

  private renderCard(): TemplateResult {
    const card = this.data!.card;
    const brand = card ? card.brand.charAt(0).toUpperCase() + card.brand.slice(1) : '';
    const last4 = card?.last4 ?? '';
    const expiry = card ? `${String(card.expMonth).padStart(2, '0')}/${card.expYear}` : '';
    return html`<section aria-labelledby="card">
      <h2 id="card">${msg('Card on file', { id: 'console-client-card' })}</h2>
      ${card
        ? html`<p>${msg(str`${brand} ending in ${last4}, expires ${expiry}`, { id: 'console-client-card-text' })}</p>`
        : html`<p>${msg('No card on file.', { id: 'console-client-no-card' })}</p>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-client': OfficeClientPage;
  }
}
