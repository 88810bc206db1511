// Sorting by the column under the column cursor (o flips, O reverses) and the
// filter prompt (/): live syntax check, inline errors, Esc clears.
import test from 'ava';
import { KEYS, press, type } from './helpers/ink.js';
import { cursorLine, enqueueMany, openLogOutbound, renderLog, waitCursor, waitPlain } from './log-support.js';

test('o sorts by the current column and flips on a second press; O reverses', async (t) => {
  const outbound = openLogOutbound(t);
  const subjects = ['mike', 'alpha', 'zulu', 'kilo'];
  await enqueueMany(outbound, 4, (i) => ({ subject: subjects[i - 1]! }));
  const r = renderLog(outbound, { width: 100, height: 12 });
  t.teardown(() => r.unmount());
  await waitCursor(r, 'kilo'); // newest first

  await press(r, 'o'); // the column cursor starts on the sorted column (Created): flip
  let f = await waitCursor(r, 'mike');
  t.true(f.includes('sort: Created ▲'), f);
  await press(r, 'O');
  f = await waitCursor(r, 'kilo');
  t.true(f.includes('sort: Created ▼'), f);

  // Column cursor to Subject: ID Created Status From From-source To Subject
  await press(r, KEYS.right, KEYS.right, KEYS.right, KEYS.right, KEYS.right);
  await press(r, 'o');
  f = await waitCursor(r, 'alpha');
  t.true(f.includes('sort: Subject ▲'), f);
  t.true(f.includes('Subject▲'), 'the column title shows the direction');
  const order = f.split('\n').filter((l) => /alpha|kilo|mike|zulu/.test(l)).map((l) => /(alpha|kilo|mike|zulu)/.exec(l)![1]);
  t.deepEqual(order, ['alpha', 'kilo', 'mike', 'zulu']);
  await press(r, 'o');
  f = await waitCursor(r, 'zulu');
  t.true(f.includes('sort: Subject ▼'), f);
  await press(r, 'O');
  await waitCursor(r, 'alpha');
});

test('/ filters with the filter language; a malformed filter shows its error inline and is not applied; Esc clears', async (t) => {
  const outbound = openLogOutbound(t);
  await enqueueMany(outbound, 30);
  const r = renderLog(outbound, { width: 100, height: 20 });
  t.teardown(() => r.unmount());
  await waitPlain(r, '30 emails');

  await press(r, '/');
  await waitPlain(r, 'Filter /');
  await type(r, 'subject:"mail 01"');
  await press(r, KEYS.enter);
  let f = await waitPlain(r, '10 matches');
  t.true(f.includes('filter: subject:"mail 01"'), f);
  t.true(f.includes('mail 019') && f.includes('mail 010'));
  t.false(f.includes('mail 020'));
  t.false(f.includes('mail 009'));

  // A malformed filter: the error shows while typing, Enter refuses it, the table keeps the old filter.
  await press(r, '/');
  await waitPlain(r, 'Filter /');
  await type(r, ' status:bogus');
  f = await waitPlain(r, /✗ .*bad status "bogus"/);
  t.true(f.includes('known values are queued, sending, sent, deferred, failed'), f);
  await press(r, KEYS.enter);
  f = await waitPlain(r, /✗ .*bad status/);
  t.true(f.includes('Filter /'), 'the prompt stays open');
  t.true(f.includes('10 matches'), 'the applied filter is unchanged');

  // Esc clears the filter.
  await press(r, KEYS.escape);
  f = await waitPlain(r, '30 emails');
  t.false(f.includes('filter:'));
  t.false(f.includes('Filter /'));

  // A free word matches To or Subject; Esc in the table also clears a filter when nothing is selected.
  await press(r, '/');
  await waitPlain(r, 'Filter /');
  await type(r, 'user007');
  await press(r, KEYS.enter);
  f = await waitPlain(r, '1 match ');
  t.regex(cursorLine(f), /mail 007/);
  await press(r, KEYS.escape);
  await waitPlain(r, '30 emails');

  // A filter matching nothing says so.
  await press(r, '/');
  await waitPlain(r, 'Filter /');
  await type(r, 'status:failed');
  await press(r, KEYS.enter);
  await waitPlain(r, 'no emails match the filter');
});
