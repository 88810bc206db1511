// The Log tab's pure parts: column fitting, cell text, the stored view.
import test from 'ava';
import { COLUMNS, DEFAULT_VISIBLE, MARK_WIDTH, layoutColumns } from '../../src/tui/log/columns.js';
import { formatCount, formatSize, formatTime } from '../../src/tui/log/format.js';
import { cleanCell, displayWidth, fit, truncate } from '../../src/tui/log/text-width.js';
import { readViewSettings, defaultViewSettings } from '../../src/tui/log/view-settings.js';
import { wrapLine } from '../../src/tui/log/email-view-lines.js';

const used = (l: ReturnType<typeof layoutColumns>) => MARK_WIDTH + l.columns.reduce((s, c) => s + c.width, 0) + l.columns.length - 1;

test('layoutColumns fits any width, hides low-priority columns first and never the focused one', (t) => {
  for (const width of [40, 60, 80, 100, 120, 160, 240]) {
    const l = layoutColumns({ visible: DEFAULT_VISIBLE, widths: {}, width, focus: 'createdAt' });
    t.true(used(l) <= width, `width ${width}: ${used(l)}`);
    t.true(l.columns.some((c) => c.def.key === 'createdAt'), 'the focused column stays');
    for (const c of l.columns) t.true(c.width >= Math.min(c.def.min, width), `${c.def.key} ${c.width}`);
  }
  const narrow = layoutColumns({ visible: DEFAULT_VISIBLE, widths: {}, width: 80, focus: 'id' });
  t.true(narrow.hidden.includes('size') && narrow.hidden.includes('origin'));
  t.false(narrow.hidden.includes('status') || narrow.hidden.includes('to') || narrow.hidden.includes('subject'));
  const focused = layoutColumns({ visible: DEFAULT_VISIBLE, widths: {}, width: 80, focus: 'size' });
  t.true(focused.columns.some((c) => c.def.key === 'size'), 'moving the column cursor onto a hidden column brings it in');
  const wide = layoutColumns({ visible: DEFAULT_VISIBLE, widths: {}, width: 240, focus: 'id' });
  t.deepEqual(wide.hidden, []);
  t.is(used(wide), 240, 'spare room goes to Subject');
});

test('a widened column keeps its width while focused; an id is never cut', (t) => {
  const l = layoutColumns({ visible: DEFAULT_VISIBLE, widths: { to: 40 }, width: 100, focus: 'to' });
  t.is(l.columns.find((c) => c.def.key === 'to')!.width, 40);
  const ids = layoutColumns({ visible: DEFAULT_VISIBLE, widths: {}, width: 80, focus: 'createdAt', idDigits: 7 });
  t.true(ids.columns.find((c) => c.def.key === 'id')!.width >= 7);
});

test('cells: control characters are neutralised, wide characters measured, cut with …', (t) => {
  t.is(cleanCell('evil\x1b[2Jsubject\r\nline'), 'evil [2Jsubject line');
  t.is(displayWidth('日本語'), 6);
  t.is(truncate('日本語のメール', 7), '日本語…');
  t.is(fit('abc', 5), 'abc  ');
  t.is(fit('abc', 5, 'right'), '  abc');
  t.is(fit('abcdefgh', 5), 'abcd…');
  t.is(formatSize(512), '512 B');
  t.is(formatSize(2048), '2.0 KB');
  t.is(formatCount(1234567), '1,234,567');
  const at = new Date(2026, 11, 3, 9, 5, 7).getTime();
  t.is(formatTime(at, 19), '2026-12-03 09:05:07');
  t.is(formatTime(at, 16), '2026-12-03 09:05');
  t.is(formatTime(at, 11), '12-03 09:05');
  t.is(formatTime(null), '');
  t.deepEqual(wrapLine('aaa bbb ccc', 7), ['aaa bbb', 'ccc']);
});

test('a stored view is read defensively: unknown columns, bad widths and sorts fall back', (t) => {
  t.deepEqual(readViewSettings(undefined), defaultViewSettings());
  t.deepEqual(readViewSettings('garbage'), defaultViewSettings());
  const v = readViewSettings({ columns: ['subject', 'nope', 'id', 'subject'], widths: { to: 3, subject: 'x', bogus: 9, from: 500 }, sort: { column: 'size', direction: 'sideways' }, filter: 7 });
  t.deepEqual(v.columns, ['subject', 'id']);
  t.deepEqual(v.widths, { to: COLUMNS.find((c) => c.key === 'to')!.min, from: 120 });
  t.deepEqual(v.sort, defaultViewSettings().sort);
  t.is(v.filter, '');
});
