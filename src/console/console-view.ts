import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { updateWhenLocaleChanges } from '@lit/localize';
import { toPortalApiError } from '../core/api/errors.js';
import { describeError } from '../core/i18n/error-messages.js';
import type { OfficeApi } from './office-api.js';
import type { StaffSelf } from './office-types.js';
import { consoleStyles } from './console.styles.js';

/** Fired by a view to say something in the console's polite live region. */
export class ConsoleStatusEvent extends Event {
  constructor(readonly message: string) {
    super('console-status', { bubbles: true, composed: true });
  }
}

/** Fired by a view to open another view (e.g. the inbox opens a client's page). */
export class ConsoleNavigateEvent extends Event {
  constructor(readonly view: ConsoleRoute) {
    super('console-navigate', { bubbles: true, composed: true });
  }
}

export type ConsoleRoute =
  | { name: 'inbox' }
  | { name: 'clients' }
  | { name: 'client'; profileId: number }
  | { name: 'hours' }
  | { name: 'staff' }
  | { name: 'api-keys' }
  | { name: 'webhooks' };

/**
 * What every console view shares: the API, the practice's time zone, the signed-in member,
 * calm localized errors, the live region, and the heading that takes focus when it opens.
 */
export class ConsoleView extends LitElement {
  static override styles = consoleStyles;

  @property({ attribute: false }) api!: OfficeApi;
  /** The practice's IANA zone: every date and time is shown in it. */
  @property({ attribute: 'time-zone' }) timeZone = 'UTC';
  @property({ attribute: false }) staff: StaffSelf | null = null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** Localized text for any failure; server text is never shown. */
  protected describe(error: unknown): string {
    return describeError(toPortalApiError(error));
  }

  protected announce(message: string): void {
    this.dispatchEvent(new ConsoleStatusEvent(message));
  }

  protected navigate(view: ConsoleRoute): void {
    this.dispatchEvent(new ConsoleNavigateEvent(view));
  }

  /** Moves focus to the view's heading (the shell calls it when the view opens). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }
}

/** Saves a downloaded blob under its name through a temporary blob: URL (no token in any URL). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A text field of a submitted form, trimmed ('' when absent). */
export function formText(data: FormData, name: string, fallback = ''): string {
  const value = data.get(name);
  return typeof value === 'string' ? value.trim() || fallback : fallback;
}
