// The delivery engine: claim due rows (atomically, with a lease) → send over
// the process's one pooled transport → record outcomes in batched
// transactions. Auto-delivery gates only the automatic loop; Send Now, Forward
// and Test go through sendNow/sendCaptured whatever the toggle.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Store } from '../store/open.js';
import { claimDue, claimIds, recoverExpiredLeases, releaseLeases, type ClaimedEmail, type Outcome } from '../store/emails.js';
import { redactTranscript } from '../mail/index.js';
import type { SendNowOptions, SendNowResult } from '../types.js';
import type { RetryPolicy } from './backoff.js';
import { failedOutcome, sentOutcome, type AttemptContext } from './classify-outcome.js';
import { OutcomeWriter } from './outcome-writer.js';
import { capText, synthesizeTranscript } from './transcript.js';
import { capturedTransport, PooledTransport } from './transport.js';
import { describeRelay, relayKey, type RelaySettings, type TimeoutOptions } from './transport-options.js';

export interface EngineSettings extends RelaySettings {
  autoDelivery: boolean;
  maxLifetimeHours: number;
}

export interface EngineOptions extends TimeoutOptions {
  store: Store;
  settings: EngineSettings;
  /** Lease on claimed rows. Default 120000. */
  leaseMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How often to look for due retries and expired leases when idle. Default 1000. */
  tickMs?: number;
  /** Run the automatic loop (still gated by settings.autoDelivery). Default true. */
  deliver?: boolean;
  /** Each recorded outcome, after its batch committed. */
  onOutcome?: (o: Outcome & { to: string }) => void;
  /** After each committed batch of outcomes. */
  onRecorded?: (count: number) => void;
  onError?: (err: unknown) => void;
}

export interface CapturedResult {
  outcome: Outcome;
  transcript: string;
}

export class DeliveryEngine {
  /** Unique per process (and per engine): the lease owner of the rows we claim. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private settings: EngineSettings;
  private transport: PooledTransport | null = null;
  private readonly retired = new Set<PooledTransport>();
  private readonly writer: OutcomeWriter;
  private readonly leaseMs: number;
  private readonly tickMs: number;
  private readonly retry: Omit<RetryPolicy, 'maxLifetimeMs'>;
  private running = false;
  private stopping = false;
  private pumping = false;
  private wakeScheduled = false;
  private autoInFlight = 0;
  private inflight = 0;
  private readonly idle: (() => void)[] = [];
  private ticker: NodeJS.Timeout | null = null;
  private lastLeaseSweep = 0;
  private readonly recipients = new Map<number, string>();

  constructor(private readonly options: EngineOptions) {
    this.settings = options.settings;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.tickMs = options.tickMs ?? 1000;
    this.retry = { retryBaseMs: options.retryBaseMs ?? 60_000, retryMaxMs: options.retryMaxMs ?? 3_600_000 };
    this.writer = new OutcomeWriter(options.store, {
      onFlushed: (batch) => {
        for (const o of batch) {
          const to = this.recipients.get(o.id) ?? '';
          this.recipients.delete(o.id);
          try {
            options.onOutcome?.({ ...o, to });
          } catch (err) {
            options.onError?.(err);
          }
        }
        options.onRecorded?.(batch.length);
      },
      onError: (err) => options.onError?.(err),
    });
  }

  /** Recovers expired leases and starts the automatic loop. */
  start(): void {
    if (this.running || this.stopping) return;
    this.running = true;
    this.sweepLeases(true);
    this.ticker = setInterval(() => this.tick(), this.tickMs);
    this.wake();
  }

  /** New settings (re-read after a change anywhere): rebuild the pool if the relay changed. */
  applySettings(next: EngineSettings): void {
    const relayChanged = relayKey(next) !== relayKey(this.settings);
    this.settings = next;
    if (relayChanged && this.transport) {
      // Sends already handed to the old pool finish there; new ones use the new pool.
      const old = this.transport;
      this.transport = null;
      this.retired.add(old);
      old.retire();
    }
    this.wake();
  }

