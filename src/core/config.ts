import { PortalClient } from './api/client.js';
import { createFetchTransport, type Transport } from './api/transport.js';
import { createTusUploader, type Uploader } from './api/uploads.js';
import { ProfileStore } from './profile/profile-store.js';
import { SessionStore } from './session/session-store.js';
import { memoryStorage, tabStorage, type SessionPersistence } from './session/storage.js';
import { getLocale } from './i18n/localization.js';

export interface PortalConnection {
  readonly endpoint: string;
  readonly client: PortalClient;
  readonly session: SessionStore;
  /** Whom the widgets act for; shared like the session. */
  readonly profiles: ProfileStore;
  readonly persistence: SessionPersistence;
}

export interface PortalConfig {
  /** A fetch to use instead of the global one (a host's instrumented fetch, say). */
  fetch?: typeof fetch;
  /** Milliseconds before a request gives up. */
  timeoutMs?: number;
  /** Replaces the network entirely (tests, stories, a host's own back end). */
  transport?: (endpoint: string, session: SessionStore) => Transport;
  /** Replaces the resumable (tus) uploads (tests, stories, a host's own back end). */
  uploader?: (endpoint: string, session: SessionStore) => Uploader;
}

let config: PortalConfig = {};
const connections = new Map<string, PortalConnection>();

/**
 * Page-wide settings for every widget. Call it before the widgets connect; it drops the
 * connections made so far, so widgets created afterwards use the new settings.
 */
export function configurePortal(next: PortalConfig): void {
  config = { ...config, ...next };
  connections.clear();
}

/** Forget every connection and setting (tests). */
export function resetPortal(): void {
  config = {};
  connections.clear();
}

/** `https://x/p/a/` and `https://x/p/a` name the same endpoint, so they share one session. */
export function normalizeEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint, globalThis.location?.href);
    url.hash = '';
    url.search = '';
    return url.href.replace(/\/+$/, '');
  } catch {
    return endpoint.trim().replace(/\/+$/, '');
  }
}

/**
 * The connection (client + session) for one endpoint. The first widget to ask decides the
 * session persistence; later widgets for the same endpoint share it.
 */
export function connect(endpoint: string, persistence: SessionPersistence = 'tab'): PortalConnection {
  const key = normalizeEndpoint(endpoint);
  const existing = connections.get(key);
  if (existing) return existing;

  // Cookie mode writes nothing to web storage: the endpoint's HttpOnly cookie is the session.
  const storage = persistence === 'tab' ? tabStorage(`portal-session:${key}`) : memoryStorage();
  const cookieSession = persistence === 'cookie';
  const session = new SessionStore(storage);
  const transport =
    config.transport?.(key, session) ??
    createFetchTransport({
      baseUrl: key,
      fetch: config.fetch,
      timeoutMs: config.timeoutMs,
      getToken: () => session.token,
      cookieSession,
      isSignedIn: () => session.signedIn,
      getLocale,
      onAuthenticated: () => session.touch(),
      onUnauthorized: (error) => session.clear(error.code === 'session_expired' ? 'expired' : 'signed-out'),
    });
  const uploader =
    config.uploader?.(key, session) ??
    createTusUploader({
      baseUrl: key,
      getToken: () => session.token,
      cookieSession,
      onUnauthorized: (error) => session.clear(error.code === 'session_expired' ? 'expired' : 'signed-out'),
    });
  const client = new PortalClient(transport, session, uploader);
  const profiles = new ProfileStore(client, session);
  const connection: PortalConnection = { endpoint: key, client, session, profiles, persistence };
  connections.set(key, connection);
  if (cookieSession) resumeCookieSession(client, session);
  return connection;
}

/**
 * Cookie mode keeps nothing on the page, so after a reload only the endpoint knows whether
 * its cookie still names a live session: ask once, and sign in the shared store if so. A
 * refusal (no cookie, expired) leaves the widgets signed out, as they start.
 */
function resumeCookieSession(client: PortalClient, session: SessionStore): void {
  client.getSession().then(
    () => {
      if (!session.signedIn) session.set({});
    },
    () => undefined,
  );
}
