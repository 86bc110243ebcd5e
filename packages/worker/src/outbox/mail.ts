import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';

/** The one SMTP connection pool of a worker: nodemailer over `SMTP_URL`. */
export interface Mailer {
  send(message: MailMessage): Promise<{ ok: true } | { ok: false; error: string }>;
  close(): void;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The outbox key: the Message-ID is derived from it, so a redelivery is the same message. */
  idempotencyKey: string;
  headers?: Record<string, string>;
}

/** `<hash of the key>@<the From's domain>`: stable per occasion, and says nothing of it. */
export function messageIdFor(key: string, from: string): string {
  const domain = /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? 'velog-insights.invalid';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${domain}>`;
}

export function createMailer(config: { smtpUrl: string; from: string }): Mailer {
  // Bounded well inside the outbox claim (5 min): a send still running when its claim runs out
  // would be taken over and sent a second time. nodemailer's own socket timeout is 10 min.
  const transport: Transporter = nodemailer.createTransport({
    url: config.smtpUrl,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(message) {
      try {
        await transport.sendMail({
          from: config.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: messageIdFor(message.idempotencyKey, config.from),
          headers: message.headers ?? {},
        });
        return { ok: true };
      } catch (error) {
        return {
          ok: false,
          error: `smtp: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
    },
    close: () => transport.close(),
  };
}
