import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import type { PinHasher } from './pin-hash.js';

/** What the sign-in code needs from the app. */
export interface AuthDeps {
  db: Db;
  clock: Clock;
  /**
   * Undefined when the app has no PIN pepper (production misconfigured): PIN and email-code
   * routes answer 503, and sign-in emails carry no code (R16).
   */
  pins: PinHasher | undefined;
  /** Sites whose sign-ins may answer with the `__Host-sid` cookie (R26 mode A); absent or empty: never. */
  cookieSites?: readonly string[];
}
