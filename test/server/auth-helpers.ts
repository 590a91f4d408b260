// Helpers for the sign-in tests: requests as the widget sends them, and the mail they cause.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type PortalApp } from '../../server/app.js';
import type { AppConfig } from '../../server/config.js';
import { migrate } from '../../server/db/migrate.js';
import { closeDatabase, openDatabase, type Db } from '../../server/db/open.js';
import { createAccount } from '../../server/repos/clients.js';
import { officeApiKey } from './office-credentials.js';
import { ADMIN_TOKEN, createTestDb, LAKESIDE_ORIGIN, testConfig, type TestDb } from './helpers.js';

export interface CallOptions {
  practice?: string;
  /** The client's address (light-my-request's remoteAddress); each address has its own budgets. */
  ip?: string;
  headers?: Record<string, string>;
  /** A session token to send as `Authorization: Bearer`. */
  bearer?: string;
}

type Target = { app: PortalApp; db?: Db };

export function call(t: Target, method: 'GET' | 'POST' | 'DELETE', path: string, payload?: unknown, options: CallOptions = {}) {
  const headers: Record<string, string> = { origin: LAKESIDE_ORIGIN, ...options.headers };
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  return t.app.inject({
    method,
    url: `/p/${options.practice ?? 'lakeside'}${path}`,
    headers,
    remoteAddress: options.ip ?? '203.0.113.10',
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

export const requestLink = (t: Target, email: string, extra: Record<string, unknown> = {}, options: CallOptions = {}) =>
  call(t, 'POST', '/auth/link', { email, ...extra }, options);
export const previewLink = (t: Target, token: string, options: CallOptions = {}) => call(t, 'POST', '/auth/link/preview', { token }, options);
export const redeemLink = (t: Target, token: string, options: CallOptions = {}) => call(t, 'POST', '/auth/link/redeem', { token }, options);
export const pinSignIn = (t: Target, email: string, pin: string, options: CallOptions = {}) =>
  call(t, 'POST', '/auth/pin', { email, pin }, options);
export const codeSignIn = (t: Target, email: string, code: string, options: CallOptions = {}) =>
  call(t, 'POST', '/auth/email-code', { email, code }, options);
export const getSession = (t: Target, bearer: string, options: CallOptions = {}) => call(t, 'GET', '/auth/session', undefined, { ...options, bearer });
/** A POST to the office API: with a practice API key when the test has the database (any mode), else the development admin token. */
export const admin = (t: Target, path: string, payload: unknown, practice = 'lakeside') =>
  call(t, 'POST', `/admin${path}`, payload, { practice, headers: { authorization: `Bearer ${t.db ? officeApiKey(t.db, practice) : ADMIN_TOKEN}` } });

export interface StoredMail {
  id: number;
  to: string;
  language: string;
  subject: string;
  text: string;
  html: string;
}

/** The mail queued for `to`, newest first, straight from the outbox table. */
export function mailTo(db: TestDb['db'], to: string): StoredMail[] {
  return db
    .prepare(
      `SELECT id, to_address AS "to", language, subject, text_body AS text, html_body AS html
       FROM outbox WHERE to_address = ? ORDER BY id DESC`,
    )
    .all(to) as StoredMail[];
}

/** The `#ml=` token of an email's link. */
export function tokenIn(mail: StoredMail | undefined): string {
  const match = /#ml=([A-Za-z0-9_-]{43})\b/.exec(mail?.text ?? '');
  assert.ok(match, `no sign-in link in ${mail?.text}`);
  return match[1];
}

/** The six-digit fallback code of a sign-in email (R16), without its space; undefined when it has none. */
export function codeIn(mail: StoredMail | undefined): string | undefined {
  const match = /(?:code on the sign-in page|código en la página de inicio de sesión): ([0-9]{3}) ([0-9]{3})\n/.exec(mail?.text ?? '');
  return match ? `${match[1]}${match[2]}` : undefined;
}

/** Requests a link for `email` and returns the token and code its new email carries. */
export async function newLinkAndCode(t: Target & { db: TestDb['db'] }, email: string, options: CallOptions = {}): Promise<{ token: string; code: string }> {
  const token = await newLinkToken(t, email, options);
  const code = codeIn(mailTo(t.db, email)[0]);
  assert.ok(code, 'the email carries a code');
  return { token, code };
}

/** Requests a link for `email` and returns the token its new email carries. */
export async function newLinkToken(t: Target & { db: TestDb['db'] }, email: string, options: CallOptions = {}): Promise<string> {
  const before = mailTo(t.db, email).length;
  const res = await requestLink(t, email, {}, options);
  assert.equal(res.statusCode, 202);
  const mails = mailTo(t.db, email);
  assert.equal(mails.length, before + 1, 'a new sign-in email was queued');
  return tokenIn(mails[0]);
}

/** Issues a PIN through the admin API. */
export async function issuePin(t: Target, email: string, practice = 'lakeside'): Promise<string> {
  const res = await admin(t, '/pins', { email }, practice);
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ pin: string }>().pin;
}

/** Signs in with a fresh PIN and returns the session token. */
export async function signedIn(t: Target, email = 'alex@example.com', options: CallOptions = {}): Promise<string> {
  const pin = await issuePin(t, email, options.practice);
  const res = await pinSignIn(t, email, pin, options);
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ token: string }>().token;
}

/** The headers that must match between two answers that must not be told apart (R9, R24). */
export function comparableHeaders(res: LightMyRequestResponse): Record<string, unknown> {
  const { date: _date, ...rest } = res.headers;
  return rest;
}

/** Every answer is the same refusal as the first, `expected`: status, bytes and headers (R24). */
export function assertOneRefusal(responses: Record<string, LightMyRequestResponse>, expected: unknown): void {
  const reference = Object.values(responses)[0];
  assert.equal(reference.statusCode, 401);
  assert.deepEqual(reference.json(), expected);
  for (const [name, res] of Object.entries(responses)) {
    assert.equal(res.statusCode, 401, name);
    assert.equal(res.body, reference.body, name);
    assert.deepEqual(comparableHeaders(res), comparableHeaders(reference), name);
  }
}

export function auditSince(db: TestDb['db'], seq: number) {
  return db.prepare('SELECT * FROM audit_events WHERE seq > ? ORDER BY seq').all(seq) as {
    seq: number;
    occurred_at: number;
    practice_id: number | null;
    actor_account_id: number | null;
    action: string;
    resource_type: string | null;
    resource_id: string | null;
    outcome: string;
    ip: string | null;
    origin: string | null;
  }[];
}

export const auditTip = (db: TestDb['db']) => (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM audit_events').get() as { n: number }).n;

/**
 * An app on a database file that can be "restarted": close(app), close(db), reopen the same
 * file and build a new app on it, as a process restart would (F14).
 */
export class RestartableApp {
  app!: PortalApp;
  readonly testDb: TestDb;
  db: TestDb['db'];
  config: AppConfig;

  private constructor(testDb: TestDb, config: AppConfig) {
    this.testDb = testDb;
    this.db = testDb.db;
    this.config = config;
  }

  get clock() {
    return this.testDb.clock;
  }

  static async start(config: Partial<AppConfig> = {}): Promise<RestartableApp> {
    const r = new RestartableApp(createTestDb(), testConfig(config));
    await r.build();
    return r;
  }

  private async build(): Promise<void> {
    this.app = await buildApp({ db: this.db, clock: this.testDb.clock, config: this.config, logger: false });
    await this.app.ready();
  }

  /** Closes app and database, reopens the file, and builds a new app (with `config` changes, if any). */
  async restart(config: Partial<AppConfig> = {}): Promise<void> {
    this.config = { ...this.config, ...config };
    await this.app.close();
    closeDatabase(this.db);
    this.db = openDatabase(this.testDb.file);
    migrate(this.db, this.testDb.clock);
    await this.build();
  }

  async close(): Promise<void> {
    await this.app.close();
    closeDatabase(this.db);
    this.testDb.close();
  }
}

let accounts = 0;

/**
 * A new client account for one test, so tests can share one app (building an app is the
 * slow part) without sharing throttles or links. The address starts with `c` (masked `c•••`).
 */
export function newAccount(t: { db: TestDb['db']; clock: TestDb['clock'] }, language = 'en', practice = 'lakeside'): string {
  accounts += 1;
  const email = `client${accounts}@example.com`;
  const practiceId = (t.db.prepare('SELECT id FROM practices WHERE slug = ?').pluck().get(practice) as number);
  createAccount(t.db, t.clock, { practiceId, email, name: `Client ${accounts}`, preferredLanguage: language });
  return email;
}

/** Moves the clock forward to the next `hh:mm` UTC (never backwards). */
export function advanceToUtc(clock: TestDb['clock'], hours: number, minutes = 0): void {
  const next = new Date(clock.now());
  next.setUTCHours(hours, minutes, 0, 0);
  if (next.getTime() <= clock.now()) next.setUTCDate(next.getUTCDate() + 1);
  clock.set(next);
}
