import type { Profile } from '../../contract/index.js';
import type { PortalApiError } from '../../core/api/errors.js';

/** What the views read. The element builds it; views are pure functions of it. */
export interface PickerModel {
  readonly headingLevel: number;
  readonly profiles: readonly Profile[];
  readonly acting: Profile | null;
  /** The cards show though a profile is acting: the client chose "Change". */
  readonly choosing: boolean;
  readonly busy: boolean;
  /** The card holding the group's one tab stop. */
  readonly focusIndex: number;
  readonly error: PortalApiError | undefined;
  readonly announcement: string;
}

/** What the views can ask the element to do. */
export interface PickerActions {
  startChoosing(): void;
  choose(profile: Profile): void;
  keydown(event: KeyboardEvent): void;
}
