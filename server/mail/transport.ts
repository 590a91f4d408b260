import nodemailer from 'nodemailer';

/** The part of a nodemailer transporter the worker uses; tests pass a failing one. */
export interface MailTransport {
  sendMail(message: {
    from: { name: string; address: string };
    to: string;
    subject: string;
    text: string;
    html: string;
    headers?: Record<string, string>;
    attachments?: { filename: string; content: Buffer; contentType: string }[];
  }): Promise<unknown>;
  close?(): void;
}

export interface MailTransportChoice {
  transport: MailTransport;
  /** `smtp` sends for real; `development` only renders, and the outbox table is the mailbox. */
  kind: 'smtp' | 'development';
}

/**
 * SMTP when SMTP_URL is set (e.g. `smtps://user:pass@smtp.example.com`); otherwise
 * nodemailer's JSON transport, which builds the message without sending it, so development
 * needs no mail server and /dev/outbox shows what would have gone out.
 */
export function createMailTransport(options: { smtpUrl: string | undefined }): MailTransportChoice {
  if (options.smtpUrl) {
    return {
      kind: 'smtp',
      transport: nodemailer.createTransport({
        url: options.smtpUrl,
        // Fail fast on a dead or slow server (F8); the worker retries with backoff.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      } as Parameters<typeof nodemailer.createTransport>[0]),
    };
  }
  return { kind: 'development', transport: nodemailer.createTransport({ jsonTransport: true }) };
}
