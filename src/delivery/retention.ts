// Retention purge: deletes sent/failed rows older than the cut-off in small
// chunks, yielding to the event loop so a console stays responsive while a
// million rows go (budget: no event-loop stall over 50 ms). Queued, deferred
// and sending rows are never touched (the store's purgeChunk only selects
// sent|failed).
//
// Time-sliced: delete chunk after chunk for about PURGE_SLICE_MS, then yield.
// A chunk's cost varies several-fold with the machine's load, the page cache
// and the rows' indexes (each deleted row touches ~17 index b-trees, its body
// and its attempts), so the chunk size follows the time the last chunk took,
// aiming at CHUNK_TARGET_MS: the longest stall stays near slice + one chunk
// whatever the machine, and a fast machine still deletes big chunks.
//
// Not solved here: SQLite's automatic WAL checkpoint runs inside whichever commit
// crosses 1000 WAL pages (every few chunks on a Log with 17 indexes) and waits for
// its fsyncs on this thread: 50–250 ms on a busy disk. See the purge benchmark.
import type { Store } from '../store/open.js';
import { countPurgeable, purgeChunk } from '../store/emails.js';

/** Rows in the first chunk; later chunks are sized from the time it took. */
export const PURGE_CHUNK = 100;
/** Delete chunks back to back for at most this long, then yield to the event loop. */
export const PURGE_SLICE_MS = 8;
/** What one chunk (one DELETE transaction) should take. */
const CHUNK_TARGET_MS = 3;
const MIN_CHUNK = 10;
const MAX_CHUNK = 2000;
export const DAY_MS = 86_400_000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface PurgeOptions {
  /** Rows created before this time (ms) go. */
  before: number;
  dryRun?: boolean;
  /** A fixed chunk size (rows per DELETE); default: adaptive, starting at PURGE_CHUNK. */
  chunk?: number;
  /** How long to delete before yielding (ms); default PURGE_SLICE_MS. */
  sliceMs?: number;
  /** Checked between chunks: stop early (the process is closing). */
  cancelled?: () => boolean;
  onProgress?: (deleted: number) => void;
}

/** The next chunk size: scaled towards the target time, at most doubling at once. */
function nextChunk(limit: number, tookMs: number): number {
  const scaled = limit * (CHUNK_TARGET_MS / Math.max(tookMs, 0.05));
  return Math.round(Math.min(MAX_CHUNK, limit * 2, Math.max(MIN_CHUNK, scaled)));
}

export async function purgeOld(store: Store, options: PurgeOptions): Promise<number> {
  if (options.dryRun) return countPurgeable(store, options.before);
  const adaptive = options.chunk === undefined;
  const sliceMs = options.sliceMs ?? PURGE_SLICE_MS;
  let limit = Math.max(1, Math.floor(options.chunk ?? PURGE_CHUNK));
  let total = 0;
  for (;;) {
    const sliceStart = performance.now();
    let done = false;
    for (;;) {
      if (options.cancelled?.()) return total;
      const started = performance.now();
      const n = purgeChunk(store, { before: options.before, limit });
      const now = performance.now();
      total += n;
      if (n < limit) {
        done = true; // nothing older is left
        break;
      }
      if (adaptive) limit = nextChunk(limit, now - started);
      if (now - sliceStart >= sliceMs) break;
    }
    if (total > 0) options.onProgress?.(total);
    if (done) return total;
    await yieldToEventLoop();
  }
}

export function cutoff(days: number, now = Date.now()): number {
  return now - days * DAY_MS;
}
