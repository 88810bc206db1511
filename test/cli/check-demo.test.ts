import test from 'ava';
import { existsSync } from 'node:fs';
import { tmpDbPath } from '../helpers/tmp.js';
import { assertOneLineError } from './assert-error.js';
import { logRows, ok, runCli } from './run-cli.js';
import { relayDb } from './setup.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpDir } from '../helpers/tmp.js';

test('check on an empty queue: OK line, exit 0', async (t) => {
  const r = await runCli(['--db', tmpDbPath(t), 'check']);
  t.is(r.code, 0);
  t.is(r.stdout, 'OUTBOUND OK - 0 queued, oldest 0s, 0 deferred, 0 failed in 24h\n');
});

test('check: queued mail older than --max-queue-age is CRITICAL (exit 2)', async (t) => {
  const { db } = await relayDb(t);
  await ok(['--db', db, 'enqueue', '--to', 'a@example.com', '--subject', 's', '--text', 'x']);
  t.is((await runCli(['--db', db, 'check'])).code, 0);
  const r = await runCli(['--db', db, 'check', '--max-queue-age', '0s']);
  t.is(r.code, 2);
  t.regex(r.stdout, /^OUTBOUND CRITICAL - 1 queued, oldest \d+s, 0 deferred, 0 failed in 24h \(oldest \d+s > 0s \(automatic delivery is OFF\)\)\n$/);
});

test('check: failed mail in the window is a WARNING (exit 1); --max-failed raises the bar', async (t) => {
  const { db } = await relayDb(t, { onRecipient: () => ({ code: 550, message: '5.1.1 unknown user' }) });
  const id = (await ok(['--db', db, 'enqueue', '--to', 'a@example.com', '--subject', 's', '--text', 'x'])).trim();
  await runCli(['--db', db, 'send', id]);
  const r = await runCli(['--db', db, 'check', '--window', '1h']);
  t.is(r.code, 1);
  t.regex(r.stdout, /^OUTBOUND WARNING - 0 queued, oldest 0s, 0 deferred, 1 failed in 1h \(1 failed in 1h > 0\)\n$/);
  t.is((await runCli(['--db', db, 'check', '--max-failed', '1'])).code, 0);
});

test('check: deferred mail over --max-deferred is a WARNING', async (t) => {
  const { db } = await relayDb(t, { onRecipient: () => ({ code: 451, message: '4.2.1 try later' }) });
  const id = (await ok(['--db', db, 'enqueue', '--to', 'a@example.com', '--subject', 's', '--text', 'x'])).trim();
  await runCli(['--db', db, 'send', id]);
  const r = await runCli(['--db', db, 'check', '--max-deferred', '0']);
  t.is(r.code, 1);
  t.regex(r.stdout, /OUTBOUND WARNING - 0 queued, oldest \d+s, 1 deferred, 0 failed in 24h \(1 deferred > 0\)/);
});

test('check on an unreadable database is CRITICAL', async (t) => {
  const db = join(tmpDir(t), 'bad.db');
  writeFileSync(db, 'garbage'.repeat(500));
  const r = await runCli(['--db', db, 'check']);
  t.is(r.code, 2);
  t.regex(r.stdout, /^OUTBOUND CRITICAL - .*database/i);
});

test('check: bad usage is UNKNOWN (exit 3, as monitoring plugins expect), never CRITICAL; nothing created', async (t) => {
  const db = tmpDbPath(t);
  const cases: [string[], RegExp][] = [
    [['--max-queue-age', 'banana'], /number with a unit/],
    [['--max-queue-age', 'soon'], /number with a unit/],
    [['--bogus'], /unknown option --bogus/],
    [['--max-failed', 'x'], /--max-failed must be a whole number/],
    [['extra'], /unexpected argument/],
    [['--max-queue-age'], /--max-queue-age needs a value/],
    [['--window', '24'], /number with a unit/],
  ];
  for (const [args, pattern] of cases) {
    const r = await runCli(['--db', db, 'check', ...args]);
    assertOneLineError(t, r, 3, pattern);
    t.regex(r.stdout, /^OUTBOUND UNKNOWN - \S[^\n]*\n$/);
    t.regex(r.stdout, pattern);
  }
  t.false(existsSync(db), 'no database created for a usage error');
  t.regex(await ok(['check', '--help']), /3 UNKNOWN/);
});

test('demo (no terminal): builds a sandbox with every status and sender source, removes it on exit', async (t) => {
  const r = await runCli(['demo', '--keep']);
  t.is(r.code, 0, r.stderr);
  const dir = /^sandbox: (.+)$/m.exec(r.stdout)?.[1];
  t.truthy(dir);
  t.teardown(() => import('node:fs').then((fs) => fs.rmSync(dir!, { recursive: true, force: true })));
  const rows = await logRows(join(dir!, 'outbound.db'));
  const statuses = new Set(rows.map((r) => r.status));
  for (const s of ['queued', 'deferred', 'sent', 'failed']) t.true(statuses.has(s), s);
  t.true(rows.some((r) => r.origin === 'forward' && r.status === 'sent'));
  const sources = new Set(rows.map((r) => r.fromSource));
  for (const s of ['procedure', 'template', 'desk', 'default']) t.true(sources.has(s), s);
  t.regex(r.stdout, /capture SMTP: +127\.0\.0\.1:\d+/);
  t.regex(r.stdout, /no terminal: not opening the console/);

  const gone = await runCli(['demo']);
  t.is(gone.code, 0, gone.stderr);
  const dir2 = /^sandbox: (.+)$/m.exec(gone.stdout)?.[1];
  t.false(existsSync(dir2!), 'sandbox removed on exit');
});
