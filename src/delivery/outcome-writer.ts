// Batches delivery outcomes into few transactions: a busy pool finishes
// thousands of messages a second, and one COMMIT per message would cap the
// engine far below the SMTP rate. Flushes every `intervalMs` or at `maxBatch`.
import type { Outcome } from '../store/emails.js';
import type { DbPort } from './db-port.js';

export interface OutcomeWriterOptions {
  intervalMs?: number;
  maxBatch?: number;
  /** After each committed batch (change events, per-outcome callbacks). */
  onFlushed?: (batch: Outcome[]) => void;
  /** A flush that failed (disk full, db closed): the rows stay leased and recover later. */
  onError?: (err: unknown) => void;
}

export class OutcomeWriter {
  private buffer: Outcome[] = [];
  private waiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly intervalMs: number;
  private readonly maxBatch: number;

  constructor(private readonly db: () => DbPort, private readonly options: OutcomeWriterOptions = {}) {
    this.intervalMs = options.intervalMs ?? 20;
    this.maxBatch = options.maxBatch ?? 200;
  }

  /** Queues an outcome; `done` runs once it is committed (or dropped after close). */
  add(outcome: Outcome, done: () => void = noop): void {
    if (this.closed) return done();
    this.buffer.push(outcome);
    this.waiters.push(done);
    if (this.buffer.length >= this.maxBatch) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    const waiters = this.waiters;
    this.buffer = [];
    this.waiters = [];
    const p = this.db()
      .record(batch)
      .then(
        () => this.options.onFlushed?.(batch),
        (err) => this.options.onError?.(err),
      )
      .finally(() => {
        this.inFlight.delete(p);
        for (const w of waiters) w();
      });
    this.inFlight.add(p);
  }

  /** Writes what is buffered, waits for every batch to commit, refuses further outcomes. */
  async close(): Promise<void> {
    this.flush();
    this.closed = true;
    await Promise.all([...this.inFlight]);
  }
}

function noop(): void {}
