import test from 'ava';
import { csvLine, renderTable, type Column } from '../../src/cli/output.js';
import { parseSendmailArgs } from '../../src/cli/sendmail-args.js';
import { parseAliases, resolveLocalRecipients } from '../../src/cli/aliases.js';
import { formatDuration, parseDuration } from '../../src/cli/duration.js';
import { parseListen, isLoopback } from '../../src/cli/listen-address.js';

type Row = { id: number; to: string; subject: string; note: string };
const COLUMNS: Column<Row>[] = [
  { header: 'ID', value: (r) => String(r.id), right: true },
  { header: 'TO', value: (r) => r.to, flexible: true, min: 10 },
  { header: 'SUBJECT', value: (r) => r.subject, flexible: true, min: 10 },
  { header: 'NOTE', value: (r) => r.note, flexible: true, min: 10, drop: 0 },
];
const ROWS: Row[] = [
  { id: 1, to: 'someone.with.a.long.address@example.com', subject: 'a subject that is long enough to need cutting', note: 'note text here' },
  { id: 22, to: 'b@example.com', subject: 'short', note: '' },
];

test('a table fits the given width, cutting flexible columns with …', (t) => {
  const lines = renderTable(ROWS, COLUMNS, 60);
  for (const l of lines) t.true([...l].length <= 60, l);
  t.regex(lines[1]!, /…/);
  t.regex(lines[0]!, /^ID  TO/);
});

test('columns that cannot fit even at their shortest are dropped, lowest drop first', (t) => {
  const lines = renderTable(ROWS, COLUMNS, 30);
  t.notRegex(lines[0]!, /NOTE/);
  for (const l of lines) t.true([...l].length <= 30, l);
});

test('without a width nothing is cut', (t) => {
  const lines = renderTable(ROWS, COLUMNS);
  t.regex(lines[1]!, /someone\.with\.a\.long\.address@example\.com/);
  t.regex(lines[1]!, /a subject that is long enough to need cutting/);
});

test('CSV quotes commas, quotes and line breaks', (t) => {
  t.is(csvLine([1, 'a,b', 'say "hi"', 'two\nlines', null]), '1,"a,b","say ""hi""","two\nlines",\n');
});

test('sendmail options as cron, PHP and mdadm pass them', (t) => {
  t.like(parseSendmailArgs(['-FCronDaemon', '-i', '-B8BITMIME', '-oem', 'root']), { ignoreDots: true, readHeaders: false, recipients: ['root'], fullName: 'CronDaemon' });
  t.like(parseSendmailArgs(['-t', '-i']), { readHeaders: true, ignoreDots: true });
  t.like(parseSendmailArgs(['-ti', '-f', 'a@example.com']), { readHeaders: true, ignoreDots: true, envelopeFrom: 'a@example.com' });
  t.like(parseSendmailArgs(['-fa@example.com', '-odb', '-oi', '--', '-weird@example.com']), { envelopeFrom: 'a@example.com', ignoreDots: true, recipients: ['-weird@example.com'] });
  t.like(parseSendmailArgs(['-bp']), { mode: 'list' });
  t.like(parseSendmailArgs(['-r', 'x@example.com', '-N', 'never', 'a@example.com']), { envelopeFrom: 'x@example.com', recipients: ['a@example.com'] });
  t.throws(() => parseSendmailArgs(['-bs']), { message: /not supported/ });
  t.throws(() => parseSendmailArgs(['-Z']), { message: /unknown option -Z/ });
});

test('aliases: local names map through the file, recursively, with a default', (t) => {
  const aliases = parseAliases('postmaster: root\nroot: a@example.com, b@example.com\n# comment\nbin: |/dev/null\n');
  const loaded = { path: '/x', aliases };
  t.deepEqual(resolveLocalRecipients(['postmaster', 'c@example.com'], loaded), ['a@example.com', 'b@example.com', 'c@example.com']);
  t.throws(() => resolveLocalRecipients(['bin'], loaded), { message: /"bin" is a local name/ });
  t.deepEqual(resolveLocalRecipients(['www-data'], { path: '/x', aliases: parseAliases('default: d@example.com') }), ['d@example.com']);
});

test('durations and listen addresses', (t) => {
  t.is(parseDuration('check', 'w', '90m'), 5_400_000);
  t.is(formatDuration(86_400_000), '24h');
  t.is(formatDuration(2 * 86_400_000), '2d');
  t.deepEqual(parseListen('serve', '2525'), { host: '127.0.0.1', port: 2525 });
  t.deepEqual(parseListen('serve', '[::1]:25'), { host: '::1', port: 25 });
  t.true(isLoopback('127.0.0.2'));
  t.false(isLoopback('0.0.0.0'));
  t.false(isLoopback('192.168.1.5'));
});
