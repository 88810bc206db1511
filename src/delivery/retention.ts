// Retention purge: deletes sent/failed rows older than the cut-off in small
// chunks, yielding to the event loop between chunks so a console stays
// responsive while a million rows go. Queued, deferred and sending rows are
// never touched (the store's purgeChunk only selects sent|failed).
import type { Store } from '../store/open.js';
import { countPurgeable, purgeChunk } from '../store/emails.js';

export const PURGE_CHUNK = 500;
export const DAY_MS = 86_400_000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface PurgeOptions {
  /** Rows created before this time (ms) go. */
  before: number;
  dryRun?: boolean;
  chunk?: number;
  /** Checked between chunks: stop early (the process is closing). */
  cancelled?: () => boolean;
  onProgress?: (deleted: number) => void;
}

export async function purgeOld(store: Store, options: PurgeOptions): Promise<number> {
  if (options.dryRun) return countPurgeable(store, options.before);
  const chunk = options.chunk ?? PURGE_CHUNK;
  let total = 0;
  for (;;) {
    if (options.cancelled?.()) break;
    const n = purgeChunk(store, { before: options.before, limit: chunk });
    total += n;
    if (n > 0) options.onProgress?.(total);
    if (n < chunk) break;
    await yieldToEventLoop();
  }
  return total;
}

export function cutoff(days: number, now = Date.now()): number {
  return now - days * DAY_MS;
}
