// Batches delivery outcomes into few transactions: a busy pool finishes
// thousands of messages a second, and one COMMIT per message would cap the
// engine far below the SMTP rate. Flushes every `intervalMs` or at `maxBatch`.
import type { Store } from '../store/open.js';
import type { Outcome } from '../store/emails.js';
import { recordOutcomesFast } from './record-outcomes.js';

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
  private readonly intervalMs: number;
  private readonly maxBatch: number;

  constructor(private readonly store: Store, private readonly options: OutcomeWriterOptions = {}) {
    this.intervalMs = options.intervalMs ?? 20;
    this.maxBatch = options.maxBatch ?? 200;
  }

  /** Queues an outcome; resolves once it is committed (or dropped after close). */
  add(outcome: Outcome): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.buffer.push(outcome);
    const done = new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.buffer.length >= this.maxBatch) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.intervalMs);
    return done;
  }

  pending(): number {
    return this.buffer.length;
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
    try {
      recordOutcomesFast(this.store, batch);
      this.options.onFlushed?.(batch);
    } catch (err) {
      this.options.onError?.(err);
    } finally {
      for (const w of waiters) w();
    }
  }

  /** Writes what is buffered and refuses further outcomes. */
  close(): void {
    this.flush();
    this.closed = true;
  }
}
