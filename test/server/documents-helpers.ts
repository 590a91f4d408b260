// Helpers for the document tests: the app on a seeded database with the demo packets, sessions
// for the demo's clients (María; Jordan acting for Maya as guardian), and calls as the widget sends them.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { DocumentVersion, Packet, SignatureRecord } from '../../src/contract/index.js';
import type { LoggerOption } from '../../server/logging.js';
import { findPracticeBySlug } from '../../server/repos/practices.js';
import { setPaymentSettings } from '../../server/repos/payment-cards.js';
import { clientSession, type Client } from './booking-helpers.js';
import { ADMIN_TOKEN, LAKESIDE_ORIGIN, createTestApp, type TestApp } from './helpers.js';

export const PAYMENT_ORIGIN = 'https://pay.lakeside.example';
export const USER_AGENT = 'Mozilla/5.0 (test) DocumentSigner/1.0';

/** A complete, valid contact form (María's). */
export const CONTACT_ANSWERS = {
  addressLine1: '12 Calle Mayor',
  city: 'Springfield',
  state: 'IL',
  postalCode: '62701',
  mobilePhone: '(555) 555-0100',
  email: 'maria@example.com',
  emergencyName: 'Ana García',
  emergencyRelationship: 'hermana',
  emergencyPhone: '555-555-0101',
  textReminders: true,
};

export async function documentsApp(options: { logger?: LoggerOption } = {}): Promise<TestApp> {
  const t = await createTestApp({ logger: options.logger });
  const practice = findPracticeBySlug(t.db, 'lakeside')!;
  setPaymentSettings(t.db, t.clock, practice.id, { processorOrigin: PAYMENT_ORIGIN, pageUrl: `${PAYMENT_ORIGIN}/card-entry` });
  return t;
}

export const maria = (t: TestApp): Client => clientSession(t, 'maria@example.com');
export const jordanForMaya = (t: TestApp): Client => clientSession(t, 'jordan@example.com', 'minor');
export const alex = (t: TestApp): Client => clientSession(t, 'alex@example.com');

type Method = 'GET' | 'POST' | 'PUT';

export function as(t: Pick<TestApp, 'app'>, client: Client, method: Method, path: string, payload?: unknown, profileId = client.profileId): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url: `/p/lakeside/profiles/${profileId}${path}`,
    headers: { origin: LAKESIDE_ORIGIN, authorization: `Bearer ${client.token}`, 'user-agent': USER_AGENT },
    remoteAddress: '203.0.113.44',
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

export function office(t: Pick<TestApp, 'app'>, method: Method, path: string, payload?: unknown): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url: `/p/lakeside/admin${path}`,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    remoteAddress: '203.0.113.30',
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

export async function packet(t: TestApp, client: Client, language = 'en'): Promise<Packet> {
  const res = await as(t, client, 'GET', `/documents/packet?language=${language}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json<Packet>();
}

export async function acceptEsign(t: TestApp, client: Client, language = 'en'): Promise<void> {
  const res = await as(t, client, 'POST', '/esign-consent', { textVersion: 1, accept: true, language });
  assert.equal(res.statusCode, 201, res.body);
}

export async function documentText(t: TestApp, client: Client, documentId: number, language = 'en'): Promise<DocumentVersion> {
  const res = await as(t, client, 'GET', `/documents/${documentId}?language=${language}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json<DocumentVersion>();
}

/** Reads the document as shown and signs exactly that text. */
export async function signShown(
  t: TestApp,
  client: Client,
  documentId: number,
  extra: { language?: 'en' | 'es'; fullName?: string; relationship?: string } = {},
): Promise<SignatureRecord> {
  const doc = await documentText(t, client, documentId, extra.language ?? 'en');
  const res = await as(t, client, 'POST', '/signatures', {
    documentId,
    version: doc.version,
    textSha256: doc.textSha256,
    fullName: extra.fullName ?? 'María García',
    agreed: true,
    language: doc.language,
    ...(extra.relationship === undefined ? {} : { relationship: extra.relationship }),
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<SignatureRecord>();
}

export function documentIds(p: Packet): number[] {
  return p.items.flatMap((i) => (i.kind === 'document' ? [i.documentId] : []));
}

export function errorOf(res: LightMyRequestResponse): { code: string; fields?: Record<string, string> } {
  return res.json<{ error: { code: string; fields?: Record<string, string> } }>().error;
}
