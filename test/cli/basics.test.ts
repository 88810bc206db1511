import test from 'ava';
import { readFileSync } from 'node:fs';
import { tmpDbPath } from '../helpers/tmp.js';
import { assertOneLineError } from './assert-error.js';
import { runCli } from './run-cli.js';

const COMMANDS = ['tui', 'enqueue', 'sendmail', 'send', 'log', 'view', 'forward', 'delete', 'purge', 'test', 'settings', 'auto', 'templates', 'readers', 'desks', 'serve', 'check', 'demo'];

test('--version prints the package version', async (t) => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  const r = await runCli(['--version']);
  t.is(r.code, 0);
  t.is(r.stdout, `outbound ${pkg.version}\n`);
});

test('--help lists every command', async (t) => {
  const r = await runCli(['--help']);
  t.is(r.code, 0);
  for (const c of COMMANDS) t.regex(r.stdout, new RegExp(`^  ${c} `, 'm'));
});

for (const command of COMMANDS) {
  test(`${command} --help prints its usage and exits 0 without opening a database`, async (t) => {
    const db = tmpDbPath(t);
    const r = await runCli(['--db', db, command, '--help']);
    t.is(r.code, 0, r.stderr);
    t.regex(r.stdout, new RegExp(`Usage: outbound (\\[--db PATH\\] )?(\\[)?${command === 'tui' ? 'tui' : command}`));
    t.is(r.stderr, '');
    t.false((await import('node:fs')).existsSync(db));
  });
}

test('an unknown command is a usage error (exit 2, one line)', async (t) => {
  assertOneLineError(t, await runCli(['frobnicate']), 2, /unknown command "frobnicate"/);
});

test('an unknown global option is a usage error', async (t) => {
  assertOneLineError(t, await runCli(['--frob', 'log']), 2, /unknown option --frob/);
});

test('--db without a value is a usage error', async (t) => {
  assertOneLineError(t, await runCli(['--db']), 2, /--db needs a value/);
});

const UNKNOWN_FLAG: string[][] = [
  ['enqueue', '--to', 'a@example.com', '--subject', 's', '--bogus'],
  ['send', '1', '--bogus'],
  ['log', '--bogus'],
  ['view', '1', '--bogus'],
  ['forward', '1', '--bogus'],
  ['delete', '1', '--bogus'],
  ['purge', '--bogus'],
  ['test', '--bogus'],
  ['settings', 'show', '--bogus'],
  ['auto', '--bogus'],
  ['templates', 'list', '--bogus'],
  ['readers', 'list', '--bogus'],
  ['desks', 'list', '--bogus'],
  ['serve', '--bogus'],
  ['demo', '--bogus'],
  ['tui', '--bogus'],
  ['sendmail', '--bogus'],
];

for (const args of UNKNOWN_FLAG) {
  test(`${args[0]}: an unknown flag exits 2 with one line and writes nothing`, async (t) => {
    const db = tmpDbPath(t);
    const r = await runCli(['--db', db, ...args]);
    assertOneLineError(t, r, 2, new RegExp(`${args[0]}: unknown option --bogus`));
    t.is(r.stdout, '');
    t.false((await import('node:fs')).existsSync(db), 'no database created for a usage error');
  });
}

const MISSING_VALUE: string[][] = [
  ['enqueue', '--to', 'a@example.com', '--subject'],
  ['log', '--filter'],
  ['log', '--sort'],
  ['log', '--limit'],
  ['forward', '1', '--to'],
  ['purge', '--older-than'],
  ['test', '--to'],
  ['serve', '--listen'],
  ['templates', 'add', 'x', '--from'],
  ['sendmail', '-f'],
  ['log', '--db='],
];

for (const args of MISSING_VALUE) {
  test(`${args.join(' ')}: a missing value exits 2 with one line`, async (t) => {
    const r = await runCli(['--db', tmpDbPath(t), ...args]);
    assertOneLineError(t, r, 2, /needs a value/);
  });
}

const BAD_USAGE: [string[], RegExp][] = [
  [['enqueue', '--subject', 's', '--text', 'x'], /--to is required/],
  [['enqueue', '--to', 'a@example.com', '--text', 'x'], /--subject is required/],
  [['send'], /give one or more ids/],
  [['send', 'abc'], /not an email id/],
  [['view'], /missing argument/],
  [['view', '1', '2'], /unexpected argument/],
  [['forward', '1'], /--to is required/],
  [['log', '--sort', 'password'], /cannot sort by "password"/],
  [['log', '--sort', 'id:up'], /--sort takes/],
  [['log', '--limit', '-3'], /--limit must be a whole number ≥ 0/],
  [['log', '--json', '--csv'], /--json or --csv/],
  [['purge', '--older-than', 'ten'], /whole number/],
  [['auto', 'maybe'], /on, off or status/],
  [['settings', 'frob'], /unknown action/],
  [['settings', 'set', 'colour=blue'], /unknown key "colour"/],
  [['templates', 'frob'], /unknown action/],
  [['readers', 'add', 'helpdesk'], /--reply is required/],
  [['serve', '--listen', '0.0.0.0:2525'], /not a loopback address: add --allow-remote/],
  [['serve', '--listen', 'nope'], /HOST:PORT/],
  [['serve', '--max-size', '5'], /go with --listen/],
  [['sendmail'], /no recipients/],
  [['sendmail', '-q'], /not supported/],
];

for (const [args, pattern] of BAD_USAGE) {
  test(`usage error: outbound ${args.join(' ')}`, async (t) => {
    const r = await runCli(['--db', tmpDbPath(t), ...args]);
    assertOneLineError(t, r, 2, pattern);
  });
}

test('the console refuses clearly when stdin is not a terminal', async (t) => {
  const r = await runCli(['--db', tmpDbPath(t)]);
  assertOneLineError(t, r, 2, /needs a terminal/);
});

test('help COMMAND prints the command help', async (t) => {
  const r = await runCli(['help', 'log']);
  t.is(r.code, 0);
  t.regex(r.stdout, /^Usage: outbound log/);
});

test('output into a closed pipe (log | head) ends quietly, exit 0', async (t) => {
  const { spawn } = await import('node:child_process');
  const { BIN, cleanEnv } = await import('./run-cli.js');
  const db = tmpDbPath(t);
  await runCli(['--db', db, 'settings', 'set', 'defaultSender=a@example.com']);
  for (let i = 0; i < 3; i++) await runCli(['--db', db, 'enqueue', '--to', 'b@example.com', '--subject', `s${i}`, '--text', 'x']);
  const child = spawn(process.execPath, [BIN, '--db', db, 'log', '--csv'], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy(); // the reader is gone before the first write
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  t.is(stderr, '');
  t.is(code, 0);
});
