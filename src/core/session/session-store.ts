import type { TokenStorage } from './storage.js';

export interface PortalSession {
  /** Opaque bearer token issued by the endpoint; absent in cookie mode (the browser holds an HttpOnly cookie). */
  readonly token?: string;
}

/** Fired when a request with the session succeeded: the server's idle timer restarted. */
export class SessionActivityEvent extends Event {
  static readonly type = 'activity';
  constructor() {
    super(SessionActivityEvent.type);
  }
}

export type SessionChangeReason = 'signed-in' | 'signed-out' | 'expired';

export class SessionChangeEvent extends Event {
  static readonly type = 'change';
  constructor(readonly reason: SessionChangeReason) {
    super(SessionChangeEvent.type);
  }
}

/**
 * The one session for one endpoint, shared by every widget on the page that names that
 * endpoint. Widgets listen for `change` and drop what they showed when it is cleared.
 */
export class SessionStore extends EventTarget {
  #current: PortalSession | null;

  constructor(private readonly storage: TokenStorage) {
    super();
    const token = storage.read();
    this.#current = token ? { token } : null;
  }

  get current(): PortalSession | null {
    return this.#current;
  }

  get token(): string | undefined {
    return this.#current?.token;
  }

  get signedIn(): boolean {
    return this.#current !== null;
  }

  set(session: PortalSession): void {
    this.#current = session;
    this.storage.write(session.token ?? null);
    this.dispatchEvent(new SessionChangeEvent('signed-in'));
  }

  /** Any widget's successful request counts as activity for the idle timeout. */
  touch(): void {
    if (this.#current) this.dispatchEvent(new SessionActivityEvent());
  }

  clear(reason: Exclude<SessionChangeReason, 'signed-in'> = 'signed-out'): void {
    if (!this.#current) return;
    this.#current = null;
    this.storage.write(null);
    this.dispatchEvent(new SessionChangeEvent(reason));
  }
}
