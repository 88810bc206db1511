// Selecting rows: Space toggles (and moves on), v selects from the last
// toggled row to the cursor, a selects everything matching the filter, U/Esc clear.
import test from 'ava';
import { KEYS, press, type } from './helpers/ink.js';
import { enqueueMany, lineWith, openLogOutbound, renderLog, waitCursor, waitPlain } from './log-support.js';

const selected = (frame: string, subject: string) => /^.\*/.test(lineWith(frame, subject) ?? '');

test('Space toggles a row, v selects a range, U clears', async (t) => {
  const outbound = openLogOutbound(t);
  await enqueueMany(outbound, 20);
  const r = renderLog(outbound, { width: 100, height: 24 });
  t.teardown(() => r.unmount());
  await waitCursor(r, 'mail 020');

  await press(r, ' ');
  let f = await waitPlain(r, '1 selected');
  t.true(selected(f, 'mail 020'));
  await waitCursor(r, 'mail 019'); // Space moves on, like htop and mutt
  await press(r, ' ');
  await waitPlain(r, '2 selected');
  await press(r, KEYS.up, ' ');
  f = await waitPlain(r, '1 selected');
  t.false(selected(f, 'mail 019'));
  t.true(selected(f, 'mail 020'));

  // The anchor is the row last toggled (mail 019, just unselected): v selects 019..015
  await press(r, KEYS.down, KEYS.down, KEYS.down);
  await waitCursor(r, 'mail 015');
  await press(r, 'v');
  f = await waitPlain(r, '6 selected');
  for (const s of ['mail 020', 'mail 019', 'mail 018', 'mail 017', 'mail 016', 'mail 015']) t.true(selected(f, s), s);
  t.false(selected(f, 'mail 014'));

  await press(r, 'U');
  f = await waitPlain(r, (frame) => !frame.includes('selected'), 'selection cleared');
  t.false(selected(f, 'mail 020'));

  await press(r, 'v');
  await waitPlain(r, 'Select a row with Space first');
});

test('v reaches a row that scrolled far away; a selects all matching the filter; Esc clears the selection, then the filter', async (t) => {
  const outbound = openLogOutbound(t);
  await enqueueMany(outbound, 150);
  const r = renderLog(outbound, { width: 100, height: 20 });
  t.teardown(() => r.unmount());
  await waitCursor(r, 'mail 150');

  await press(r, ' ');
  await waitCursor(r, 'mail 149');
  for (let i = 0; i < 5; i++) await press(r, KEYS.pageDown);
  await waitCursor(r, 'mail 064');
  await press(r, 'v');
  await waitPlain(r, '87 selected'); // mail 150 … mail 064
  await press(r, KEYS.escape);
  await waitPlain(r, (f) => !f.includes('selected'), 'selection cleared');

  await press(r, '/');
  await waitPlain(r, 'Filter /');
  await type(r, 'subject:"mail 00"');
  await press(r, KEYS.enter);
  await waitPlain(r, '9 matches');
  await press(r, 'a');
  let f = await waitPlain(r, '9 selected');
  t.true(f.includes('Selected all 9 emails matching the filter'), f);
  t.true(selected(f, 'mail 001') && selected(f, 'mail 009'));

  await press(r, KEYS.escape);
  f = await waitPlain(r, (frame) => !frame.includes('selected') && frame.includes('9 matches'), 'selection cleared, filter kept');
  await press(r, KEYS.escape);
  f = await waitPlain(r, '150 emails');
  t.false(f.includes('filter:'));
});
