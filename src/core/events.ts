import type { PortalErrorCode } from './api/errors.js';

/**
 * Every event the widgets fire: a CustomEvent subclass whose name is a static constant,
 * bubbling and composed so the host page can listen outside the shadow root. Details
 * carry ids and codes only, never personal data.
 */

export interface PortalErrorDetail {
  /** What the widget was doing, e.g. `getInfo`. */
  readonly operation: string;
  readonly code: PortalErrorCode;
}

export class PortalErrorEvent extends CustomEvent<PortalErrorDetail> {
  static readonly type = 'portal-error' as const;
  constructor(detail: PortalErrorDetail) {
    super(PortalErrorEvent.type, { detail, bubbles: true, composed: true });
  }
}

export interface SignedInDetail {
  /** How this page's sign-in happened, when this widget did it; `session` when it was restored. */
  readonly method: 'link' | 'pin' | 'session';
}

/** Someone signed in; every widget on the endpoint now acts with that session. */
export class PortalSignedInEvent extends CustomEvent<SignedInDetail> {
  static readonly type = 'portal-signed-in' as const;
  constructor(detail: SignedInDetail) {
    super(PortalSignedInEvent.type, { detail, bubbles: true, composed: true });
  }
}

export interface SignedOutDetail {
  /** `signed-out` when the client chose to, `expired` after the idle or absolute timeout. */
  readonly reason: 'signed-out' | 'expired';
}

export class PortalSignedOutEvent extends CustomEvent<SignedOutDetail> {
  static readonly type = 'portal-signed-out' as const;
  constructor(detail: SignedOutDetail) {
    super(PortalSignedOutEvent.type, { detail, bubbles: true, composed: true });
  }
}

/** "I'm a New Client" was chosen and no `new-client-href` is set: the host takes over. */
export class PortalNewClientEvent extends CustomEvent<Record<string, never>> {
  static readonly type = 'portal-new-client' as const;
  constructor() {
    super(PortalNewClientEvent.type, { detail: {}, bubbles: true, composed: true });
  }
}

export interface ProfileSelectedDetail {
  readonly profileId: number;
}

/** The acting profile changed: every widget on the endpoint now acts for `profileId`. */
export class PortalProfileSelectedEvent extends CustomEvent<ProfileSelectedDetail> {
  static readonly type = 'portal-profile-selected' as const;
  constructor(detail: ProfileSelectedDetail) {
    super(PortalProfileSelectedEvent.type, { detail, bubbles: true, composed: true });
  }
}

/** All event classes, so tests and docs can walk them. */
export const PORTAL_EVENTS = [PortalErrorEvent, PortalSignedInEvent, PortalSignedOutEvent, PortalNewClientEvent, PortalProfileSelectedEvent] as const;

declare global {
  interface HTMLElementEventMap {
    'portal-error': PortalErrorEvent;
    'portal-signed-in': PortalSignedInEvent;
    'portal-signed-out': PortalSignedOutEvent;
    'portal-new-client': PortalNewClientEvent;
    'portal-profile-selected': PortalProfileSelectedEvent;
  }
}
