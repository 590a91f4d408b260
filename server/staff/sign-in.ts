import type { StaffSessionCreated } from '../../src/contract/staff.js';
import type { LinkAudience } from '../auth/link-sign-in.js';
import { renderStaffSignInEmail } from '../mail/staff-sign-in-email.js';
import { staffLinks } from '../repos/sign-in-links.js';
import { findActiveStaffByEmail, findActiveStaffById, type StaffMember } from '../repos/staff.js';
import { consolePage, findConsoleUrl, staffSignInLink } from './console-page.js';
import { startStaffSession } from './session-start.js';

/**
 * The staff's budgets: the clients' limits (R10, R11, auth/policy.ts), counted apart, so a
 * flood of client sign-ins never locks the office out and the other way round.
 */
export const staffBudgetKey = {
  linkRequests: (practiceId: number, client: string) => `staff-link-requests:${practiceId}:${client}`,
  linkEmails: (addressKey: string) => `staff-link-emails:${addressKey}`,
  linkChecks: (practiceId: number, client: string) => `staff-link-checks:${practiceId}:${client}`,
};

/**
 * Staff members as a sign-in audience: the clients' link rules (R5–R12) on their own tables
 * (staff_sign_in_links, staff_sessions), links to the practice's console page
 * (`#staff-token=`), and the fallback code (R16, staff/email-code.ts). A deactivated member is found by neither address nor
 * id, so asking for a link answers as for an unknown address (R9) and an old link signs nobody in.
 */
export const STAFF: LinkAudience<StaffMember, StaffSessionCreated> = {
  links: staffLinks,
  findByEmail: findActiveStaffByEmail,
  findById: findActiveStaffById,
  page: (db, practice) => consolePage(findConsoleUrl(db, practice.id)),
  linkTo: staffSignInLink,
  render: (input) => renderStaffSignInEmail({ ...input, ttlSeconds: input.practice.linkTtlSeconds }),
  budgets: { requests: staffBudgetKey.linkRequests, emails: staffBudgetKey.linkEmails, checks: staffBudgetKey.linkChecks },
  emailCode: true,
  who: (staffId) => ({ staffId }),
  resourceType: 'staff_sign_in_link',
  startSession: (deps, practice, meta, staff) => startStaffSession(deps, practice, meta, staff),
};
