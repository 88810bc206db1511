// The delivery engine: claim due rows (atomically, with a lease) → send over
// the process's one pooled transport → record outcomes in batched
// transactions. Auto-delivery gates only the automatic loop; Send Now, Forward
// and Test go through sendNow/sendCaptured whatever the toggle.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Store } from '../store/open.js';
import type { ClaimedEmail, Outcome } from '../store/emails.js';
import { inlineDb, type DbPort } from './db-port.js';
import { startWorkerDb } from './worker-db.js';
import { makeRedactor } from './redactor.js';
import type { SendNowOptions, SendNowResult } from '../types.js';
import { decideRetry, type RetryPolicy } from './backoff.js';
import { failedOutcome, sentOutcome, type AttemptContext, type FailureOutcome } from './classify-outcome.js';
import { OutcomeWriter } from './outcome-writer.js';
import { capText, synthesizeTranscript } from './transcript.js';
import { loadTransports, PooledTransport } from './transport.js';
import { sendCapturedMessage, verifyRelay, type Captured } from './captured.js';
import type { SessionFacts } from './session-facts.js';
import { hostPort, say } from '../mail/diagnosis.js';
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
  /** Claim and record on a worker thread once started (keeps the main thread for SMTP). Default true. */
  dbThread?: boolean;
  /**
   * Called after each claim, before the rows are sent: a chance to notice a settings
   * change made elsewhere a moment ago (the watcher polls; a claim can beat its next poll).
   */
  beforeSend?: () => void;
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
  private redact: (text: string) => string;
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
  private repump = false;
  private inflight = 0;
  /** Claimed rows waiting for a pool slot: we hand the pool only a few per connection so that
   * a relay failure can stop the rest at once, and leases can be renewed while they wait. */
  private readonly waiting: Job[] = [];
  /** Jobs handed to the pool (sending now, or next in line on a connection). */
  private readonly handed = new Set<Job>();
  /** The relay failed at connection level (refused, timeout, TLS, login): no automatic claims until then. */
  private relayDownUntil = 0;
  private readonly idle: (() => void)[] = [];
  private ticker: NodeJS.Timeout | null = null;
  private lastLeaseSweep = 0;
  private readonly recipients = new Map<number, string>();
  /** Inline until start(); then, if allowed, a worker thread with its own connection. */
  private db: DbPort;
  private dbStarting: Promise<void> | null = null;

  constructor(private readonly options: EngineOptions) {
    this.settings = options.settings;
    this.redact = makeRedactor(this.settings.password);
    this.leaseMs = options.leaseMs ?? 120_000;
    this.tickMs = options.tickMs ?? 1000;
    this.retry = { retryBaseMs: options.retryBaseMs ?? 60_000, retryMaxMs: options.retryMaxMs ?? 3_600_000 };
    this.db = inlineDb(options.store);
    this.writer = new OutcomeWriter(() => this.db, {
      onFlushed: (batch) => {
        if (options.onOutcome) for (const o of batch) {
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
    void loadTransports().catch((err) => this.options.onError?.(err));
    if (this.options.dbThread !== false && this.options.deliver !== false) {
      this.dbStarting = startWorkerDb(this.options.store.path).then(
        (port) => {
          if (this.stopping) return void port.close();
          this.db = port;
        },
        (err) => this.options.onError?.(err), // stay inline: slower, still correct
      );
    }
    this.wake();
  }

  /** New settings (re-read after a change anywhere): rebuild the pool if the relay changed. */
  applySettings(next: EngineSettings): void {
    const relayChanged = relayKey(next) !== relayKey(this.settings);
    if (next.password !== this.settings.password) this.redact = makeRedactor(next.password);
    this.settings = next;
    if (relayChanged) this.relayDownUntil = 0; // new settings deserve a try at once
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
    const base = 4 * Math.max(1, this.settings.maxConnections) * 10;
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
    this.renewHeldLeases();
    this.pump();
  }

  /** Rows we still hold (waiting for a slot or on a slow server) keep their lease. */
  private renewHeldLeases(): void {
    const now = Date.now();
    const stale: Job[] = [];
    for (const job of [...this.waiting, ...this.handed]) if (now - job.leasedAt > this.leaseMs / 3) stale.push(job);
    if (stale.length === 0) return;
    for (const j of stale) j.leasedAt = now;
    this.db.renew(stale.map((j) => j.row.id), { now, leaseMs: this.leaseMs, owner: this.owner }).catch((err) => this.options.onError?.(err));
  }

  private sweepLeases(force: boolean): void {
    const now = Date.now();
    const every = Math.max(500, Math.min(this.leaseMs / 2, 30_000));
    if (!force && now - this.lastLeaseSweep < every) return;
    this.lastLeaseSweep = now;
    this.db.recover(now).then(
      (n) => {
        if (n > 0) {
          this.options.onRecorded?.(0);
          this.wake();
        }
      },
      (err) => this.options.onError?.(err),
    );
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.repump = true; // something changed while we were claiming: look again afterwards
      return;
    }
    if (!this.running || this.stopping) return;
    if (this.options.deliver === false || !this.settings.autoDelivery) return;
    if (Date.now() < this.relayDownUntil) return;
    this.pumping = true;
    try {
      // Top the pool up when it is half drained, in one claim (one transaction). What counts
      // is what still waits for SMTP; finished rows being recorded no longer need the pool.
      for (;;) {
        const window = this.window();
        const queued = this.waiting.length + this.handed.size;
        if (!this.running || this.stopping || !this.settings.autoDelivery || queued > window * LOW_WATER) break;
        if (Date.now() < this.relayDownUntil) break;
        const claimed = await this.db.claimDue({ now: Date.now(), limit: window - queued, leaseMs: this.leaseMs, owner: this.owner });
        if (claimed.length === 0) break;
        this.options.beforeSend?.();
        for (const row of claimed) void this.dispatch(row);
      }
    } catch (err) {
      this.options.onError?.(err);
    } finally {
      this.pumping = false;
      if (this.repump) {
        this.repump = false;
        this.wake();
      }
    }
  }

  private pool(): PooledTransport {
    if (!this.transport) this.transport = new PooledTransport(this.settings, this.options);
    return this.transport;
  }

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

  /** Queues one claimed row for the pool; resolves with its outcome once recorded ('released' if closed first). */
  private dispatch(row: ClaimedEmail): Promise<Outcome['outcome'] | 'released'> {
    this.inflight++;
    if (this.options.onOutcome) this.recipients.set(row.id, row.to);
    return new Promise((resolve) => {
      this.waiting.push({ row, leasedAt: Date.now(), resolve });
      this.feed();
    });
  }

  /** Keeps every pool connection busy with one message and one more in line. */
  private feed(): void {
    const limit = Math.max(2, this.settings.maxConnections * 2);
    while (this.handed.size < limit && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.handed.add(job);
      void this.attempt(job);
    }
  }

  private async attempt(job: Job): Promise<void> {
    await loadTransports(); // resolved at once after the first time
    const ctx = this.context(job.row);
    const transport = this.pool();
    let outcome: Outcome | FailureOutcome;
    try {
      const result = await transport.send(job.row);
      outcome = sentOutcome(ctx, result, '');
    } catch (err) {
      const target = `connecting to ${describeRelay(this.settings)}`;
      const transcript = capText(this.redact(synthesizeTranscript(target, err as Record<string, string>)));
      const failure = failedOutcome(ctx, err, this.policy(), transcript);
      outcome = failure;
      // Only a failure of the current relay says anything about the rows still waiting for it.
      if ((failure.kind === 'config' || failure.smtpCode === null) && transport === this.transport) this.relayFailed(failure);
    }
    this.handed.delete(job);
    this.finish(job, outcome);
    this.feed();
    if (this.waiting.length + this.handed.size <= this.window() * LOW_WATER) this.wake();
  }

  /**
   * The relay itself failed (no connection, no greeting, TLS or login refused):
   * the rows still waiting would fail the same way, one timeout each. Defer them
   * now with the same diagnosis and pause automatic claims for one retry delay.
   */
  private relayFailed(failure: FailureOutcome): void {
    this.relayDownUntil = Date.now() + this.retry.retryBaseMs;
    const pending = this.waiting.splice(0);
    const now = Date.now();
    for (const job of pending) {
      const decision = decideRetry(job.row.createdAt, job.row.attempts, now, this.policy());
      this.finish(job, {
        id: job.row.id,
        owner: this.owner,
        outcome: decision.retry ? 'deferred' : 'failed',
        startedAt: now,
        finishedAt: now,
        smtpCode: failure.smtpCode,
        response: failure.response,
        errorCode: failure.errorCode,
        diagnosis: decision.retry ? failure.diagnosis : `${failure.diagnosis} — ${decision.reason}`,
        transcript: `* not attempted: the relay had just failed the same way for message ${failure.id}`,
        ...(decision.retry ? { nextAttemptAt: decision.nextAttemptAt } : {}),
      });
    }
  }

  private finish(job: Job, outcome: Outcome & { kind?: string }): void {
    // Redact what the server said too: some servers echo the AUTH payload in errors.
    outcome.response = this.redact(outcome.response);
    outcome.diagnosis = this.redact(outcome.diagnosis);
    this.writer.add(stripKind(outcome), () => job.resolve(outcome.outcome));
    this.inflight--;
    if (this.inflight === 0) for (const resolve of this.idle.splice(0)) resolve();
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
      const { claimed, skipped } = await this.db.claimIds(unique.slice(i, i + chunk), {
        now: Date.now(),
        leaseMs: this.leaseMs,
        owner: this.owner,
        resend: options.resend ?? false,
      });
      if (claimed.length) this.options.beforeSend?.();
      result.skipped.push(...skipped);
      done += skipped.length;
      if (skipped.length) options.onProgress?.(done, total);
      await Promise.all(
        claimed.map(async (row) => {
          const outcome = await this.dispatch(row);
          if (outcome === 'released') result.skipped.push({ id: row.id, reason: 'not attempted: outbound was closing (it is back in the queue)' });
          else result[outcome].push(row.id);
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
    if (this.options.onOutcome) this.recipients.set(row.id, row.to);
    const ctx = this.context(row);
    const result = await sendCapturedMessage(this.settings, this.options, (t) => this.redact(t), row);
    const outcome: Outcome = result.ok ? sentOutcome(ctx, result.value, '') : stripKind(failedOutcome(ctx, result.error, this.policy(), ''));
    // Accepted, but not through the login the settings ask for: say so rather than let "sent" imply it.
    if (result.ok && this.settings.user && !result.session.loggedIn) {
      const note = say.authNotOffered(hostPort(this.settings.host, this.settings.port));
      outcome.diagnosis = outcome.diagnosis ? `${outcome.diagnosis}. ${note}` : note;
    }
    outcome.response = this.redact(outcome.response);
    outcome.diagnosis = this.redact(outcome.diagnosis);
    outcome.transcript = result.transcript;
    const recorded = new Promise<void>((resolve) => this.writer.add(outcome, resolve));
    this.inflight--;
    if (this.inflight === 0) for (const resolve of this.idle.splice(0)) resolve();
    await recorded;
    return { outcome, transcript: outcome.transcript };
  }

  /** Connects, greets, negotiates TLS and logs in, sending nothing. */
  verify(): Promise<Captured<SessionFacts>> {
    return verifyRelay(this.settings, this.options, (t) => this.redact(t));
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
    // Rows that never reached the pool go back to the queue with the leases released below.
    for (const job of this.waiting.splice(0)) {
      this.inflight--;
      job.resolve('released');
    }
    await this.dbStarting;
    await this.writer.close();
    await this.db.release(this.owner).catch((err) => this.options.onError?.(err));
    await this.db.close();
    // Whatever is still on the wire after the timeout is abandoned; its lease was released above.
    this.transport?.close(true);
    for (const t of this.retired) t.close(true);
    this.transport = null;
  }
}

/**
 * Claim more when what waits for SMTP falls to this share of the window: the claim
 * (a round trip to the database thread, behind any batch being recorded) must land
 * before the pool runs dry.
 */
const LOW_WATER = 0.6;

interface Job {
  row: ClaimedEmail;
  /** When the lease was taken or last renewed. */
  leasedAt: number;
  resolve: (outcome: Outcome['outcome'] | 'released') => void;
}

function stripKind(o: Outcome & { kind?: string }): Outcome {
  if (!('kind' in o)) return o;
  const { kind: _kind, ...rest } = o;
  return rest;
}
