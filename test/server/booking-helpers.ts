// Helpers for the booking tests: sessions made straight in the database (tests move the
// clock by days, past any idle timeout), calls as the widget and the console send them, and
// the demo practice's ids.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { Appointment, SlotList } from '../../src/contract/index.js';
import { newToken, tokenHash } from '../../server/auth/secrets.js';
import { listClinicians, listServices } from '../../server/repos/catalog.js';
import { createAccount, createProfile, findAccountByEmail, grantProfileAccess, listAccessibleProfiles, type Permissions, type ProfileKind } from '../../server/repos/clients.js';
import { findPracticeBySlug, type Practice } from '../../server/repos/practices.js';
import { createSession } from '../../server/repos/sessions.js';
import { ADMIN_TOKEN, LAKESIDE_ORIGIN, type TestApp } from './helpers.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface Lakeside {
  practice: Practice;
  ana: number;
  sam: number;
  intake: number;
  individual: number;
  couples: number;
}

export function lakeside(t: Pick<TestApp, 'db'>): Lakeside {
  const practice = findPracticeBySlug(t.db, 'lakeside')!;
  const clinicians = listClinicians(t.db, practice.id);
  const services = listServices(t.db, practice.id);
  const clinician = (email: string) => clinicians.find((c) => c.email === email)!.id;
  const service = (slug: string) => services.find((s) => s.slug === slug)!.id;
  return {
    practice,
    ana: clinician('ana.ruiz@lakeside.example'),
    sam: clinician('sam.patel@lakeside.example'),
    intake: service('intake'),
    individual: service('individual'),
    couples: service('couples'),
  };
}

/** A client acting for one profile: its session token and ids. */
export interface Client {
  email: string;
  accountId: number;
  profileId: number;
  token: string;
}

/** A new session token for an account, starting now on the test's clock. */
function sessionToken(t: Pick<TestApp, 'db' | 'clock'>, accountId: number): string {
  const practice = findPracticeBySlug(t.db, 'lakeside')!;
  const token = newToken();
  createSession(t.db, t.clock.now(), {
    practiceId: practice.id,
    accountId,
    tokenHash: tokenHash(token),
    method: 'pin',
    idleTimeoutSeconds: practice.idleTimeoutSeconds,
    absoluteTimeoutSeconds: practice.absoluteTimeoutSeconds,
  });
  return token;
}

/** A session for `email` starting now (on the test's clock), acting for its profile of `kind`. */
export function clientSession(t: Pick<TestApp, 'db' | 'clock'>, email: string, kind: ProfileKind = 'self'): Client {
  const practice = findPracticeBySlug(t.db, 'lakeside')!;
  const account = findAccountByEmail(t.db, practice.id, email)!;
  const profile = listAccessibleProfiles(t.db, practice.id, account.id).find((p) => p.kind === kind)!;
  return { email, accountId: account.id, profileId: profile.id, token: sessionToken(t, account.id) };
}

let clients = 0;

/** A new client of Lakeside with its own profile, so tests sharing an app do not share R45 budgets. */
export function newClient(
  t: Pick<TestApp, 'db' | 'clock'>,
  options: { language?: string; kind?: ProfileKind; permissions?: Partial<Permissions> } = {},
): Client {
  clients += 1;
  const practice = findPracticeBySlug(t.db, 'lakeside')!;
  const email = `booker${clients}@example.com`;
  const language = options.language ?? 'en';
  const kind = options.kind ?? 'self';
  const account = createAccount(t.db, t.clock, { practiceId: practice.id, email, name: `Booker ${clients}`, preferredLanguage: language });
  const profile = createProfile(t.db, t.clock, { practiceId: practice.id, kind, displayName: `Booker ${clients}`, preferredLanguage: language });
  grantProfileAccess(t.db, t.clock, {
    practiceId: practice.id,
    accountId: account.id,
    profileId: profile.id,
    relationship: kind === 'minor' ? 'guardian' : kind === 'couple' ? 'partner' : 'self',
    permissions: options.permissions,
  });
  return clientSession(t, email, kind);
}

/** A fresh session for the same client (after the clock moved past the idle timeout). */
export const refreshed = (t: Pick<TestApp, 'db' | 'clock'>, client: Client): Client => ({ ...client, token: sessionToken(t, client.accountId) });

type Method = 'GET' | 'POST';

export function asClient(
  t: Pick<TestApp, 'app'>,
  client: Client,
  method: Method,
  path: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url: `/p/lakeside/profiles/${client.profileId}${path}`,
    headers: { origin: LAKESIDE_ORIGIN, authorization: `Bearer ${client.token}`, ...headers },
    remoteAddress: '203.0.113.20',
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

export function asOffice(t: Pick<TestApp, 'app'>, method: Method, path: string, payload?: unknown): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url: `/p/lakeside/admin${path}`,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    remoteAddress: '203.0.113.30',
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

/** The open times of a service (and clinician) as the widget asks for them. */
export async function openSlots(
  t: Pick<TestApp, 'app'>,
  client: Client,
  query: { service: number; clinician?: number; from?: string; to?: string; timeZone?: string },
): Promise<SlotList> {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
  const res = await asClient(t, client, 'GET', `/slots?${params}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json<SlotList>();
}

/** Every open start of a slot list, flattened. */
export const starts = (list: SlotList) => list.days.flatMap((d) => d.slots.map((s) => s.start));

/** Requests `start` and asserts it was accepted. */
export async function requestTime(
  t: Pick<TestApp, 'app'>,
  client: Client,
  body: { serviceId: number; clinicianId?: number; start: string; message?: string },
): Promise<Appointment> {
  const res = await asClient(t, client, 'POST', '/appointments', body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json<Appointment>();
}

/** Outbox rows for an address, newest first, with their attachment file names. */
export function outboxFor(t: Pick<TestApp, 'db'>, to: string) {
  const rows = t.db
    .prepare('SELECT id, language, subject, text_body AS text, html_body AS html FROM outbox WHERE to_address = ? ORDER BY id DESC')
    .all(to) as { id: number; language: string; subject: string; text: string; html: string }[];
  const files = t.db.prepare('SELECT filename, content FROM outbox_attachments WHERE outbox_id = ? ORDER BY position');
  return rows.map((r) => ({ ...r, attachments: files.all(r.id) as { filename: string; content: Buffer }[] }));
}

export function errorCode(res: LightMyRequestResponse): string {
  return res.json<{ error: { code: string } }>().error.code;
}
