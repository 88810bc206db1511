import test from 'ava';
import { claimIds, countPurgeable, counts, deleteEmails, activity, getEmail, insertEmails, purgeChunk, recordOutcomes, type Outcome } from '../../src/store/emails.js';
import type { Store } from '../../src/store/open.js';
import { email, newStore } from './_helpers.js';

function finish(store: Store, ids: number[], outcome: Outcome['outcome'], finishedAt: number): void {
  claimIds(store, ids, { now: 1, leaseMs: 60_000, owner: 'o', resend: true });
  recordOutcomes(
    store,
    ids.map((id) => ({ id, owner: 'o', outcome, startedAt: finishedAt - 5, finishedAt, smtpCode: null, response: '', errorCode: '', diagnosis: outcome, transcript: '', nextAttemptAt: finishedAt + 60_000 })),
  );
}

const statusCounts = (store: Store) =>
  Object.fromEntries((store.sqlite.prepare('SELECT status, count FROM status_counts').all() as { status: string; count: number }[]).map((r) => [r.status, r.count]));

const scanned = (store: Store) =>
  Object.fromEntries((store.sqlite.prepare('SELECT status, count(*) AS n FROM emails GROUP BY status').all() as { status: string; n: number }[]).map((r) => [r.status, r.n]));

test('counters follow inserts, status updates and deletes (triggers), and match a full scan', (t) => {
  const store = newStore(t);
  const ids = insertEmails(store, Array.from({ length: 10 }, (_, i) => email(i, { createdAt: 500 + i })));
  t.like(counts(store, { startOfDay: 0 }), { queued: 10, total: 10, sending: 0, oldestQueuedAt: 500 });
  finish(store, ids.slice(0, 3), 'sent', 10_000);
  finish(store, ids.slice(3, 5), 'failed', 10_000);
  finish(store, ids.slice(5, 6), 'deferred', 10_000);
  claimIds(store, ids.slice(6, 7), { now: 1, leaseMs: 60_000, owner: 'x', resend: false });
  t.like(counts(store, { startOfDay: 0 }), { queued: 3, sending: 1, sent: 3, failed: 2, deferred: 1, total: 10, oldestQueuedAt: 505 });
  t.is(deleteEmails(store, [ids[0]!, ids[3]!, ids[6]!, ids[9]!]), 3, 'the sending row is not deleted');
  const c = counts(store, { startOfDay: 0 });
  t.like(c, { queued: 2, sending: 1, sent: 2, failed: 1, deferred: 1, total: 7 });
  const byScan = scanned(store);
  for (const s of ['queued', 'sending', 'sent', 'failed', 'deferred']) t.is(statusCounts(store)[s], byScan[s] ?? 0, s);
});

test('sentToday counts rows sent since the start of the day', (t) => {
  const store = newStore(t);
  const ids = insertEmails(store, Array.from({ length: 5 }, (_, i) => email(i)));
  finish(store, ids.slice(0, 2), 'sent', 1_000);
  finish(store, ids.slice(2, 5), 'sent', 90_000);
  t.is(counts(store, { startOfDay: 50_000 }).sentToday, 3);
  t.is(counts(store, { startOfDay: 100_000 }).sentToday, 0);
});

test('deleting an email deletes its attempts and body (cascade); sending rows are kept', (t) => {
  const store = newStore(t);
  const [a, b] = insertEmails(store, [email(1), email(2)]);
  finish(store, [a!], 'failed', 100);
  claimIds(store, [b!], { now: 1, leaseMs: 60_000, owner: 'busy', resend: false });
  t.is(store.sqlite.prepare('SELECT count(*) FROM delivery_attempts').pluck().get(), 1);
  t.is(deleteEmails(store, [a!, b!, 999]), 1);
  t.is(getEmail(store, a!), undefined);
  t.is(getEmail(store, b!)!.status, 'sending');
  t.is(store.sqlite.prepare('SELECT count(*) FROM delivery_attempts').pluck().get(), 0);
  t.is(store.sqlite.prepare('SELECT count(*) FROM email_bodies').pluck().get(), 1);
});

test('purge deletes only old sent and failed rows, in chunks, and never queued, deferred or sending', (t) => {
  const store = newStore(t);
  const old = insertEmails(store, Array.from({ length: 25 }, (_, i) => email(i, { createdAt: 1000 + i })));
  const recent = insertEmails(store, Array.from({ length: 5 }, (_, i) => email(100 + i, { createdAt: 50_000 })));
  finish(store, old.slice(0, 10), 'sent', 2000);
  finish(store, old.slice(10, 15), 'failed', 2000);
  finish(store, old.slice(15, 18), 'deferred', 2000);
  claimIds(store, old.slice(18, 20), { now: 1, leaseMs: 60_000, owner: 'x', resend: false }); // sending
  finish(store, recent, 'sent', 60_000);
  t.is(countPurgeable(store, 10_000), 15);
  t.is(purgeChunk(store, { before: 10_000, limit: 4, dryRun: true }), 15, 'dry run counts, deletes nothing');
  t.is(countPurgeable(store, 10_000), 15);
  const chunks: number[] = [];
  for (let n; (n = purgeChunk(store, { before: 10_000, limit: 4 })) > 0; ) chunks.push(n);
  t.deepEqual(chunks, [4, 4, 4, 3]);
  const left = store.sqlite.prepare('SELECT status, count(*) AS n FROM emails GROUP BY status ORDER BY status').all();
  t.deepEqual(left, [
    { status: 'deferred', n: 3 },
    { status: 'queued', n: 5 },
    { status: 'sending', n: 2 },
    { status: 'sent', n: 5 },
  ]);
  t.like(counts(store, { startOfDay: 0 }), { sent: 5, failed: 0, queued: 5, deferred: 3, sending: 2, total: 15 });
  t.is(store.sqlite.prepare('SELECT count(*) FROM email_bodies').pluck().get(), 15);
});

test('activity buckets sent and failed attempts per minute, oldest first', (t) => {
  const store = newStore(t);
  const ids = insertEmails(store, Array.from({ length: 8 }, (_, i) => email(i)));
  const since = 600_000;
  finish(store, ids.slice(0, 3), 'sent', since + 10_000); // bucket 0
  finish(store, ids.slice(3, 4), 'sent', since + 125_000); // bucket 2
  finish(store, ids.slice(4, 5), 'failed', since + 125_000); // bucket 2
  finish(store, ids.slice(5, 7), 'deferred', since + 179_999); // bucket 2
  finish(store, ids.slice(7, 8), 'sent', since - 1); // before the window
  const a = activity(store, { since, bucketMs: 60_000, buckets: 4 });
  t.deepEqual(a.sent, [3, 0, 1, 0]);
  t.deepEqual(a.failed, [0, 0, 3, 0]);
  t.deepEqual(a.deferred, [0, 0, 2, 0]);
});
