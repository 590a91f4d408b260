import type { StaffSessionCreated } from '../../src/contract/staff.js';
import type { AuthDeps } from '../auth/deps.js';
import { openSession } from '../auth/session-start.js';
import type { Practice } from '../repos/practices.js';
import { staffSessions, type Session } from '../repos/sessions.js';
import type { StaffMember } from '../repos/staff.js';
import type { RequestMeta } from '../request/meta.js';
import { staffSelf } from './present.js';

/** At most this many signed-in consoles per staff member at once; a new sign-in ends the oldest (R40). */
export const MAX_LIVE_SESSIONS_PER_STAFF = 5;

export const staffSessionInfo = (session: Session) => ({
  idleTimeoutSeconds: session.idleTimeoutSeconds,
  idleExpiresAt: new Date(session.idleExpiresAt).toISOString(),
  expiresAt: new Date(session.expiresAt).toISOString(),
});

/** A console session for the member, with the practice's idle and absolute timeouts (R31, R32), as a client's (openSession). */
export function startStaffSession(deps: Pick<AuthDeps, 'db' | 'clock'>, practice: Practice, meta: RequestMeta, staff: StaffMember): StaffSessionCreated {
  const { token, session } = openSession(deps, practice, meta, {
    store: staffSessions,
    subjectId: staff.id,
    who: { staffId: staff.id },
    method: 'link',
    maxLive: MAX_LIVE_SESSIONS_PER_STAFF,
    resourceType: 'staff_session',
  });
  return { token, staff: staffSelf(staff), session: staffSessionInfo(session) };
}