  /** Something may be due (new mail, toggle on, another process wrote). */
  wake(): void {
    if (this.wakeScheduled || !this.running) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      this.pump();
    });
  }

  inFlight(): number {
    return this.inflight;
  }

  /** How many messages the automatic loop keeps handed to the pool: enough to keep every connection busy. */
  private window(): number {
    const base = 2 * Math.max(1, this.settings.maxConnections) * 10;
    if (this.settings.rateLimit > 0) {
      // A rate-limited pool drains slowly: never claim more than half a lease's worth.
      return Math.max(1, Math.min(base, Math.floor((this.settings.rateLimit * this.leaseMs) / 2000)));
    }
    return base;
  }

  private policy(): RetryPolicy {
    return { ...this.retry, maxLifetimeMs: this.settings.maxLifetimeHours * 3_600_000 };
  }

  private tick(): void {
    this.sweepLeases(false);
    this.pump();
  }

  private sweepLeases(force: boolean): void {
    const now = Date.now();
    const every = Math.max(500, Math.min(this.leaseMs / 2, 30_000));
    if (!force && now - this.lastLeaseSweep < every) return;
    this.lastLeaseSweep = now;
    try {
      if (recoverExpiredLeases(this.options.store, now) > 0) this.options.onRecorded?.(0);
    } catch (err) {
      this.options.onError?.(err);
    }
  }

  private pump(): void {
    if (this.pumping || !this.running || this.stopping) return;
    if (this.options.deliver === false || !this.settings.autoDelivery) return;
    this.pumping = true;
    try {
      const window = this.window();
      // Top the pool up when it is half drained, in one claim (one transaction).
      while (this.running && !this.stopping && this.settings.autoDelivery && this.autoInFlight <= window / 2) {
        const claimed = claimDue(this.options.store, {
          now: Date.now(),
          limit: window - this.autoInFlight,
          leaseMs: this.leaseMs,
          owner: this.owner,
        });
        if (claimed.length === 0) break;
        for (const row of claimed) {
          this.autoInFlight++;
          void this.dispatch(row).finally(() => {
            this.autoInFlight--;
            if (this.autoInFlight <= window / 2) this.wake();
          });
        }
      }
    } catch (err) {
      this.options.onError?.(err);
    } finally {
      this.pumping = false;
    }
  }

  private pool(): PooledTransport {
    if (!this.transport) this.transport = new PooledTransport(this.settings, this.options);
    return this.transport;
  }

  private redact = (text: string): string => redactTranscript(text, [this.settings.password]);

  private context(row: ClaimedEmail): AttemptContext {
    return {
      id: row.id,
      owner: this.owner,
      createdAt: row.createdAt,
      attempts: row.attempts,
      startedAt: Date.now(),
      host: this.settings.host,
      port: this.settings.port,
      user: this.settings.user,
    };
  }

  /** Sends one claimed row over the pool; resolves with its outcome once recorded. */
  private async dispatch(row: ClaimedEmail): Promise<Outcome['outcome']> {
    this.inflight++;
    this.recipients.set(row.id, row.to);
    const ctx = this.context(row);
    const transport = this.pool();
    let outcome: Outcome;
    try {
      const result = await transport.send(row);
      outcome = sentOutcome(ctx, result, '');
    } catch (err) {
      const target = `connecting to ${describeRelay(this.settings)}`;
      const transcript = capText(this.redact(synthesizeTranscript(target, err as Record<string, string>)));
      outcome = failedOutcome(ctx, err, this.policy(), transcript);
    } finally {
      if (transport !== this.transport && transport.inFlight() === 0) this.retired.delete(transport);
    }
    // Redact what the server said too: some servers echo the AUTH payload in errors.
    outcome.response = this.redact(outcome.response);
    outcome.diagnosis = this.redact(outcome.diagnosis);
    const recorded = this.writer.add(stripKind(outcome));
    this.inflight--;
    if (this.inflight === 0) for (const resolve of this.idle.splice(0)) resolve();
    await recorded;
    return outcome.outcome;
  }

  /**
   * Send Now: the chosen rows at once, whatever the auto-delivery toggle.
   * Claims in chunks so a "select all" of many thousand rows stays bounded in memory.
   */
  async sendNow(ids: number[], options: SendNowOptions = {}): Promise<SendNowResult> {
    const result: SendNowResult = { sent: [], deferred: [], failed: [], skipped: [] };
    const unique = [...new Set(ids)];
    const total = unique.length;
    let done = 0;
    const chunk = Math.max(50, this.window());
    options.onProgress?.(0, total);
    for (let i = 0; i < unique.length; i += chunk) {
      if (this.stopping) {
        for (const id of unique.slice(i)) result.skipped.push({ id, reason: 'shutting down' });
        break;
      }
      const { claimed, skipped } = claimIds(this.options.store, unique.slice(i, i + chunk), {
        now: Date.now(),
        leaseMs: this.leaseMs,
        owner: this.owner,
        resend: options.resend ?? false,
      });
      result.skipped.push(...skipped);
      done += skipped.length;
      if (skipped.length) options.onProgress?.(done, total);
      await Promise.all(
        claimed.map(async (row) => {
          const outcome = await this.dispatch(row);
          result[outcome].push(row.id);
          options.onProgress?.(++done, total);
        }),
      );
    }
    return result;
  }

  /**
   * Sends one claimed row on its own connection with the whole conversation
   * captured (Test): slower, but the operator sees exactly what happened.
   */
  async sendCaptured(row: ClaimedEmail): Promise<CapturedResult> {
    this.inflight++;
    this.recipients.set(row.id, row.to);
    const ctx = this.context(row);
    const { mailer, transcript } = capturedTransport(this.settings, this.options, this.redact);
    transcript.note(`connecting to ${describeRelay(this.settings)}${this.settings.user ? ` as "${this.settings.user}"` : ''}`);
    let outcome: Outcome;
    try {
      const info = await mailer.sendMail({ envelope: row.envelope, raw: row.raw });
      outcome = sentOutcome(
        ctx,
        { response: String(info.response ?? ''), accepted: (info.accepted ?? []).map(String), rejected: (info.rejected ?? []).map(String) },
        '',
      );
    } catch (err) {
      transcript.note(`error ${(err as { code?: string }).code ?? ''}: ${(err as Error).message ?? err}`);
      outcome = failedOutcome(ctx, err, this.policy(), '');
    } finally {
      mailer.close();
    }
    outcome.response = this.redact(outcome.response);
    outcome.diagnosis = this.redact(outcome.diagnosis);
    outcome.transcript = transcript.text();
    const recorded = this.writer.add(stripKind(outcome));
    this.inflight--;
    if (this.inflight === 0) for (const resolve of this.idle.splice(0)) resolve();
    await recorded;
    return { outcome, transcript: outcome.transcript };
  }

  /** Connects, greets, negotiates TLS and logs in, sending nothing. */
  async verify(): Promise<{ ok: true; transcript: string } | { ok: false; error: unknown; transcript: string }> {
    const { mailer, transcript } = capturedTransport(this.settings, this.options, this.redact);
    transcript.note(`connecting to ${describeRelay(this.settings)}${this.settings.user ? ` as "${this.settings.user}"` : ''}`);
    try {
      await mailer.verify();
      transcript.note('connection, TLS and login OK');
      return { ok: true, transcript: transcript.text() };
    } catch (error) {
      transcript.note(`error ${(error as { code?: string }).code ?? ''}: ${(error as Error).message ?? error}`);
      return { ok: false, error, transcript: transcript.text() };
    } finally {
      mailer.close();
    }
  }

  redactText(text: string): string {
    return this.redact(text);
  }

  /**
   * Stops claiming, waits for in-flight sends (up to timeoutMs), records their
   * outcomes, returns this process's remaining leased rows to the queue and
   * closes the transports.
   */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.running = false;
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    if (this.inflight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        timer.unref?.();
        this.idle.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.writer.close();
    try {
      releaseLeases(this.options.store, this.owner);
    } catch (err) {
      this.options.onError?.(err);
    }
    this.transport?.close();
    for (const t of this.retired) t.close();
    this.transport = null;
  }
}

function stripKind(o: Outcome & { kind?: string }): Outcome {
  const { kind: _kind, ...rest } = o;
  return rest;
}
