import { html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { ConsoleView, formText } from '../console-view.js';
import { formatDateTime } from '../format.js';
import type { WebhookDelivery, WebhookEndpoint } from '../office-types.js';

const statusName = (status: WebhookDelivery['status']): string =>
  status === 'delivered'
    ? msg('Delivered', { id: 'console-webhooks-delivered' })
    : status === 'failed'
      ? msg('Failed', { id: 'console-webhooks-failed' })
      : msg('Waiting', { id: 'console-webhooks-waiting' });

/** Owners: webhook endpoints (the signing secret shown once), pause or remove, the delivery log and redelivery. */
@customElement('office-webhooks')
export class OfficeWebhooks extends ConsoleView {
  @state() private endpoints: WebhookEndpoint[] | null = null;
  @state() private deliveries = new Map<number, WebhookDelivery[]>();
  @state() private secret = '';
  @state() private error = '';
  @state() private formError = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.endpoints = await this.api.webhooks();
    } catch (error) {
      this.error = this.describe(error);
    }
  }

  private async add(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const url = formText(data, 'url');
    this.formError = '';
    if (!/^https?:\/\/\S+$/.test(url)) {
      this.formError = msg('Enter the receiving address, starting with https://', { id: 'console-webhooks-url-invalid' });
      return;
    }
    try {
      this.secret = (await this.api.addWebhook(url, formText(data, 'description'))).secret;
      form.reset();
      await this.load();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#secret-title')?.focus();
    } catch (error) {
      this.formError = this.describe(error);
    }
  }

  private async act(action: () => Promise<unknown>, done: string) {
    this.error = '';
    try {
      await action();
      this.announce(done);
      await this.load();
    } catch (error) {
      this.error = this.describe(error);
    }
  }

  private async showLog(endpoint: WebhookEndpoint) {
    const next = new Map(this.deliveries);
    if (next.has(endpoint.id)) next.delete(endpoint.id);
    else {
      try {
        next.set(endpoint.id, await this.api.deliveries(endpoint.id));
      } catch (error) {
        this.error = this.describe(error);
      }
    }
    this.deliveries = next;
  }

  private async redeliver(endpoint: WebhookEndpoint, delivery: WebhookDelivery) {
    await this.act(() => this.api.redeliver(delivery.id), msg('Sent again.', { id: 'console-webhooks-redelivered' }));
    this.deliveries = new Map(this.deliveries).set(endpoint.id, await this.api.deliveries(endpoint.id).catch(() => []));
  }

  private dismissSecret() {
    this.secret = '';
  }

  override render(): TemplateResult {
    return html`
      <h1 tabindex="-1">${msg('Webhooks', { id: 'console-webhooks-title' })}</h1>
      <p>${msg("Signed notifications to the practice's other systems when clients act (ids only).", { id: 'console-webhooks-intro' })}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.secret
        ? html`<section class="card" aria-labelledby="secret-title">
            <h2 id="secret-title" tabindex="-1">${msg('Copy the signing secret now', { id: 'console-webhooks-secret-title' })}</h2>
            <p>${msg('It is shown this once. The receiving system checks every delivery with it.', { id: 'console-webhooks-secret-once' })}</p>
            <p class="secret">${this.secret}</p>
            <button class="button" data-variant="secondary" type="button" @click=${this.dismissSecret}>${msg('Done', { id: 'console-done' })}</button>
          </section>`
        : nothing}
      ${this.endpoints
        ? this.endpoints.length
          ? html`<ul class="list">${this.endpoints.map((e) => this.renderEndpoint(e))}</ul>`
          : html`<p>${msg('No webhooks yet.', { id: 'console-webhooks-none' })}</p>`
        : nothing}
      <section class="card" aria-labelledby="new-hook">
        <h2 id="new-hook">${msg('Add a webhook', { id: 'console-webhooks-new' })}</h2>
        ${this.formError ? html`<p id="hook-error" class="form-error" role="alert">${this.formError}</p>` : nothing}
        <form novalidate @submit=${this.add}>
          <div class="field">
            <label for="hook-url">${msg('Receiving address (URL)', { id: 'console-webhooks-url' })}</label>
            <input id="hook-url" name="url" type="url" required aria-describedby=${this.formError ? 'hook-error' : nothing} />
          </div>
          <div class="field">
            <label for="hook-description">${msg('Description (optional)', { id: 'console-webhooks-description' })}</label>
            <input id="hook-description" name="description" maxlength="200" />
          </div>
          <div><button class="button" type="submit">${msg('Add webhook', { id: 'console-webhooks-add' })}</button></div>
        </form>
      </section>
    `;
  }

  private renderEndpoint(e: WebhookEndpoint): TemplateResult {
    const log = this.deliveries.get(e.id);
    const url = e.url;
    return html`<li class="card">
      <strong class="secret">${e.url}</strong>
      <p class="muted">${e.description} ${e.active ? '' : `· ${msg('Paused', { id: 'console-webhooks-paused' })}`}</p>
      <div class="row">
        <button class="button" data-variant="secondary" type="button" aria-expanded=${log ? 'true' : 'false'} @click=${() => this.showLog(e)}>
          ${msg('Delivery log', { id: 'console-webhooks-log' })}
        </button>
        <button class="button" data-variant="secondary" type="button"
          @click=${() => this.act(() => this.api.setWebhookActive(e.id, !e.active), e.active ? msg('Paused.', { id: 'console-webhooks-paused-done' }) : msg('Resumed.', { id: 'console-webhooks-resumed' }))}>
          ${e.active ? msg('Pause', { id: 'console-webhooks-pause' }) : msg('Resume', { id: 'console-webhooks-resume' })}
        </button>
        <button class="button" data-variant="secondary" type="button" aria-label=${msg(str`Remove the webhook to ${url}`, { id: 'console-webhooks-remove-label' })}
          @click=${() => this.act(() => this.api.removeWebhook(e.id), msg('Webhook removed.', { id: 'console-webhooks-removed' }))}>
          ${msg('Remove', { id: 'console-hours-remove' })}
        </button>
      </div>
      ${log
        ? log.length
          ? html`<div class="table-wrap"><table>
              <thead><tr>
                <th scope="col">${msg('Event', { id: 'console-webhooks-event' })}</th>
                <th scope="col">${msg('Status', { id: 'console-webhooks-status' })}</th>
                <th scope="col">${msg('When', { id: 'console-webhooks-when' })}</th>
                <th scope="col"><span class="visually-hidden">${msg('Actions', { id: 'console-webhooks-actions' })}</span></th>
              </tr></thead>
              <tbody>${log.map(
                (d) => html`<tr>
                  <td>${d.type}</td>
                  <td>${statusName(d.status)}${d.lastStatusCode ? ` (${d.lastStatusCode})` : ''}</td>
                  <td>${formatDateTime(d.createdAt, this.timeZone)}</td>
                  <td>${d.status === 'failed' || d.status === 'delivered'
                    ? html`<button class="link-button" type="button" @click=${() => this.redeliver(e, d)}>${msg('Send again', { id: 'console-webhooks-redeliver' })}</button>`
                    : nothing}</td>
                </tr>`,
              )}</tbody>
            </table></div>`
          : html`<p>${msg('Nothing sent yet.', { id: 'console-webhooks-no-deliveries' })}</p>`
        : nothing}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-webhooks': OfficeWebhooks;
  }
}
