// The retention loop itself (src/delivery/retention.ts): time slices, adaptive or fixed
// chunks, yielding between slices, cancellation. Real SQLite file, real store.
import test from 'ava';
import { openStore } from '../../src/store/open.js';
import { insertEmails } from '../../src/store/emails.js';
import { purgeOld } from '../../src/delivery/retention.js';
import { tmpDbPath } from '../helpers/tmp.js';
import { email } from '../store/_helpers.js';

const OLD = 1_000_000;
const CUTOFF = 2_000_000;

function fill(t: import('ava').ExecutionContext, purgeable: number, kept: number) {
  const store = openStore(tmpDbPath(t));
  t.teardown(() => store.close());
  const rows = [
    ...Array.from({ length: purgeable }, (_, i) => email(i, { createdAt: OLD + i })),
    ...Array.from({ length: kept }, (_, i) => email(purgeable + i, { createdAt: OLD + i })),
  ];
  const ids = insertEmails(store, rows);
  const old = ids.slice(0, purgeable);
  // Alternate sent and failed among the purgeable rows; the rest stay queued.
  store.sqlite.prepare(`UPDATE emails SET status = CASE WHEN id % 2 = 0 THEN 'sent' ELSE 'failed' END WHERE id <= ?`).run(old[old.length - 1]!);
  const count = (status: string) => (store.sqlite.prepare('SELECT count(*) FROM emails WHERE status = ?').pluck().get(status) as number);
  return { store, count };
}

test('deletes every old sent/failed row across many slices, yielding between them; queued rows stay', async (t) => {
  const { store, count } = fill(t, 1000, 40);
  const progress: number[] = [];
  let timerTurns = 0;
  const timer = setInterval(() => timerTurns++, 0);
  // sliceMs 0: one chunk per slice, so the loop must yield after each chunk.
  const total = await purgeOld(store, { before: CUTOFF, chunk: 30, sliceMs: 0, onProgress: (n) => progress.push(n) });
  clearInterval(timer);
  t.is(total, 1000);
  t.is(count('sent') + count('failed'), 0);
  t.is(count('queued'), 40);
  t.true(progress.length >= Math.floor(1000 / 30), `progress after each slice (${progress.length})`);
  t.deepEqual(progress, [...progress].sort((a, b) => a - b), 'progress only grows');
  t.is(progress.at(-1), 1000);
  t.true(timerTurns > 0, 'timers ran while the purge was going on');
});

test('the adaptive default removes everything too, and leaves rows newer than the cut-off', async (t) => {
  const { store, count } = fill(t, 700, 10);
  store.sqlite.prepare('UPDATE emails SET created_at = ? WHERE id > 600 AND id <= 700').run(CUTOFF + 1);
  t.is(await purgeOld(store, { before: CUTOFF }), 600);
  t.is(count('sent') + count('failed'), 100);
  t.is(count('queued'), 10);
  t.is(await purgeOld(store, { before: CUTOFF }), 0, 'nothing left to purge');
});

test('a dry run counts without deleting; cancellation stops between chunks', async (t) => {
  const { store, count } = fill(t, 300, 0);
  t.is(await purgeOld(store, { before: CUTOFF, dryRun: true }), 300);
  t.is(count('sent') + count('failed'), 300);
  let chunks = 0;
  const total = await purgeOld(store, { before: CUTOFF, chunk: 50, sliceMs: 0, cancelled: () => ++chunks > 2 });
  t.is(total, 100, 'two chunks of 50, then cancelled');
  t.is(count('sent') + count('failed'), 200);
});
