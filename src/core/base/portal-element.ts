import { LitElement, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { updateWhenLocaleChanges } from '@lit/localize';
import { connect, type PortalConnection } from '../config.js';
import type { PortalClient } from '../api/client.js';
import type { PortalApiError } from '../api/errors.js';
import type { SessionStore, SessionChangeEvent } from '../session/session-store.js';
import type { SessionPersistence } from '../session/storage.js';
import { followDocumentLanguage, localeLoading } from '../i18n/localization.js';
import { reportError } from '../events.js';
import { sharedStyles } from '../styles/shared.styles.js';
import type { ActingProfileGate } from '../controllers/acting-profile-gate.js';
import { StoreController } from '../controllers/store-controller.js';
import { errorView, loadingView, notConfiguredView } from './state-views.js';
import { configurationWarning } from './warnings.js';

/**
 * The thin base every widget stands on: the `endpoint` and `session-persistence`
 * attributes, the shared client and session for that endpoint, shared styles, and the
 * renderers for the states every widget has (loading, error, signed out).
 *
 * @slot signed-out - Shown instead of the widget while nobody is signed in.
 * @csspart status - A loading or informational message.
 * @csspart error - An error message and its retry button.
 * @csspart retry-button - The "Try again" button of an error.
 */
export abstract class PortalElement extends LitElement {
  static override styles: CSSResultGroup = sharedStyles;

  /**
   * Registers the element as `tag` (each element names its own by default) unless that tag is
   * taken already: by this class, or by another version of the widgets on the same page.
   */
  static define(this: CustomElementConstructor & { readonly defaultTag: string }, tag = this.defaultTag, registry = customElements): void {
    if (!registry.get(tag)) registry.define(tag, this);
  }

  /** The portal endpoint URL naming one practice, e.g. `https://portal.example.com/p/lakeside`. */
  @property() endpoint = '';

  /**
   * Where the sign-in is kept: `tab` (sessionStorage; survives a reload, ends with the tab),
   * `memory` (a reload signs out) or `cookie` (an HttpOnly cookie of an endpoint on the page's
   * own site; nothing on the page). See the README, Embedding.
   */
  @property({ attribute: 'session-persistence' }) sessionPersistence: SessionPersistence = 'tab';

  #connection: PortalConnection | undefined;

  protected readonly sessionController = new StoreController<SessionStore, SessionChangeEvent>(this, (event) => this.sessionChanged(event));

  /** Widgets that act for a profile set this to a `new ActingProfileGate(this)`. */
  protected readonly profileGate: ActingProfileGate | undefined = undefined;

  constructor() {
    super();
    // Instead of the @localized() decorator: it works for every subclass, and cannot be
    // applied in the wrong order relative to the element's registration.
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    followDocumentLanguage();
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    // A page in Spanish waits for its messages before the first render, so a client never
    // sees English flash first; the wait is bounded, and a failed load shows English.
    const loading = this.hasUpdated ? undefined : localeLoading();
    return loading ? loading.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('endpoint') || changed.has('sessionPersistence') || !this.#connection) {
      this.#connection = this.endpoint ? connect(this.endpoint, this.sessionPersistence) : undefined;
      this.sessionController.observe(this.#connection?.session);
      configurationWarning(this.localName, this.endpoint);
    }
    this.profileGate?.observe(this.#connection);
  }

  /** The connection for this element's endpoint, or undefined when none is set. */
  protected get connection(): PortalConnection | undefined {
    return this.#connection;
  }

  /** The client for this element's endpoint. Elements reach the network only through it. */
  protected get client(): PortalClient | undefined {
    return this.#connection?.client;
  }

  protected get session(): SessionStore | undefined {
    return this.#connection?.session;
  }

  /** Called when the shared session changes; subclasses drop what they showed on sign-out. */
  protected sessionChanged(_event: SessionChangeEvent): void {}

  /** Tell the host page something failed: ids and codes only. */
  protected emitError(operation: string, error: unknown): PortalApiError {
    return reportError(this, operation, error);
  }

  protected renderLoading(text?: string): TemplateResult {
    return loadingView(text);
  }

  protected renderError(error: unknown, retry?: () => void): TemplateResult {
    return errorView(error, retry);
  }

  protected renderMissingEndpoint(): TemplateResult {
    return notConfiguredView();
  }
}
