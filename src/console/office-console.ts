import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { PortalApiError } from '../core/api/errors.js';
import type { Transport } from '../core/api/transport.js';
import { followDocumentLanguage, getLocale } from '../core/i18n/localization.js';
import { tabStorage, type TokenStorage } from '../core/session/storage.js';
import { consoleStyles } from './console.styles.js';
import type { ConsoleNavigateEvent, ConsoleRoute, ConsoleStatusEvent, ConsoleView } from './console-view.js';
import { OfficeApi } from './office-api.js';
import type { PracticeInfo, StaffSelf } from './office-types.js';
import type { ConsoleSignedInEvent } from './views/sign-in-view.js';
import './views/sign-in-view.js';
import './views/inbox-view.js';
import './views/clients-view.js';
import './views/client-view.js';
import './views/hours-view.js';
import './views/staff-view.js';
import './views/api-keys-view.js';
import './views/webhooks-view.js';

const LINK_FRAGMENT = /^#staff-token=([^&]+)/;
const LANGUAGE_KEY = 'office-console-language';

type Phase = 'starting' | 'signed-out' | 'signed-in';

/**
 * The practice's office console: staff sign-in by emailed link, then the inbox, clients, a
 * client's page, hours, and for owners staff, API keys and webhooks. Only the session token is
 * kept (sessionStorage, this tab); everything else is asked of the endpoint.
 */
@customElement('office-console')
export class OfficeConsole extends LitElement {
  static override styles = [
    ...consoleStyles,
    css`
      :host {
        max-inline-size: 60rem;
        margin-inline: auto;
        padding: var(--_space);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        justify-content: space-between;
        border-block-end: 1px solid var(--_border);
        padding-block-end: 0.5rem;
        margin-block-end: var(--_space);
      }
      .brand {
        font-weight: 700;
      }
      nav ul {
        list-style: none;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        margin: 0 0 var(--_space);
        padding: 0;
      }
      nav button[aria-current='page'] {
        background: var(--_primary);
        color: var(--_on-primary);
      }
      .lang button[aria-pressed='true'] {
        background: var(--_primary);
        color: var(--_on-primary);
      }
      .button.small {
        min-block-size: 2.75rem;
        padding-inline: 0.6rem;
      }
    `,
  ];

  /** The practice's endpoint URL, e.g. https://portal.example.com/p/lakeside. */
  @property() endpoint = '';
  /** Tests and stories: a fake transport instead of fetch (set before the element connects). */
  @property({ attribute: false }) transport?: Transport;

  @state() private phase: Phase = 'starting';
  @state() private staff: StaffSelf | null = null;
  @state() private route: ConsoleRoute = { name: 'inbox' };
  @state() private info: PracticeInfo | null = null;
  @state() private status = '';
  @state() private notice = '';
  @state() private linkToken: string | null = null;

  @query('#view') private view?: ConsoleView;

