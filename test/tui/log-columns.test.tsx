// Columns: the chooser (c), widths (+ - =), fitting 80×24, NO_COLOR, and the
// view (columns, widths, sort, filter) persisting across a remount.
import React from 'react';
import test from 'ava';
import type { Outbound } from '../../src/types.js';
import { LogTab } from '../../src/tui/log/log-tab.js';
import { KEYS, press, renderWithProviders, type, WAIT_MS } from './helpers/ink.js';
import { enqueueMany, lineWith, openLogOutbound, plain, renderLog, waitCursor, waitPlain } from './log-support.js';

const headerOf = (frame: string) => frame.split('\n')[1] ?? '';

test('c opens the column chooser: hide and show columns; a column that does not fit is reached with → ', async (t) => {
  const outbound = openLogOutbound(t);
  await enqueueMany(outbound, 3, (i) => ({ cc: `copy${i}@example.org` }));
  const r = renderLog(outbound, { width: 100, height: 24 });
  t.teardown(() => r.unmount());
  await waitCursor(r, 'mail 003');
  t.true(headerOf(plain(r.lastFrame())).includes('Created'));

  await press(r, 'c');
  let f = await waitPlain(r, 'Columns — Space/Enter show or hide');
  t.regex(f, /\[x\] ID/);
  t.regex(f, /\[ \] Cc/);
  t.regex(f, /\[ \] Sent/);
  // The chooser opens on the current column (Created): hide it.
  await press(r, ' ');
  f = await waitPlain(r, /\[ \] Created/);
  // Down to Cc (ID Created Status From From-source To Cc) and show it.
  await press(r, KEYS.down, KEYS.down, KEYS.down, KEYS.down, KEYS.down);
  await press(r, KEYS.enter);
  f = await waitPlain(r, /\[x\] Cc/);
  await press(r, KEYS.escape);
  f = await waitPlain(r, (frame) => !frame.includes('Columns —'), 'chooser closed');
  t.false(headerOf(f).includes('Created'), headerOf(f));
  // Cc has the lowest priority: at 100 columns it does not fit until the column cursor is on it.
  t.false(headerOf(f).includes('Cc'));
  t.regex(f, /columns? do(es)?n't fit 100 columns: ← → bring/);
  // ID Status From From-source To Cc: the column cursor starts on ID now (Created is gone).
  for (let i = 0; i < 5; i++) await press(r, KEYS.right);
  f = await waitPlain(r, (frame) => headerOf(frame).includes('Cc'), 'Cc brought in');
  t.truthy(lineWith(f, 'copy3@example'));
  // Saved (debounced) with the view.
  t.true(await waitFor(() => (outbound.getUiState<{ columns: string[] }>('log.view')?.columns.includes('cc') ? true : undefined)));
});

test('+ - = widen, narrow and reset the current column', async (t) => {
  const outbound = openLogOutbound(t);
  await enqueueMany(outbound, 2, () => ({ to: 'a-very-long-recipient-name@example.net' }));
  const r = renderLog(outbound, { width: 100, height: 12 });
  t.teardown(() => r.unmount());
  await waitCursor(r, 'mail 002');
  // Column cursor to To: Created → Status → From → From source → To
  for (let i = 0; i < 4; i++) await press(r, KEYS.right);
  let f = await waitPlain(r, 'a-very-long-recipient-n…');
  await press(r, '+', '+', '+'); // 24 → 30 cells
  f = await waitPlain(r, 'a-very-long-recipient-name@ex…');
  await press(r, '=');
  f = await waitPlain(r, 'a-very-long-recipient-n…');
  await press(r, '-', '-', '-', '-', '-', '-', '-', '-');
  f = await waitPlain(r, (frame) => (lineWith(frame, 'mail 002') ?? '').includes('a-very-long…'), 'narrowed to its minimum');
  t.false(f.includes('a-very-long-r'));
  await press(r, KEYS.left);
  await waitPlain(r, (frame) => !(lineWith(frame, 'mail 002') ?? '').includes('a-very-long-'), 'the width stays narrow when the cursor leaves');
  // Saved (debounced) as the column's minimum, 12.
  const saved = await waitFor(() => (outbound.getUiState<{ widths: Record<string, number> }>('log.view')?.widths.to === 12 ? 12 : undefined));
  t.is(saved, 12);
});

async function waitFor<T>(get: () => T | undefined, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('the view (columns, widths, sort, filter) persists across a remount', async (t) => {
  const outbound = openLogOutbound(t);
  const subjects = ['mike', 'alpha', 'zulu', 'kilo', 'bravo'];
  await enqueueMany(outbound, 5, (i) => ({ subject: subjects[i - 1]!, origin: i % 2 ? 'cron' : 'backup' }));
  const first = renderLog(outbound, { width: 100, height: 14 });
  await waitCursor(first, 'bravo');
  for (let i = 0; i < 5; i++) await press(first, KEYS.right); // → Subject
  await press(first, 'o', 'o'); // Subject, then flipped: descending
  await waitCursor(first, 'zulu');
  await press(first, '+', '+');
  await press(first, '/');
  await waitPlain(first, 'Filter /');
  await type(first, 'origin:cron');
  await press(first, KEYS.enter);
  await waitPlain(first, '3 matches');
  await press(first, 'c');
  await waitPlain(first, 'Columns —');
  for (let i = 0; i < 7; i++) await press(first, KEYS.up); // Subject → ID
  await press(first, ' ', 'c');
  await waitPlain(first, (f) => !f.includes('Columns —'), 'chooser closed');
  first.unmount();

  const stored = outbound.getUiState<Record<string, unknown>>('log.view');
  t.like(stored, { sort: { column: 'subject', direction: 'desc' }, filter: 'origin:cron', widths: { subject: 34 } });

  const again = renderLog(outbound, { width: 100, height: 14 });
  t.teardown(() => again.unmount());
  const f = await waitPlain(again, '3 matches');
  t.true(f.includes('filter: origin:cron'), f);
  t.true(f.includes('sort: Subject ▼'), f);
  t.regex(f.split('\n').find((l) => l.startsWith('>')) ?? '', /zulu/);
  t.false(/\bID\b/.test(headerOf(f)), 'ID stays hidden');
});

test('80×24: columns fit (hidden or shrunk, cut with …) and the frame stays inside the screen', async (t) => {
  const outbound = openLogOutbound(t);
  await enqueueMany(outbound, 40, (i) => ({
    to: `someone.with.a.long.name${i}@subdomain.example.net`,
    subject: `A rather long subject line that cannot possibly fit in eighty columns #${i}`,
  }));
  const r = renderLog(outbound, { width: 80, height: 24 });
  t.teardown(() => r.unmount());
  const f = await waitPlain(r, '40 emails');
  const lines = f.split('\n');
  t.true(lines.length <= 24, `${lines.length} lines`);
  for (const l of lines) t.true([...l].length <= 80, `too wide: ${l}`);
  for (const h of ['ID', 'Created', 'Status', 'To', 'Subject']) t.true(headerOf(f).includes(h), headerOf(f));
  t.true((lineWith(f, '#40') ?? lineWith(f, 'A rather long') ?? '').includes('…'));
  t.regex(f, /columns don't fit 80 columns/);
});

function renderColored(outbound: Outbound, colors: boolean) {
  return renderWithProviders(<LogTab outbound={outbound} width={100} height={10} active />, { colors });
}

test('NO_COLOR: no colour codes in the rows; with colours the status is coloured', async (t) => {
  const outbound = openLogOutbound(t);
  await enqueueMany(outbound, 2);
  const mono = renderColored(outbound, false);
  await waitCursor(mono, 'mail 002');
  t.false(/\x1b\[3\dm/.test(mono.lastFrame() ?? ''), 'no foreground colours');
  t.true((mono.lastFrame() ?? '').includes('\n>'), 'the cursor row is still marked');
  mono.unmount();
  const color = renderColored(outbound, true);
  t.teardown(() => color.unmount());
  await waitCursor(color, 'mail 002');
  t.true((color.lastFrame() ?? '').includes('\x1b[33mqueued'), 'queued in yellow');
});
