// Change notifications for the console: coalesced and throttled (at most one
// event per intervalMs, ~10/s) so a burst of thousands of outcomes costs the
// UI one redraw, not thousands.
import type { ChangeEvent } from '../types.js';

type Kind = ChangeEvent['kinds'][number];

export class ChangeEmitter {
  private readonly listeners = new Set<(e: ChangeEvent) => void>();
  private pending = new Set<Kind>();
  private timer: NodeJS.Timeout | null = null;
  private lastEmit = 0;
  private closed = false;

  constructor(private readonly intervalMs = 100) {}

  on(listener: (e: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(...kinds: Kind[]): void {
    if (this.closed || this.listeners.size === 0) return;
    for (const k of kinds) this.pending.add(k);
    if (this.timer) return;
    const wait = Math.max(0, this.lastEmit + this.intervalMs - Date.now());
    this.timer = setTimeout(() => this.fire(), wait);
    this.timer.unref?.();
  }

  private fire(): void {
    this.timer = null;
    if (this.pending.size === 0) return;
    const event: ChangeEvent = { kinds: [...this.pending] };
    this.pending = new Set();
    this.lastEmit = Date.now();
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        /* a listener's bug must not stop delivery */
      }
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }
}
