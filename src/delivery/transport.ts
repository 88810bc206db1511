// The transports: ONE pooled transport per process for deliveries (rebuilt when
// the relay settings change; the old one is closed once its sends finish), and
// one-off captured transports for Test and Verify.
import type nodemailerModule from 'nodemailer';
import { PassThrough } from 'node:stream';
import { captureTranscript, type Transcript } from './transcript.js';
import { relayKey, smtpOptions, type RelaySettings, type TimeoutOptions } from './transport-options.js';

export interface SendResult {
  response: string;
  accepted: string[];
  rejected: string[];
}

export interface RawMessage {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  /** "<id@domain>" as in the raw headers (for nodemailer's logs and info.messageId). */
  messageId?: string;
}

/**
 * nodemailer's transport contract is `transport.send(mail, callback)`, where `mail`
 * offers the envelope, the Message-ID and a stream of the message. Mailer.sendMail()
 * would first run its compose pipeline (MailMessage, plugins, a MimeNode even for `raw`,
 * a generated Message-ID): more than half the CPU of sending a pre-composed message.
 * Our messages are composed once at enqueue, so the pool gets them as they are.
 */
interface PoolTransport {
  send(mail: unknown, callback: (err: Error | null, info?: { response?: string; accepted?: unknown[]; rejected?: unknown[] }) => void): unknown;
}

function preComposed(message: RawMessage) {
  const messageId = message.messageId ?? '';
  return {
    data: {},
    message: {
      // A fresh object each time: the pool adds DSN fields to what it gets.
      getEnvelope: () => ({ from: message.envelope.from, to: [...message.envelope.to] }),
      messageId: () => messageId,
      getHeader: (name: string) => (name.toLowerCase() === 'message-id' ? messageId : undefined),
      createReadStream: () => {
        const stream = new PassThrough();
        stream.end(message.raw);
        return stream;
      },
    },
  };
}

type Nodemailer = typeof nodemailerModule;
type Mailer = ReturnType<Nodemailer['createTransport']>;

// Loaded on first use: a short-lived producer (`outbound enqueue`) never opens an SMTP
// connection and should not pay for loading the transports at start-up.
let nodemailer: Nodemailer | undefined;
let loading: Promise<Nodemailer> | undefined;

export function loadTransports(): Promise<Nodemailer> {
  loading ??= import('nodemailer').then((m) => (nodemailer = (m.default ?? m) as Nodemailer));
  return loading;
}

function mailerModule(): Nodemailer {
  if (!nodemailer) throw new Error('internal: loadTransports() must complete before a transport is created');
  return nodemailer;
}

/** A pooled transport plus the bookkeeping to retire it safely. Call loadTransports() first. */
export class PooledTransport {
  readonly key: string;
  private readonly mailer: Mailer;
  /** The SMTPPool behind the Mailer, when it offers the transport contract (else sendMail). */
  private readonly pool: PoolTransport | null;
  private pending = 0;
  private retired = false;
  private closed = false;

  constructor(readonly settings: RelaySettings, timeouts: TimeoutOptions) {
    this.key = relayKey(settings);
    const maxConnections = Math.max(1, settings.maxConnections);
    this.mailer = mailerModule().createTransport({
      ...smtpOptions(settings, timeouts),
      pool: true,
      maxConnections,
      // Reuse a connection for many messages; new connections cost a round of greetings.
      maxMessages: Infinity,
      ...(settings.rateLimit > 0 ? { rateDelta: 1000, rateLimit: settings.rateLimit } : {}),
    });
    const transporter = (this.mailer as unknown as { transporter?: Partial<PoolTransport> }).transporter;
    this.pool = typeof transporter?.send === 'function' ? (transporter as PoolTransport) : null;
  }

  async send(message: RawMessage): Promise<SendResult> {
    this.pending++;
    try {
      const info = this.pool
        ? await new Promise<{ response?: string; accepted?: unknown[]; rejected?: unknown[] }>((resolve, reject) =>
            this.pool!.send(preComposed(message), (err, info) => (err ? reject(err) : resolve(info ?? {}))),
          )
        : await this.mailer.sendMail({ envelope: message.envelope, raw: message.raw });
      return {
        response: String(info.response ?? ''),
        accepted: (info.accepted ?? []).map(String),
        rejected: (info.rejected ?? []).map(String),
      };
    } finally {
      this.pending--;
      if (this.retired && this.pending === 0) this.close();
    }
  }

  inFlight(): number {
    return this.pending;
  }

  /** No new sends will come; close as soon as the ones in flight are done. */
  retire(): void {
    this.retired = true;
    if (this.pending === 0) this.close();
  }

  /** `force`: also drop connections in the middle of a delivery (shutdown after its timeout). */
  close(force = false): void {
    if (this.closed) return;
    this.closed = true;
    const pool = (this.mailer as unknown as { transporter?: { close?: (o?: { force?: boolean }) => void } }).transporter;
    if (force && typeof pool?.close === 'function') pool.close({ force: true });
    else this.mailer.close();
  }
}

/** A single-connection transport that records the whole conversation (Test, Verify). Call loadTransports() first. */
export function capturedTransport(settings: RelaySettings, timeouts: TimeoutOptions, redact: (t: string) => string): { mailer: Mailer; transcript: Transcript } {
  const transcript = captureTranscript(redact);
  const mailer = mailerModule().createTransport({
    ...smtpOptions(settings, timeouts),
    logger: transcript.logger,
    debug: true,
  });
  return { mailer, transcript };
}
