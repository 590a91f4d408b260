import { html, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { ConsoleView } from '../console-view.js';
import { formatDateTime } from '../format.js';
import type { AdminAppointment, InboxItem, InboxKind } from '../office-types.js';
import './request-card.js';

const KIND_TEXT: Record<InboxKind, () => string> = {
  appointment_requested: () => msg('Requested an appointment', { id: 'console-inbox-kind-requested' }),
  appointment_cancelled: () => msg('Cancelled an appointment', { id: 'console-inbox-kind-cancelled' }),
  file_uploaded: () => msg('Uploaded a file', { id: 'console-inbox-kind-file' }),
  packet_completed: () => msg('Completed the intake packet', { id: 'console-inbox-kind-packet' }),
  form_submitted: () => msg('Submitted a form', { id: 'console-inbox-kind-form' }),
  document_signed: () => msg('Signed a document', { id: 'console-inbox-kind-signed' }),
};

/** What is new from clients: requests waiting for an answer first, then everything else, newest first. */
@customElement('office-inbox')
export class OfficeInbox extends ConsoleView {
  @state() private items: InboxItem[] | null = null;
  @state() private requests: AdminAppointment[] = [];
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    this.error = '';
    try {
      const [items, pending] = await Promise.all([this.api.inbox(), this.api.pendingRequests()]);
      this.items = items;
      this.requests = pending.requests;
    } catch (error) {
      this.error = this.describe(error);
    }
  }

  override render(): TemplateResult {
    return html`
      <h1 tabindex="-1">${msg('Inbox', { id: 'console-inbox-title' })}</h1>
      ${this.error
        ? html`<p class="error" role="alert">${this.error}</p>
            <button class="button" type="button" @click=${this.load}>${msg('Try again', { id: 'console-retry' })}</button>`
        : this.items === null
          ? html`<p role="status">${msg('Loading…', { id: 'console-loading' })}</p>`
          : this.renderLoaded(this.items)}
    `;
  }

  private renderLoaded(items: InboxItem[]): TemplateResult {
    return html`
      <section aria-labelledby="requests-title">
        <h2 id="requests-title">${msg('Requests waiting for an answer', { id: 'console-inbox-requests' })}</h2>
        ${this.requests.length
          ? html`<div class="list" @console-request-decided=${this.load}>
              ${this.requests.map(
                (r) => html`<office-request .api=${this.api} .request=${r} time-zone=${this.timeZone}></office-request>`,
              )}
            </div>`
          : html`<p>${msg('No requests are waiting.', { id: 'console-inbox-no-requests' })}</p>`}
      </section>
      <section aria-labelledby="new-title">
        <h2 id="new-title">${msg('What is new', { id: 'console-inbox-new' })}</h2>
        ${items.length
          ? html`<ul class="list">
              ${items.map((item) => this.renderItem(item))}
            </ul>`
          : html`<p>${msg('Nothing new in the last 30 days.', { id: 'console-inbox-empty' })}</p>`}
      </section>
    `;
  }

  private renderItem(item: InboxItem): TemplateResult {
    return html`<li class="card inbox-item" data-kind=${item.kind}>
      <div class="row">
        <button class="link-button" type="button" @click=${() => this.navigate({ name: 'client', profileId: item.profileId })}>
          ${item.profileName}
        </button>
        <span>${(KIND_TEXT[item.kind] ?? KIND_TEXT.file_uploaded)()}</span>
      </div>
      <p class="muted">${formatDateTime(item.at, this.timeZone)}</p>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-inbox': OfficeInbox;
  }
}
