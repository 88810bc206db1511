// Bulk Log rows for the console benchmark (bench/console.ts) only: grows the
// Log to `target` rows in plain SQL, fast enough to build 1,000,000 rows in
// well under a minute. The rows look like a busy server's history (mostly
// sent, some failed / deferred / queued, many senders, recipients, subjects
// and origins, times spread over `spanDays` before `now`) so every sort and
// filter has realistic selectivity. No message bodies are written (the Log's
// queries never read email_bodies): viewing one of these rows shows nothing.
import type { Store } from './open.js';

const SUBJECTS = [
  'Disk usage warning on',
  'Backup completed for',
  'Ticket updated:',
  'Password reset for',
  'Patch report',
  'Service desk reply',
  'Agent offline:',
  'Weekly summary',
];
const ORIGINS = ['cli', 'sendmail', 'smtp', 'cron-backup', 'procedure-patch', 'test'];

export interface BenchFillOptions {
  now?: number;
  spanDays?: number;
  /** Rows per transaction. */
  batch?: number;
}

/** Adds rows until the Log holds `target`; returns the number added. */
export function benchFill(store: Store, target: number, opts: BenchFillOptions = {}): number {
  const now = Math.floor(opts.now ?? Date.now());
  const span = (opts.spanDays ?? 30) * 86_400_000;
  const batch = opts.batch ?? 100_000;
  const have = (store.sqlite.prepare('SELECT count(*) AS n FROM emails').get() as { n: number }).n;
  if (have >= target) return 0;
  const total = target - have;
  const step = Math.max(1, Math.floor(span / total));
  const start = Math.floor(now - span - 3_600_000);
  const subject = `CASE n % ${SUBJECTS.length} ${SUBJECTS.map((s, i) => `WHEN ${i} THEN '${s}'`).join(' ')} END`;
  const origin = `CASE n % ${ORIGINS.length} ${ORIGINS.map((s, i) => `WHEN ${i} THEN '${s}'`).join(' ')} END`;
  const insert = store.sqlite.prepare(`
    INSERT INTO emails (created_at, status, from_address, from_source, "to", cc, bcc, envelope, subject, size,
                        message_id, origin, attempts, next_attempt_at, last_attempt_at, sent_at, last_error, smtp_response)
    WITH RECURSIVE seq(n) AS (SELECT CAST(@first AS INTEGER) UNION ALL SELECT n + 1 FROM seq WHERE n < CAST(@last AS INTEGER)),
    gen AS (
      SELECT n,
        CASE WHEN n % 100 < 90 THEN 'sent' WHEN n % 100 < 95 THEN 'failed' WHEN n % 100 < 98 THEN 'deferred' ELSE 'queued' END AS status,
        CAST(@start AS INTEGER) + n * CAST(@step AS INTEGER) AS created,
        'alerts' || (n % 20) || '@example.com' AS sender,
        'user' || ((n * 7919) % 5000) || '@example.net' AS rcpt
      FROM seq
    )
    SELECT created, status, sender,
      CASE n % 4 WHEN 0 THEN 'procedure' WHEN 1 THEN 'template' WHEN 2 THEN 'desk' ELSE 'default' END,
      rcpt,
      CASE WHEN n % 10 = 0 THEN 'cc' || (n % 50) || '@example.org' ELSE '' END,
      '',
      json_object('from', sender, 'to', json_array(rcpt)),
      ${subject} || ' host' || (n % 300) || ' #' || n,
      1000 + (n * 37) % 50000,
      '<bench.' || n || '@example.com>',
      ${origin},
      CASE status WHEN 'sent' THEN 1 WHEN 'failed' THEN 3 WHEN 'deferred' THEN 2 ELSE 0 END,
      CASE status WHEN 'deferred' THEN CAST(@now AS INTEGER) + (n % 3600) * 1000 WHEN 'queued' THEN created ELSE 0 END,
      CASE status WHEN 'queued' THEN 0 ELSE created + 1500 END,
      CASE status WHEN 'sent' THEN created + 1500 ELSE 0 END,
      CASE status WHEN 'failed' THEN '550 5.1.1 <' || rcpt || '>: Recipient address rejected: User unknown'
                  WHEN 'deferred' THEN '451 4.3.0 Temporary lookup failure' ELSE '' END,
      CASE status WHEN 'sent' THEN '250 2.0.0 Ok: queued as ' || printf('%X', n * 2654435761 % 4294967296) ELSE '' END
    FROM gen`);
  const run = store.sqlite.transaction((first: number, last: number) => insert.run({ first, last, start, step, now }));
  // A bulk load: a big page cache keeps the 17 indexes in memory; durability per batch is not needed.
  const cache = store.sqlite.pragma('cache_size', { simple: true });
  const sync = store.sqlite.pragma('synchronous', { simple: true });
  store.sqlite.pragma('cache_size = -400000');
  store.sqlite.pragma('synchronous = OFF');
  // Building an index by sorting once is far faster than a million random B-tree inserts:
  // drop the Log's indexes (keeping their SQL), load, then create them again.
  const indexes = store.sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'emails' AND sql IS NOT NULL")
    .all() as { name: string; sql: string }[];
  const rebuild = total >= 50_000;
  try {
    if (rebuild) for (const ix of indexes) store.sqlite.exec(`DROP INDEX "${ix.name}"`);
    for (let first = 0; first < total; first += batch) run(first, Math.min(total, first + batch) - 1);
  } finally {
    if (rebuild) for (const ix of indexes) store.sqlite.exec(ix.sql);
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    store.sqlite.pragma(`cache_size = ${Number(cache)}`);
    store.sqlite.pragma(`synchronous = ${Number(sync)}`);
  }
  return total;
}
