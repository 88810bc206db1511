// The paging model (log-window.ts) against the real core: whatever the keys,
// the cursor row is the row a full listing has at that position, and the
// buffer stays small.
import test from 'ava';
import type { LogQuery, SortSpec } from '../../src/types.js';
import { chunkSize, cursorPosition, loadBottom, loadTop, moveBy, pageBy, refresh, type FetchPage, type LogWindow } from '../../src/tui/log/log-window.js';
import { enqueueMany, openLogOutbound } from './log-support.js';

test('random moves, pages, top and bottom always agree with the full listing', async (t) => {
  const outbound = openLogOutbound(t);
  await enqueueMany(outbound, 400, (i) => ({ subject: `s${(i * 37) % 101}` }));
  for (const sort of [{ column: 'createdAt', direction: 'desc' }, { column: 'subject', direction: 'asc' }] as SortSpec[]) {
    const all: number[] = [];
    let after: LogQuery['after'];
    for (;;) {
      const page = outbound.listEmails({ sort, limit: 1000, after });
      all.push(...page.rows.map((r) => r.id));
      if (!page.hasMoreAfter) break;
      after = page.cursors.at(-1);
    }
    t.is(all.length, 400);
    const fetch: FetchPage = (q) => outbound.listEmails({ ...q, sort });
    const height = 17;
    let w: LogWindow = loadTop(fetch, height);
    let pos = 0;
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let step = 0; step < 400; step++) {
      const r = rnd();
      if (r < 0.3) { w = moveBy(w, 1, fetch); pos = Math.min(399, pos + 1); }
      else if (r < 0.5) { w = moveBy(w, -1, fetch); pos = Math.max(0, pos - 1); }
      else if (r < 0.7) { w = pageBy(w, 1, fetch); pos = Math.min(399, pos + height); }
      else if (r < 0.9) { w = pageBy(w, -1, fetch); pos = Math.max(0, pos - height); }
      else if (r < 0.95) { w = loadBottom(fetch, height); pos = 399; }
      else { w = loadTop(fetch, height); pos = 0; }
      t.is(w.rows[w.cursor]?.id, all[pos], `step ${step} (${sort.column})`);
      t.true(w.cursor >= w.top && w.cursor < w.top + height, 'the cursor is on screen');
      t.true(w.rows.length <= height + 2 * chunkSize(height) + chunkSize(height), `buffer ${w.rows.length}`);
      const known = cursorPosition(w, 400);
      if (known !== null) t.is(known, pos);
    }
  }
});

test('refresh keeps the cursor on its email when rows are added above it or deleted around it', async (t) => {
  const outbound = openLogOutbound(t);
  const ids = await enqueueMany(outbound, 100);
  const fetch: FetchPage = (q) => outbound.listEmails(q);
  let w = loadTop(fetch, 10);
  w = pageBy(w, 3, fetch); // far from the head
  const id = w.rows[w.cursor]!.id;
  await enqueueMany(outbound, 5);
  outbound.deleteEmails([id + 1, id - 1, ids[99]!]);
  w = refresh(w, fetch);
  t.is(w.rows[w.cursor]!.id, id);
  outbound.deleteEmails([id]);
  w = refresh(w, fetch);
  t.truthy(w.rows[w.cursor], 'the cursor lands on a neighbour when its email is gone');
});
