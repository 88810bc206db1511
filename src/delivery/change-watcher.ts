// Cross-process change detection. SQLite bumps PRAGMA data_version on our
// connection whenever ANOTHER connection commits, so polling it is nearly free
// and tells us exactly when to look again (our own writes we know about).
import type { Store } from '../store/open.js';
import { dataVersion } from '../store/open.js';

export class ChangeWatcher {
  private timer: NodeJS.Timeout | null = null;
  private last: number;

  constructor(
    private readonly store: Store,
    private readonly pollMs: number,
    private readonly onExternalChange: () => void,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.last = dataVersion(store);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.check(), this.pollMs);
  }

  /** Returns true when another connection wrote since the last check. */
  check(): boolean {
    try {
      const v = dataVersion(this.store);
      if (v === this.last) return false;
      this.last = v;
      this.onExternalChange();
      return true;
    } catch (err) {
      this.onError(err);
      return false;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
