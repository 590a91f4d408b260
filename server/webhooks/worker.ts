import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import type { WorkerLogger } from '../mail/worker.js';
import { claimDueDeliveries, markAttemptFailed, markDelivered, markExpired, type DueDelivery } from '../repos/webhook-deliveries.js';
import { nextAttemptAt } from './schedule.js';
import { sendWebhook, type SendOutcome } from './send.js';
import { webhookHeaders } from './signature.js';

export interface WebhookWorkerOptions {
  db: Db;
  clock: Clock;
  logger?: WorkerLogger;
  /** Production: deliver only to public addresses, checked after DNS resolution (SSRF). */
  publicAddressesOnly: boolean;
  pollIntervalMs?: number;
  batchSize?: number;
  /** How long a claimed delivery stays ours before another worker (or a restart) may retry it. */
  leaseMs?: number;
  /** Per attempt: connecting, sending and the receiver's answer. */
  timeoutMs?: number;
  /** Injectable for tests (a name that resolves to a private address). */
  resolve?: (hostname: string) => Promise<string[]>;
  /** Injectable for tests: the retry jitter. */
  random?: () => number;
}

export const WEBHOOK_DEFAULTS = { pollIntervalMs: 1000, batchSize: 10, leaseMs: 60_000, timeoutMs: 10_000 } as const;

const silentLogger: WorkerLogger = { info() {}, warn() {}, error() {} };

/** The JSON a receiver gets: the type, when it happened, and ids only. */
export function webhookBody(delivery: Pick<DueDelivery, 'type' | 'occurredAt' | 'data'>): string {
  return JSON.stringify({ type: delivery.type, timestamp: new Date(delivery.occurredAt).toISOString(), data: delivery.data });
}

/**
 * Sends the webhook outbox: claims due deliveries (a lease, so a crash mid-send retries after
 * a restart), signs each attempt (Standard Webhooks), counts 2xx as delivered and retries
 * anything else with backoff until 24 h after the event. Time comes from the injected clock,
 * so tests drive retries with a FakeClock and `runOnce()`.
 */
export class WebhookWorker {
  readonly #options: Required<Omit<WebhookWorkerOptions, 'logger' | 'resolve' | 'random'>> & Pick<WebhookWorkerOptions, 'resolve' | 'random'>;
  readonly #log: WorkerLogger;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;
  #started = false;

  constructor(options: WebhookWorkerOptions) {
    this.#log = options.logger ?? silentLogger;
    this.#options = {
      db: options.db,
      clock: options.clock,
      publicAddressesOnly: options.publicAddressesOnly,
      pollIntervalMs: options.pollIntervalMs ?? WEBHOOK_DEFAULTS.pollIntervalMs,
      batchSize: options.batchSize ?? WEBHOOK_DEFAULTS.batchSize,
      leaseMs: options.leaseMs ?? WEBHOOK_DEFAULTS.leaseMs,
      timeoutMs: options.timeoutMs ?? WEBHOOK_DEFAULTS.timeoutMs,
      resolve: options.resolve,
      random: options.random,
    };
  }

  /** Starts polling. Idempotent. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#schedule(0);
  }

  /** Stops polling and waits for the attempts in progress to finish. */
  async stop(): Promise<void> {
    this.#started = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** Attempts every delivery due now, a batch at a time (in parallel within a batch). */
  async runOnce(): Promise<{ delivered: number; failed: number }> {
    const { db, clock } = this.#options;
    let delivered = 0;
    let failed = 0;
    for (;;) {
      if (!db.open) break;
      const batch = claimDueDeliveries(db, clock.now(), this.#options.leaseMs, this.#options.batchSize);
      const outcomes = await Promise.all(batch.map((d) => this.#attempt(d)));
      for (const ok of outcomes) {
        if (ok) delivered += 1;
        else failed += 1;
      }
      if (batch.length < this.#options.batchSize) break;
    }
    return { delivered, failed };
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#running = this.runOnce()
        .catch((err: unknown) => this.#log.error({ err }, 'webhook worker run failed'))
        .finally(() => {
          this.#running = undefined;
          if (this.#started) this.#schedule(this.#options.pollIntervalMs);
        });
    }, delayMs);
    this.#timer.unref();
  }

  async #attempt(delivery: DueDelivery): Promise<boolean> {
    const { db, clock } = this.#options;
    if (delivery.attempts === 0 && clock.now() >= delivery.giveUpAt) {
      // Waited out its whole window on a paused endpoint: too old to send now.
      markExpired(db, clock.now(), delivery.id, 'expired while the endpoint was paused');
      return false;
    }
    const body = webhookBody(delivery);
    const timestamp = Math.floor(clock.now() / 1000);
    let outcome: SendOutcome;
    try {
      outcome = await sendWebhook({
        url: delivery.url,
        headers: webhookHeaders(delivery.secret, delivery.messageId, timestamp, body),
        body,
        timeoutMs: this.#options.timeoutMs,
        publicAddressesOnly: this.#options.publicAddressesOnly,
        resolve: this.#options.resolve,
      });
    } catch {
      outcome = { statusCode: null, error: 'send failed' };
    }
    if (!db.open) return outcome.error === null;
    const now = clock.now();
    if (outcome.error === null) {
      markDelivered(db, now, delivery.id, outcome.statusCode ?? 200);
      this.#log.info({ deliveryId: delivery.id, type: delivery.type }, 'webhook delivered');
      return true;
    }
    const attempt = delivery.attempts + 1;
    const retryAt = nextAttemptAt(now, attempt, delivery.giveUpAt, this.#options.random);
    markAttemptFailed(db, now, delivery.id, { statusCode: outcome.statusCode, error: outcome.error, retryAt });
    // Ids, the status and our short reason only: never the URL's query or the receiver's body.
    this.#log.warn(
      { deliveryId: delivery.id, attempt, statusCode: outcome.statusCode, reason: outcome.error, willRetry: retryAt !== null },
      retryAt === null ? 'webhook delivery failed; giving up' : 'webhook delivery failed; will retry',
    );
    return false;
  }
}
