import type {
  LinkPreview,
  LinkRequest,
  LinkRequested,
  PinSignIn,
  PracticeInfo,
  ProfileList,
  SessionCreated,
  SessionInfo,
} from '../../contract/index.js';
import type { SessionStore } from '../session/session-store.js';
import type { Transport } from './transport.js';

export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * Typed verbs of the portal protocol. No DOM and no Lit here: a host page can use it
 * headless (the demo's header does), and elements reach the network only through it.
 */
export class PortalClient {
  constructor(
    private readonly transport: Transport,
    private readonly session: SessionStore,
  ) {}

  /** Public facts about the practice: name, phone, languages, time zone. */
  getInfo(options: CallOptions = {}): Promise<PracticeInfo> {
    return this.transport.send<PracticeInfo>({ method: 'GET', path: '/info', signal: options.signal });
  }

  /** Emails a sign-in link. The answer is the same whether or not the address is known. */
  requestSignInLink(body: LinkRequest, options: CallOptions = {}): Promise<LinkRequested> {
    return this.transport.send<LinkRequested>({ method: 'POST', path: '/auth/link', body, signal: options.signal });
  }

  /** Who a sign-in link would sign in, without using it up. */
  previewSignInLink(token: string, options: CallOptions = {}): Promise<LinkPreview> {
    return this.transport.send<LinkPreview>({
      method: 'POST',
      path: '/auth/link/preview',
      body: { token },
      signal: options.signal,
    });
  }

  /** Uses a sign-in link (once) and starts the shared session. */
  async redeemSignInLink(token: string, options: CallOptions = {}): Promise<SessionInfo> {
    const created = await this.transport.send<SessionCreated>({
      method: 'POST',
      path: '/auth/link/redeem',
      body: { token },
      signal: options.signal,
    });
    return this.#start(created);
  }

  /** Signs in with the email and the PIN the office gave, and starts the shared session. */
  async signInWithPin(body: PinSignIn, options: CallOptions = {}): Promise<SessionInfo> {
    const created = await this.transport.send<SessionCreated>({
      method: 'POST',
      path: '/auth/pin',
      body,
      signal: options.signal,
    });
    return this.#start(created);
  }

  /** The current session; also counts as activity for the idle timeout. */
  getSession(options: CallOptions = {}): Promise<SessionInfo> {
    return this.transport.send<SessionInfo>({ method: 'GET', path: '/auth/session', signal: options.signal });
  }

  /** Ends the session on the server and, whatever the server says, on this page. */
  async signOut(options: CallOptions = {}): Promise<void> {
    try {
      if (this.session.signedIn) {
        await this.transport.send<void>({ method: 'DELETE', path: '/auth/session', signal: options.signal });
      }
    } finally {
      this.session.clear('signed-out');
    }
  }

  /** The profiles this sign-in may act for, and the one this session chose. */
  listProfiles(options: CallOptions = {}): Promise<ProfileList> {
    return this.transport.send<ProfileList>({ method: 'GET', path: '/me/profiles', signal: options.signal });
  }

  /** Acts for `profileId` from now on; the server checks this sign-in may (404 otherwise). */
  selectProfile(profileId: number, options: CallOptions = {}): Promise<ProfileList> {
    return this.transport.send<ProfileList>({
      method: 'PUT',
      path: '/me/profiles/selected',
      body: { profileId },
      signal: options.signal,
    });
  }

  #start(created: SessionCreated): SessionInfo {
    this.session.set({ token: created.token });
    return created.session;
  }
}
