import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/*
 * The two real receivers alerts go to: an SMTP server and an HTTP webhook endpoint, both on
 * loopback. Tests wait on what arrives (promises), never on time.
 */

/** Resolves `until(n)` once `n` items have arrived. */
class Arrivals<T> {
  readonly items: T[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];

  push(item: T): void {
    this.items.push(item);
    this.waiters = this.waiters.filter((waiter) => {
      if (this.items.length < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  }

  until(count: number): Promise<T[]> {
    if (this.items.length >= count) return Promise.resolve(this.items);
    return new Promise((resolve) => {
      this.waiters.push({ count, resolve: () => resolve(this.items) });
    });
  }
}

export interface ReceivedMail {
  to: string[];
  headers: Map<string, string>;
  /** The text/plain part, decoded. */
  text: string;
  raw: string;
}

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, encoding: string, data: string) =>
    encoding.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeQuotedPrintable(data.replaceAll('_', ' ')),
  );
}

function decodeQuotedPrintable(value: string): string {
  const bytes = value
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers.set(line.slice(0, colon).toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  return headers;
}

/** The text/plain part of a message nodemailer wrote (multipart/alternative or single). */
function textPart(raw: string): string {
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  for (const part of parts) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const headers = parseHeaders(part.slice(0, split));
    if (!headers.get('content-type')?.startsWith('text/plain')) continue;
    const body = part.slice(split).trim();
    const encoding = headers.get('content-transfer-encoding');
    if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
    if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
    return body;
  }
  return '';
}

export interface SmtpReceiver {
  url: string;
  mails: Arrivals<ReceivedMail>;
  close(): Promise<void>;
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const mails = new Arrivals<ReceivedMail>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const split = raw.search(/\r?\n\r?\n/);
        mails.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          headers: parseHeaders(raw.slice(0, split)),
          text: textPart(raw),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedHook {
  path: string;
  body: { text: string; content: string };
  idempotencyKey: string | undefined;
  /** The signature checked with the path's secret, as a receiver would. */
  signatureValid: boolean;
  status: number;
}

export interface WebhookReceiver {
  url(path: string): string;
  hooks: Arrivals<ReceivedHook>;
  /** Statuses to answer the next requests with, in order; 200 once they run out. */
  failNext(...statuses: number[]): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(secrets: Map<string, string>): Promise<WebhookReceiver> {
  const hooks = new Arrivals<ReceivedHook>();
  const queued: number[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = request.url ?? '';
      const timestamp = String(request.headers['x-velog-insights-timestamp'] ?? '');
      const given = String(request.headers['x-velog-insights-signature'] ?? '');
      const secret = secrets.get(path) ?? '';
      const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
      const signatureValid =
        secret !== '' &&
        given.length === expected.length &&
        timingSafeEqual(Buffer.from(given), Buffer.from(expected));
      const status = queued.shift() ?? 200;
      hooks.push({
        path,
        body: JSON.parse(body),
        idempotencyKey: request.headers['idempotency-key'] as string | undefined,
        signatureValid,
        status,
      });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hooks,
    failNext: (...statuses) => queued.push(...statuses),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