  private storage: TokenStorage | null = null;
  private api!: OfficeApi;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const saved = safeLocalStorage()?.getItem(LANGUAGE_KEY);
    if (saved) document.documentElement.lang = saved;
    followDocumentLanguage();
    this.storage = tabStorage(`office-session:${this.endpoint}`);
    this.api = new OfficeApi({
      endpoint: this.endpoint,
      getToken: () => this.storage?.read() ?? undefined,
      getLocale,
      onUnauthorized: (error) => this.sessionEnded(error),
      transport: this.transport,
    });
    this.api.info().then(
      (info) => (this.info = info),
      () => undefined, // times fall back to the browser's zone until the endpoint answers
    );
    window.addEventListener('hashchange', this.onHashChange);
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
  }

  private readonly onHashChange = () => {
    this.takeLinkToken();
  };

  /**
   * The sign-in link's token travels in the fragment: take it and remove it from the address
   * bar (and history) at once; only the member's click redeems it (R7).
   */
  private takeLinkToken(): boolean {
    const match = LINK_FRAGMENT.exec(location.hash);
    if (!match) return false;
    history.replaceState(history.state, '', location.pathname + location.search);
    this.linkToken = decodeURIComponent(match[1]);
    this.staff = null;
    this.phase = 'signed-out';
    return true;
  }

  private async start() {
    if (this.takeLinkToken()) return;
    if (!this.storage?.read()) {
      this.phase = 'signed-out';
      return;
    }
    try {
      const me = await this.api.me();
      if (!me.staff) throw new Error('not a staff session');
      this.signedIn(me.staff);
    } catch {
      this.storage?.write(null);
      if (this.phase === 'starting') this.phase = 'signed-out';
    }
  }

  private signedIn(staff: StaffSelf) {
    this.staff = staff;
    this.phase = 'signed-in';
    this.linkToken = null;
    this.notice = '';
    void this.open({ name: 'inbox' });
  }

  private onSignedIn(event: ConsoleSignedInEvent) {
    this.storage?.write(event.session.token);
    this.signedIn(event.session.staff);
    this.say(msg('Signed in.', { id: 'console-signed-in' }));
  }

  private sessionEnded(error: PortalApiError) {
    if (this.phase !== 'signed-in') return;
    this.storage?.write(null);
    this.staff = null;
    this.phase = 'signed-out';
    this.notice =
      error.code === 'session_expired'
        ? msg('You were signed out after a period of inactivity. Sign in again to continue.', { id: 'console-session-expired' })
        : msg('Your session has ended. Sign in again to continue.', { id: 'console-session-ended' });
    void this.focusView();
  }

  private async signOut() {
    try {
      await this.api.signOut();
    } catch {
      // Signed out here either way: the token is forgotten below.
    }
    this.storage?.write(null);
    this.staff = null;
    this.phase = 'signed-out';
    this.notice = msg('You are signed out.', { id: 'console-signed-out' });
    void this.focusView();
  }

  private async open(route: ConsoleRoute) {
    this.route = route;
    this.status = '';
    await this.focusView();
  }

  private async focusView() {
    await this.updateComplete;
    await this.view?.updateComplete;
    await this.view?.focusHeading();
  }

  private say(message: string) {
    // Cleared first, so the same words said twice are announced twice.
    this.status = '';
    requestAnimationFrame(() => (this.status = message));
  }

  private setLanguage(lang: 'en' | 'es') {
    document.documentElement.lang = lang;
    safeLocalStorage()?.setItem(LANGUAGE_KEY, lang);
  }

  override render(): TemplateResult {
    const lang = getLocale();
    return html`
      <header>
        <span class="brand">${this.info?.name ?? ''} · ${msg('Office console', { id: 'console-brand' })}</span>
        <div class="row">
          <div class="row lang" role="group" aria-label=${msg('Language', { id: 'console-client-language' })}>
            <button class="button small" data-variant="secondary" type="button" lang="en" aria-pressed=${lang === 'en' ? 'true' : 'false'} @click=${() => this.setLanguage('en')}>English</button>
            <button class="button small" data-variant="secondary" type="button" lang="es" aria-pressed=${lang === 'es' ? 'true' : 'false'} @click=${() => this.setLanguage('es')}>Español</button>
          </div>
          ${this.staff
            ? html`<span class="muted">${this.staff.name}</span>
                <button class="button small" data-variant="secondary" type="button" @click=${this.signOut}>${msg('Sign out', { id: 'console-sign-out' })}</button>`
            : nothing}
        </div>
      </header>
      ${this.phase === 'signed-in' ? this.renderNav() : nothing}
      <main @console-status=${(e: ConsoleStatusEvent) => this.say(e.message)} @console-navigate=${(e: ConsoleNavigateEvent) => this.open(e.view)}>
        ${this.renderView()}
      </main>
      <p class="visually-hidden" role="status" aria-live="polite">${this.status}</p>
    `;
  }

  private renderNav(): TemplateResult {
    const items: Array<[ConsoleRoute['name'], string]> = [
      ['inbox', msg('Inbox', { id: 'console-inbox-title' })],
      ['clients', msg('Clients', { id: 'console-clients-title' })],
      ['hours', msg('Hours and time off', { id: 'console-hours-title' })],
    ];
    if (this.staff?.role === 'owner')
      items.push(
        ['staff', msg('Staff', { id: 'console-staff-title' })],
        ['api-keys', msg('API keys', { id: 'console-keys-title' })],
        ['webhooks', msg('Webhooks', { id: 'console-webhooks-title' })],
      );
    const current = this.route.name === 'client' ? 'clients' : this.route.name;
    return html`<nav aria-label=${msg('Console', { id: 'console-nav' })}>
      <ul>
        ${items.map(
          ([name, text]) => html`<li>
            <button class="button small" data-variant="secondary" type="button" aria-current=${current === name ? 'page' : 'false'}
              @click=${() => this.open({ name } as ConsoleRoute)}>${text}</button>
          </li>`,
        )}
      </ul>
    </nav>`;
  }

  private renderView(): unknown {
    if (this.phase === 'starting') return html`<p role="status">${msg('Loading…', { id: 'console-loading' })}</p>`;
    if (this.phase === 'signed-out')
      return html`<office-sign-in id="view" .api=${this.api} .linkToken=${this.linkToken} notice=${this.notice}
        @console-signed-in=${this.onSignedIn}></office-sign-in>`;
    const zone = this.info?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    // One element per route: a different client is a fresh page that loads its own data.
    return keyed(JSON.stringify(this.route), this.renderRoute(this.route, zone));
  }

  private renderRoute(r: ConsoleRoute, zone: string): TemplateResult {
    switch (r.name) {
      case 'inbox':
        return html`<office-inbox id="view" .api=${this.api} .staff=${this.staff} time-zone=${zone}></office-inbox>`;
      case 'clients':
        return html`<office-clients id="view" .api=${this.api} .staff=${this.staff} time-zone=${zone}></office-clients>`;
      case 'client':
        return html`<office-client id="view" .api=${this.api} .staff=${this.staff} time-zone=${zone} profile-id=${r.profileId}></office-client>`;
      case 'hours':
        return html`<office-hours id="view" .api=${this.api} .staff=${this.staff} time-zone=${zone}></office-hours>`;
      case 'staff':
        return html`<office-staff id="view" .api=${this.api} .staff=${this.staff} time-zone=${zone}></office-staff>`;
      case 'api-keys':
        return html`<office-api-keys id="view" .api=${this.api} .staff=${this.staff} time-zone=${zone}></office-api-keys>`;
      case 'webhooks':
        return html`<office-webhooks id="view" .api=${this.api} .staff=${this.staff} time-zone=${zone}></office-webhooks>`;
    }
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-console': OfficeConsole;
  }
}
