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

/** All event classes, so tests and docs can walk them. */
export const PORTAL_EVENTS = [PortalErrorEvent] as const;

declare global {
  interface HTMLElementEventMap {
    'portal-error': PortalErrorEvent;
  }
}
