// Helpers for the staff tests: an app whose practices have console pages, staff members and
// API keys made straight in the database, and staff sign-in as the console does it.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { newToken, tokenHash } from '../../server/auth/secrets.js';
import type { AppConfig } from '../../server/config.js';
import type { ApiKeyScope, StaffRole } from '../../server/office/actor.js';
import { createApiKey } from '../../server/repos/api-keys.js';
import { createClinician } from '../../server/repos/catalog.js';
import { staffSessions } from '../../server/repos/sessions.js';
import { createStaff, type StaffMember } from '../../server/repos/staff.js';
import { newApiKeySecret } from '../../server/staff/api-keys.js';
import { setConsoleUrl } from '../../server/staff/console-page.js';
import { mailTo, type StoredMail } from './auth-helpers.js';
import { createTestApp, LAKESIDE_ORIGIN, type TestApp } from './helpers.js';

export const LAKESIDE_CONSOLE = 'https://www.lakeside.example/console.html';

/** The seeded demo staff the tests lean on. */
export const LAKESIDE_OWNER = 'owner@lakeside.example';
export const HARBOR_OWNER = 'owner@harbor.example';

/** The test app, with Lakeside's console page set (Harbor's is seeded). */
export async function createStaffTestApp(config: Partial<AppConfig> = {}): Promise<TestApp> {
  const t = await createTestApp({ config });
  setConsoleUrl(t.db, t.clock.now(), practiceId(t, 'lakeside'), LAKESIDE_CONSOLE);
  return t;
}

export const practiceId = (t: Pick<TestApp, 'db'>, slug: string) => t.db.prepare('SELECT id FROM practices WHERE slug = ?').pluck().get(slug) as number;

export interface OfficeCallOptions {
  practice?: string;
  bearer?: string;
  ip?: string;
  headers?: Record<string, string>;
}

/** A call to `/p/<practice>/admin<path>` as the console sends it. */
export function office(
  t: Pick<TestApp, 'app'>,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  payload?: unknown,
  options: OfficeCallOptions = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { origin: LAKESIDE_ORIGIN, ...options.headers };
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  return t.app.inject({
    method,
    url: `/p/${options.practice ?? 'lakeside'}/admin${path}`,
    headers,
    remoteAddress: options.ip ?? '198.51.100.20',
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

/** The `#staff-token=` token of a console sign-in email. */
export function staffTokenIn(mail: StoredMail | undefined): string {
  const match = /#staff-token=([A-Za-z0-9_-]{43})\b/.exec(mail?.text ?? '');
  assert.ok(match, `no staff sign-in link in ${mail?.text}`);
  return match[1];
}

/** Requests a console link for `email` and returns the token of the new email. */
export async function newStaffLinkToken(t: Pick<TestApp, 'app' | 'db'>, email: string, options: OfficeCallOptions = {}): Promise<string> {
  const before = mailTo(t.db, email).length;
  const res = await office(t, 'POST', '/auth/link', { email }, options);
  assert.equal(res.statusCode, 202, res.body);
  const mails = mailTo(t.db, email);
  assert.equal(mails.length, before + 1, 'a new console sign-in email was queued');
  return staffTokenIn(mails[0]);
}

/** Signs `email` in to the console by link and returns the staff session token. */
export async function staffSignedIn(t: Pick<TestApp, 'app' | 'db'>, email: string, options: OfficeCallOptions = {}): Promise<string> {
  const token = await newStaffLinkToken(t, email, options);
  const res = await office(t, 'POST', '/auth/link/redeem', { token }, options);
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ token: string }>().token;
}

let members = 0;

/**
 * A new active staff member of `role` at the practice, straight in the database. A
 * clinician-role member gets a new clinician of their own (a clinician has one member).
 */
export function newStaff(t: Pick<TestApp, 'db' | 'clock'>, role: StaffRole, slug = 'lakeside', language = 'en'): StaffMember {
  members += 1;
  const id = practiceId(t, slug);
  const email = `staff${members}-${role}@${slug}.example`;
  const clinicianId =
    role === 'clinician'
      ? createClinician(t.db, t.clock, { practiceId: id, name: `Clinician ${members}`, email: `clinician${members}@${slug}.example`, languages: ['en'] }).id
      : null;
  return createStaff(t.db, t.clock.now(), { practiceId: id, email, name: `Staff ${members}`, role, clinicianId, preferredLanguage: language });
}

/** A new API key of the practice with these scopes, straight in the database; returns its secret. */
export function newApiKey(t: Pick<TestApp, 'db' | 'clock'>, scopes: readonly ApiKeyScope[], slug = 'lakeside'): string {
  const secret = newApiKeySecret();
  createApiKey(t.db, t.clock.now(), { practiceId: practiceId(t, slug), name: 'test key', prefix: secret.slice(0, 12), tokenHash: tokenHash(secret), scopes, createdBy: null });
  return secret;
}

/** A live console session for the member, made straight in the database (no email, no budget); returns its token. */
export function staffSessionToken(t: Pick<TestApp, 'db' | 'clock'>, staff: Pick<StaffMember, 'id' | 'practiceId'>): string {
  const token = newToken();
  staffSessions.createSession(t.db, t.clock.now(), {
    practiceId: staff.practiceId,
    accountId: staff.id,
    tokenHash: tokenHash(token),
    method: 'link',
    idleTimeoutSeconds: 900,
    absoluteTimeoutSeconds: 43_200,
  });
  return token;
}

/** The six-digit code of a console sign-in email (R16), without its space. */
export function staffCodeIn(mail: StoredMail | undefined): string {
  const match = /(?:code on the console sign-in page|código en la página de inicio de sesión de la consola): ([0-9]{3}) ([0-9]{3})\n/.exec(mail?.text ?? '');
  assert.ok(match, `no code in ${mail?.text}`);
  return `${match[1]}${match[2]}`;
}
