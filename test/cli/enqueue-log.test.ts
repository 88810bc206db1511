import test from 'ava';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpDbPath, tmpDir } from '../helpers/tmp.js';
import { assertOneLineError } from './assert-error.js';
import { logRows, ok, runCli } from './run-cli.js';
import { JSON_KEYS } from './json-keys.js';

async function dbWithSender(t: import('ava').ExecutionContext): Promise<string> {
  const db = tmpDbPath(t);
  await ok(['--db', db, 'settings', 'set', 'defaultSender=robot@example.com']);
  return db;
}

test('enqueue prints the new id; log --json shows the row with every documented field', async (t) => {
  const db = await dbWithSender(t);
  const out = await ok(['--db', db, 'enqueue', '--to', 'ops@example.com,dev@example.com', '--cc', 'boss@example.com', '--subject', 'disk alert', '--text', '91% full']);
  t.regex(out, /^\d+\n$/);
  const rows = await logRows(db);
  t.is(rows.length, 1);
  const row = rows[0]!;
  t.deepEqual(Object.keys(row), JSON_KEYS);
  t.is(row.id, Number(out));
  t.is(row.status, 'queued');
  t.is(row.subject, 'disk alert');
  t.is(row.fromSource, 'default');
  t.is(row.from, 'robot@example.com');
  t.regex(row.to, /ops@example\.com.*dev@example\.com/);
  t.regex(row.cc, /boss@example\.com/);
  t.regex(row.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  t.is(row.sentAt, null);
  t.is(row.origin, 'cli');
});

test('enqueue --json prints {id, status, from, fromSource}', async (t) => {
  const db = await dbWithSender(t);
  const out = await ok(['--db', db, 'enqueue', '--to', 'a@example.com', '--subject', 's', '--text', 'x', '--from', 'Ops <ops@example.com>', '--json']);
  const json = JSON.parse(out) as Record<string, unknown>;
  t.deepEqual(Object.keys(json), ['id', 'status', 'from', 'fromSource']);
  t.is(json.status, 'queued');
  t.is(json.from, 'ops@example.com');
  t.is(json.fromSource, 'procedure');
});

test('enqueue reads the body from stdin when no --text is given, and from --text-file', async (t) => {
  const db = await dbWithSender(t);
  const id1 = (await ok(['--db', db, 'enqueue', '--to', 'a@example.com', '--subject', 'piped'], { input: 'body from stdin\n' })).trim();
  const file = join(tmpDir(t), 'body.txt');
  writeFileSync(file, 'body from a file\n');
  const id2 = (await ok(['--db', db, 'enqueue', '--to', 'a@example.com', '--subject', 'filed', '--text-file', file])).trim();
  t.regex(await ok(['--db', db, 'view', id1]), /body from stdin/);
  t.regex(await ok(['--db', db, 'view', id2]), /body from a file/);
});

test('enqueue --html-file adds an HTML alternative to the text', async (t) => {
  const db = await dbWithSender(t);
  const html = join(tmpDir(t), 'body.html');
  writeFileSync(html, '<p>Disk <b>/var</b> is full</p>');
  const id = (await ok(['--db', db, 'enqueue', '--to', 'a@example.com', '--subject', 'html', '--text', 'Disk /var is full', '--html-file', html])).trim();
  const raw = (await runCli(['--db', db, 'view', id, '--raw'])).stdout;
  t.regex(raw, /Content-Type: multipart\/alternative/);
  t.regex(raw, /Content-Type: text\/html/);
  t.regex(await ok(['--db', db, 'view', id]), /--- body\nDisk \/var is full/);
});

test('the sender precedence: template, desk, default — recorded as fromSource', async (t) => {
  const db = await dbWithSender(t);
  await ok(['--db', db, 'templates', 'add', 'backup', '--from', 'backup@example.com']);
  await ok(['--db', db, 'readers', 'add', 'helpdesk', '--reply', 'help@example.com']);
  await ok(['--db', db, 'desks', 'add', 'support', '--reader', 'helpdesk']);
  const base = ['--db', db, 'enqueue', '--to', 'a@example.com', '--subject', 's', '--text', 'x', '--json'];
  const viaTemplate = JSON.parse(await ok([...base, '--template', 'backup', '--desk', 'support']));
  const viaDesk = JSON.parse(await ok([...base, '--desk', 'support']));
  const viaDefault = JSON.parse(await ok(base));
  t.like(viaTemplate, { from: 'backup@example.com', fromSource: 'template' });
  t.like(viaDesk, { from: 'help@example.com', fromSource: 'desk' });
  t.like(viaDefault, { from: 'robot@example.com', fromSource: 'default' });
});

const BAD_ENQUEUE: [string, string[], RegExp][] = [
  ['an invalid address', ['--to', 'not-an-address'], /not a valid email address/],
  ['header injection in the subject', ['--to', 'a@example.com', '--subject', 'hi\r\nBcc: victim@example.com'], /line break|header injection/],
  ['header injection in an address', ['--to', 'a@example.com\nBcc: x@example.com'], /line break|not a valid/],
  ['an unknown template', ['--to', 'a@example.com', '--template', 'nope'], /template/],
  ['an unknown desk', ['--to', 'a@example.com', '--desk', 'nope'], /desk/],
  ['a missing --text-file', ['--to', 'a@example.com', '--text-file', '/nonexistent/body.txt'], /cannot read --text-file/],
];

for (const [what, args, pattern] of BAD_ENQUEUE) {
  test(`enqueue with ${what} exits 1 with one line and writes nothing`, async (t) => {
    const db = await dbWithSender(t);
    await ok(['--db', db, 'enqueue', '--to', 'first@example.com', '--subject', 'first', '--text', 'x']);
    const before = await logRows(db);
    const full = args.includes('--subject') ? args : [...args, '--subject', 'S'];
    const body = full.includes('--text-file') ? [] : ['--text', 'body'];
    const r = await runCli(['--db', db, 'enqueue', ...full, ...body]);
    assertOneLineError(t, r, 1, pattern);
    t.deepEqual(await logRows(db), before);
  });
}

test('enqueue without any sender configured says how to fix it', async (t) => {
  const db = tmpDbPath(t);
  const r = await runCli(['--db', db, 'enqueue', '--to', 'a@example.com', '--subject', 's', '--text', 'x']);
  assertOneLineError(t, r, 1, /defaultSender/);
  t.is((await logRows(db)).length, 0);
});

test('a corrupt database file is one clear line, exit 1', async (t) => {
  const db = join(tmpDir(t), 'corrupt.db');
  writeFileSync(db, 'this is not a database, just some text that is long enough'.repeat(100));
  for (const args of [['log'], ['enqueue', '--to', 'a@example.com', '--subject', 's', '--text', 'x'], ['settings', 'show']]) {
    const r = await runCli(['--db', db, ...args]);
    assertOneLineError(t, r, 1, /database/i);
  }
});

test('a locked database is one clear line, exit 1, nothing written', async (t) => {
  const db = await dbWithSender(t);
  const Database = (await import('better-sqlite3')).default;
  const holder = new Database(db);
  holder.exec('BEGIN EXCLUSIVE');
  try {
    const r = await runCli(['--db', db, 'enqueue', '--to', 'a@example.com', '--subject', 's', '--text', 'x']);
    assertOneLineError(t, r, 1, /lock|busy/i);
  } finally {
    holder.exec('ROLLBACK');
    holder.close();
  }
  t.is((await logRows(db)).length, 0);
});

test('every writing command on a locked database: one clear line, exit 1, nothing written (sendmail: 75, in sendmail.test.ts)', async (t) => {
  const db = await dbWithSender(t);
  await ok(['--db', db, 'enqueue', '--to', 'a@example.com', '--subject', 'kept', '--text', 'x']);
  const before = await logRows(db);
  const Database = (await import('better-sqlite3')).default;
  const holder = new Database(db);
  holder.exec('BEGIN EXCLUSIVE');
  let results;
  try {
    results = await Promise.all([
      runCli(['--db', db, 'settings', 'set', 'port=2525']),
      runCli(['--db', db, 'templates', 'add', 'x']),
      runCli(['--db', db, 'delete', String(before[0]!.id), '--yes']),
      runCli(['--db', db, 'auto', 'on']),
    ]);
  } finally {
    holder.exec('ROLLBACK');
    holder.close();
  }
  for (const r of results) assertOneLineError(t, r, 1, /lock|busy/i);
  t.deepEqual(await logRows(db), before);
  t.is(JSON.parse(await ok(['--db', db, 'settings', 'show', '--json'])).port, 25);
  t.deepEqual(JSON.parse(await ok(['--db', db, 'templates', 'list', '--json'])), []);
});

test('commands on a corrupt database file: one clear line, exit 1', async (t) => {
  const db = join(tmpDir(t), 'corrupt.db');
  writeFileSync(db, Buffer.alloc(8192, 0x41));
  const runs = await Promise.all([
    runCli(['--db', db, 'sendmail', '-i', 'ops@example.com'], { input: 'Subject: s\r\n\r\nbody\r\n' }),
    runCli(['--db', db, 'send', '1']),
    runCli(['--db', db, 'view', '1']),
    runCli(['--db', db, 'serve']),
    runCli(['--db', db, 'test', '--to', 'a@example.com']),
  ]);
  for (const r of runs) assertOneLineError(t, r, 1, /database/i);
});

test('OUTBOUND_DB chooses the database when --db is absent, and XDG_DATA_HOME is the default', async (t) => {
  const dir = tmpDir(t);
  const env = { OUTBOUND_DB: join(dir, 'env.db') };
  await ok(['settings', 'set', 'defaultSender=robot@example.com'], { env });
  await ok(['enqueue', '--to', 'a@example.com', '--subject', 'via env', '--text', 'x'], { env });
  t.is((await logRows(join(dir, 'env.db'))).length, 1);
  const xdg = { XDG_DATA_HOME: join(dir, 'xdg') };
  await ok(['settings', 'set', 'defaultSender=robot@example.com'], { env: xdg });
  await ok(['enqueue', '--to', 'a@example.com', '--subject', 'via xdg', '--text', 'x'], { env: xdg });
  t.is((await logRows(join(dir, 'xdg', 'outbound', 'outbound.db')))[0]!.subject, 'via xdg');
});

test('log: --filter, --sort, --limit and --csv', async (t) => {
  const db = await dbWithSender(t);
  for (const s of ['alpha', 'bravo', 'charlie']) await ok(['--db', db, 'enqueue', '--to', `${s}@example.com`, '--subject', `subject ${s}`, '--text', 'x']);
  const filtered = JSON.parse(await ok(['--db', db, 'log', '--filter', 'to:bravo', '--json'])) as { subject: string }[];
  t.deepEqual(filtered.map((r) => r.subject), ['subject bravo']);
  const sorted = JSON.parse(await ok(['--db', db, 'log', '--sort', 'subject:desc', '--limit', '2', '--json'])) as { subject: string }[];
  t.deepEqual(sorted.map((r) => r.subject), ['subject charlie', 'subject bravo']);
  const csv = (await ok(['--db', db, 'log', '--csv', '--sort', 'id:asc'])).trimEnd().split('\n');
  t.is(csv[0], JSON_KEYS.join(','));
  t.is(csv.length, 4);
  t.regex(csv[1]!, /^\d+,queued,\d{4}-.*,,robot@example\.com,default,alpha@example\.com,,subject alpha,0,,,<.*>,cli$/);
  const table = await ok(['--db', db, 'log']);
  t.regex(table, /^\s*ID\s+STATUS/);
  t.regex(table, /subject charlie/);
});

test('log: a malformed filter exits 2 with the filter error, prefixed like the other log errors', async (t) => {
  const db = await dbWithSender(t);
  const r = await runCli(['--db', db, 'log', '--filter', 'status:bogus']);
  assertOneLineError(t, r, 2, /^outbound: log: --filter: .*status.*bogus/);
  const r2 = await runCli(['--db', db, 'log', '--filter', 'since:yesterdayish']);
  assertOneLineError(t, r2, 2, /^outbound: log: --filter: .*since/);
  const r3 = await runCli(['--db', db, 'log', '--filter', 'status:']);
  assertOneLineError(t, r3, 2, /^outbound: log: --filter: empty value/);
  // the style of the other log errors
  assertOneLineError(t, await runCli(['--db', db, 'log', '--sort', 'nope']), 2, /^outbound: log: /);
  for (const x of [r, r2, r3]) t.is(x.stdout, '');
});

test('log --limit with a negative number says it must be a whole number (not "needs a value")', async (t) => {
  const db = await dbWithSender(t);
  for (const args of [['--limit', '-3'], ['--limit=-3'], ['--limit', '-0.5']]) {
    const r = await runCli(['--db', db, 'log', ...args]);
    assertOneLineError(t, r, 2, /^outbound: log: --limit must be a whole number ≥ 0, not "-(3|0\.5)"$/);
  }
  // A real missing value is still reported as such.
  assertOneLineError(t, await runCli(['--db', db, 'log', '--limit']), 2, /--limit needs a value/);
  assertOneLineError(t, await runCli(['--db', db, 'log', '--limit', '--json']), 2, /--limit needs a value/);
});
