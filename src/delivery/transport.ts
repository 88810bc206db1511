// The transports: ONE pooled transport per process for deliveries (rebuilt when
// the relay settings change; the old one is closed once its sends finish), and
// one-off captured transports for Test and Verify.
import type nodemailerModule from 'nodemailer';
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
  }

  async send(message: RawMessage): Promise<SendResult> {
    this.pending++;
    try {
      const info = await this.mailer.sendMail({ envelope: message.envelope, raw: message.raw });
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

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.mailer.close();
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
