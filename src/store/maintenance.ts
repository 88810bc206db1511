// Retention purge and the numbers of the status bar (counts, activity). All bounded:
// counters come from the trigger-maintained status_counts table, the rest from indexes.
import { and, gte, inArray, lt, min, sql } from 'drizzle-orm';
import { deliveryAttempts, emails, statusCounts } from './schema.js';
import type { Store } from './open.js';
import type { Activity, QueueCounts } from '../types.js';

const PURGEABLE = ['sent', 'failed'];

function purgeableWhere(before: number) {
  return and(inArray(emails.status, PURGEABLE), lt(emails.createdAt, before));
}

/**
 * Deletes up to `limit` sent/failed rows created before `before` (never queued, deferred
 * or sending), with their attempts and bodies. Call it repeatedly, yielding to the event
 * loop between calls, until it returns 0. With dryRun it deletes nothing and returns the
 * total that would be purged (countPurgeable): do not loop on a dry run.
 */
export function purgeChunk(store: Store, opts: { before: number; limit: number; dryRun?: boolean }): number {
  if (opts.dryRun) return countPurgeable(store, opts.before);
  const limit = Math.max(0, Math.floor(opts.limit));
  if (limit === 0) return 0;
  const victims = store.db.select({ id: emails.id }).from(emails).where(purgeableWhere(opts.before)).limit(limit);
  return store.db.transaction((tx) => tx.delete(emails).where(inArray(emails.id, victims)).run().changes, {
    behavior: 'immediate',
  });
}

/** How many rows a purge with this cutoff would delete (index range count). */
export function countPurgeable(store: Store, before: number): number {
  const r = store.db.select({ n: sql<number>`count(*)` }).from(emails).where(purgeableWhere(before)).get();
  return r?.n ?? 0;
}

/** Queue counters (trigger-maintained, no scan), sent since `startOfDay`, oldest waiting row. */
export function counts(store: Store, opts: { startOfDay: number }): QueueCounts {
  const c: QueueCounts = { queued: 0, deferred: 0, sending: 0, sent: 0, failed: 0, sentToday: 0, total: 0, oldestQueuedAt: null };
  for (const r of store.db.select().from(statusCounts).all()) {
    if (r.status in c && r.status !== 'sentToday' && r.status !== 'total') {
      (c as unknown as Record<string, number>)[r.status] = r.count;
      c.total += r.count;
    }
  }
  const today = store.db.select({ n: sql<number>`count(*)` }).from(emails).where(gte(emails.sentAt, opts.startOfDay)).get();
  c.sentToday = opts.startOfDay > 0 ? (today?.n ?? 0) : c.sent;
  // One MIN per status walks the (status, created_at) index to its first entry.
  let oldest: number | null = null;
  for (const status of ['queued', 'deferred']) {
    const r = store.db
      .select({ at: min(emails.createdAt) })
      .from(emails)
      .where(sql`${emails.status} = ${status}`)
      .get();
    if (r?.at != null && (oldest === null || r.at < oldest)) oldest = r.at;
  }
  c.oldestQueuedAt = oldest;
  return c;
}

/**
 * Delivery attempts per bucket, oldest first: `sent` counts successful attempts, `failed`
 * counts failed ones (permanent, and temporary ones that were deferred), `deferred` the
 * temporary ones alone. From the (finished_at, outcome) index.
 */
export function activity(store: Store, opts: { since: number; bucketMs: number; buckets: number }): Activity & { deferred: number[] } {
  const buckets = Math.max(0, Math.floor(opts.buckets));
  const out = { sent: new Array<number>(buckets).fill(0), failed: new Array<number>(buckets).fill(0), deferred: new Array<number>(buckets).fill(0) };
  if (buckets === 0 || opts.bucketMs <= 0) return out;
  const end = opts.since + opts.bucketMs * buckets;
  const bucket = sql<number>`(${deliveryAttempts.finishedAt} - ${opts.since}) / ${opts.bucketMs}`;
  const rows = store.db
    .select({ b: bucket, outcome: deliveryAttempts.outcome, n: sql<number>`count(*)` })
    .from(deliveryAttempts)
    .where(and(gte(deliveryAttempts.finishedAt, opts.since), lt(deliveryAttempts.finishedAt, end)))
    .groupBy(sql`1`, deliveryAttempts.outcome)
    .all();
  for (const r of rows) {
    const i = Math.floor(Number(r.b));
    if (i < 0 || i >= buckets) continue;
    if (r.outcome === 'sent') out.sent[i]! += r.n;
    else {
      out.failed[i]! += r.n;
      if (r.outcome === 'deferred') out.deferred[i]! += r.n;
    }
  }
  return out;
}
