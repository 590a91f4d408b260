import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { claimDueMessages, markAttemptFailed, markSent, type DueMessage } from '../repos/outbox.js';
import { listOutboxAttachments } from '../repos/outbox-attachments.js';
import { redactSignInTokens } from './links.js';
import type { MailTransport } from './transport.js';

export interface WorkerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface MailWorkerOptions {
  db: Db;
  clock: Clock;
  transport: MailTransport;
  logger?: WorkerLogger;
  /** How often to look for due mail when nobody calls kick(). */
  pollIntervalMs?: number;
  batchSize?: number;
  /** How long a claimed message stays ours before another worker may retry it. */
  leaseMs?: number;
  /** Attempts before a message is marked failed. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /**
   * Once a message is sent, keep it without its sign-in tokens (R2): the stored bodies get
   * `#ml=[redacted]`. Production turns this on; development keeps them for /dev/outbox.
   */
  redactSentSecrets?: boolean;
}

export const MAIL_DEFAULTS = {
  pollIntervalMs: 1000,
  batchSize: 20,
  leaseMs: 60_000,
  maxAttempts: 8,
  backoffBaseMs: 5_000,
  backoffMaxMs: 60 * 60_000,
  redactSentSecrets: false,
} as const;

/** Delay before retry number `attempt` (1-based): base, 2×base, 4×base, … capped at max. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

const silentLogger: WorkerLogger = { info() {}, warn() {}, error() {} };

/**
 * Sends queued mail: claims due messages, sends each as multipart text + HTML (with its
 * attachments, if any) from the practice's sender, and on failure schedules a retry with
 * exponential backoff until `maxAttempts`. Time comes from the injected clock, so tests
 * drive retries with a FakeClock and `runOnce()` instead of waiting.
 */
export class MailWorker {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #transport: MailTransport;
  readonly #log: WorkerLogger;
  readonly #options: Required<Omit<MailWorkerOptions, 'db' | 'clock' | 'transport' | 'logger'>>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;
  #started = false;
  #kicked = false;

  constructor(options: MailWorkerOptions) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#transport = options.transport;
    this.#log = options.logger ?? silentLogger;
    this.#options = {
      pollIntervalMs: options.pollIntervalMs ?? MAIL_DEFAULTS.pollIntervalMs,
      batchSize: options.batchSize ?? MAIL_DEFAULTS.batchSize,
      leaseMs: options.leaseMs ?? MAIL_DEFAULTS.leaseMs,
      maxAttempts: options.maxAttempts ?? MAIL_DEFAULTS.maxAttempts,
      backoffBaseMs: options.backoffBaseMs ?? MAIL_DEFAULTS.backoffBaseMs,
      backoffMaxMs: options.backoffMaxMs ?? MAIL_DEFAULTS.backoffMaxMs,
      redactSentSecrets: options.redactSentSecrets ?? MAIL_DEFAULTS.redactSentSecrets,
    };
  }

  /** Starts polling. Idempotent. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#schedule(0);
  }

  /** Looks for due mail now rather than at the next poll (e.g. right after a commit that queued one). */
  kick(): void {
    if (!this.#started) return;
    if (this.#running) this.#kicked = true; // run again as soon as this run ends
    else this.#schedule(0);
  }

  /** Stops polling and waits for a send in progress to finish. */
  async stop(): Promise<void> {
    this.#started = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** Sends every message due now, one batch at a time. Returns what happened. */
  async runOnce(): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    for (;;) {
      if (!this.#db.open) break;
      const batch = claimDueMessages(this.#db, this.#clock.now(), this.#options.leaseMs, this.#options.batchSize);
      for (const message of batch) {
        if (await this.#send(message)) sent += 1;
        else failed += 1;
      }
      if (batch.length < this.#options.batchSize) break;
    }
    return { sent, failed };
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#running = this.runOnce()
        .catch((err: unknown) => this.#log.error({ err }, 'mail worker run failed'))
        .finally(() => {
          this.#running = undefined;
          const again = this.#kicked;
          this.#kicked = false;
          if (this.#started) this.#schedule(again ? 0 : this.#options.pollIntervalMs);
        });
    }, delayMs);
    // Polling alone must not keep a process alive (tests, CLI scripts); servers do that.
    this.#timer.unref();
  }

  async #send(message: DueMessage): Promise<boolean> {
    try {
      const attachments = this.#db.open ? listOutboxAttachments(this.#db, message.id) : [];
      await this.#transport.sendMail({
        from: { name: message.senderName, address: message.senderAddress },
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': message.language },
        ...(attachments.length > 0 ? { attachments } : {}),
      });
    } catch (err) {
      const attempt = message.attempts + 1;
      const giveUp = attempt >= this.#options.maxAttempts;
      const retryAt = giveUp
        ? null
        : this.#clock.now() + backoffDelay(attempt, this.#options.backoffBaseMs, this.#options.backoffMaxMs);
      const reason = describeError(err);
      if (this.#db.open) {
        markAttemptFailed(this.#db, message.id, this.#clock.now(), reason, retryAt, giveUp ? this.#redacted(message) : undefined);
      }
      // Log ids and the error code only: SMTP replies often quote the recipient's address.
      this.#log.warn(
        { outboxId: message.id, attempt, willRetry: !giveUp, code: errorCode(err) },
        giveUp ? 'mail delivery failed; giving up' : 'mail delivery failed; will retry',
      );
      return false;
    }
    if (this.#db.open) {
      markSent(this.#db, message.id, this.#clock.now(), this.#redacted(message));
    }
    this.#log.info({ outboxId: message.id, practice: message.practiceSlug }, 'mail sent');
    return true;
  }

  /** The bodies without their sign-in tokens and codes, when this worker keeps none (R2). */
  #redacted(message: { text: string; html: string }): { text: string; html: string } | undefined {
    if (!this.#options.redactSentSecrets) return undefined;
    return { text: redactSignInTokens(message.text), html: redactSignInTokens(message.html) };
  }
}

function errorCode(err: unknown): string {
  if (err && typeof err === 'object') {
    const { code, name } = err as { code?: unknown; name?: unknown };
    if (typeof code === 'string') return code;
    if (typeof name === 'string') return name;
  }
  return 'unknown';
}

function describeError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return `${errorCode(err)}: ${message}`;
}
