// Moving through the Log: one row, a page, top and bottom, across the edge of
// the rows held in memory (the table fetches page by page).
import test from 'ava';
import { KEYS, press } from './helpers/ink.js';
import { cursorLine, enqueueMany, openLogOutbound, plain, renderLog, waitCursor, waitPlain } from './log-support.js';

test('↓ ↑ PgDn PgUp g G move the cursor, fetching pages past the buffered rows', async (t) => {
  const outbound = openLogOutbound(t);
  await enqueueMany(outbound, 150);
  // height 20 → 17 rows on screen
  const r = renderLog(outbound, { width: 100, height: 20 });
  t.teardown(() => r.unmount());
  await waitCursor(r, 'mail 150');
  const first = await waitPlain(r, '150 emails');
  t.true(first.includes('row 1/150'), first);

  await press(r, KEYS.down, KEYS.down, 'j');
  await waitCursor(r, 'mail 147');
  await press(r, KEYS.up);
  await waitCursor(r, 'mail 148');
  await press(r, 'k');
  await waitCursor(r, 'mail 149');

  await press(r, 'g');
  await waitCursor(r, 'mail 150');
  for (let i = 0; i < 5; i++) await press(r, KEYS.pageDown);
  // 5 pages of 17 rows: row 86, past the first fetched page of 64 rows
  const paged = await waitCursor(r, 'mail 065');
  t.true(paged.includes('row 86/150'), paged);
  t.false(plain(paged).includes('mail 150'), 'the first row scrolled off screen');

  await press(r, KEYS.up);
  await waitCursor(r, 'mail 066');
  await press(r, KEYS.pageUp);
  await waitCursor(r, 'mail 083');

  await press(r, 'G');
  const bottom = await waitCursor(r, 'mail 001');
  t.true(bottom.includes('row 150/150'), bottom);
  await press(r, KEYS.pageDown);
  await waitCursor(r, 'mail 001');
  await press(r, KEYS.up, KEYS.up);
  await waitCursor(r, 'mail 003');
  // Up through several pages from the bottom: fetched backwards with `before`.
  for (let i = 0; i < 6; i++) await press(r, KEYS.pageUp);
  const up = await waitCursor(r, 'mail 105');
  t.regex(cursorLine(up), /mail 105/);

  await press(r, 'g');
  await waitCursor(r, 'mail 150');
  await press(r, KEYS.pageUp);
  await waitCursor(r, 'mail 150');
});

test('an empty Log says so', async (t) => {
  const outbound = openLogOutbound(t);
  const r = renderLog(outbound);
  t.teardown(() => r.unmount());
  const f = await waitPlain(r, (frame) => frame.includes('no emails yet') && frame.includes('0 emails'), 'an empty Log');
  t.false(f.includes('\n>'), 'no cursor row');
  await press(r, KEYS.down, 'G', KEYS.pageDown, ' ', 's', 'd');
  await waitPlain(r, 'no emails yet');
});
