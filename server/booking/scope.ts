import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { bookingSettings } from '../repos/booking-settings.js';
import type { Practice } from '../repos/practices.js';
import { CatalogLookup } from './catalog-view.js';
import type { NotifyScope } from './notify.js';
import type { PresentScope } from './present.js';

export interface BookingDeps {
  db: Db;
  clock: Clock;
}

/** Everything one booking request works with: settings read once, "now" fixed once. */
export type BookingScope = NotifyScope & PresentScope;

export function bookingScope(deps: BookingDeps, practice: Practice): BookingScope {
  return {
    db: deps.db,
    clock: deps.clock,
    now: deps.clock.now(),
    practice,
    settings: bookingSettings(deps.db, practice.id),
    lookup: new CatalogLookup(deps.db, practice.id),
  };
}
