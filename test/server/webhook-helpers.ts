// Helpers for the webhook tests: a real HTTP receiver on 127.0.0.1, a signature check written
// from the Standard Webhooks spec independently of server/webhooks/signature.ts, and staff rows.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Clock } from '../../server/clock.js';
import type { Db } from '../../server/db/open.js';
import { ADMIN_TOKEN } from './helpers.js';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver the test starts, stops and restarts on the same port. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** The status it answers with (change it to make deliveries fail). */
  status = 204;
  /** When set, requests are held open without an answer (a receiver that hangs). */
  hang = false;
  #server: Server | undefined;
  #port = 0;

  get port(): number {
    return this.#port;
  }

  url(path = '/hooks'): string {
    return `http://127.0.0.1:${this.#port}${path}`;
  }

  /** Listens on the port it had before (or a free one the first time). */
  async start(): Promise<void> {
    const server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body });
        if (this.hang) return;
        res.writeHead(this.status, this.status >= 300 && this.status < 400 ? { location: 'http://127.0.0.1:1/elsewhere' } : {});
        res.end('receiver body, never stored');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => resolve());
    });
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The bodies received, parsed. */
  events(): { type: string; timestamp: string; data: Record<string, unknown> }[] {
    return this.received.map((r) => JSON.parse(r.body) as { type: string; timestamp: string; data: Record<string, unknown> });
  }
}

/**
 * Verifies one delivery as a receiver would, per the Standard Webhooks spec: the timestamp
 * within `toleranceSeconds` of `nowSeconds`, and one of the space-separated `v1,` signatures
 * equal to base64 HMAC-SHA256(base64-decoded secret after `whsec_`, "id.timestamp.body").
 */
export function verifyStandardWebhook(secret: string, headers: IncomingHttpHeaders, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return false;
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.split(' ').some((entry) => {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** A staff member straight in the database (the staff routes are another engineer's). */
/**
 * Removes the staff the demo seed made (an owner, a member per clinician, the office), so a
 * test decides exactly who works at the practice and so who is notified.
 */
export function withoutSeededStaff(db: Db): void {
  db.prepare('DELETE FROM staff_members').run();
}

export function insertStaff(
  db: Db,
  clock: Clock,
  member: { practiceId: number; email: string; role: 'owner' | 'clinician' | 'office'; clinicianId?: number | null; language?: string; notify?: boolean; active?: boolean },
): number {
  const now = clock.now();
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO staff_members (practice_id, email, name, role, clinician_id, preferred_language, notify, active, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      member.practiceId,
      member.email,
      member.email.split('@')[0],
      member.role,
      member.clinicianId ?? null,
      member.language ?? 'en',
      member.notify === false ? 0 : 1,
      member.active === false ? 0 : 1,
      now,
      now,
    );
  return Number(lastInsertRowid);
}

/** Resolves when `check()` is true, polling every 50 ms, or rejects after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** An office call with the development admin token (any method). */
export function asOwner(
  t: { app: { inject(options: InjectOptions): Promise<LightMyRequestResponse> } },
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  payload?: object,
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url: `/p/lakeside/admin${path}`,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    remoteAddress: '203.0.113.30',
    ...(payload === undefined ? {} : { payload }),
  });
}
