import test from 'ava';
import { tmpDbPath } from '../helpers/tmp.js';
import { assertOneLineError } from './assert-error.js';
import { ok, runCli } from './run-cli.js';

const KEYS = ['host', 'port', 'user', 'security', 'verifyCertificates', 'daysToKeep', 'defaultSender', 'maxConnections', 'rateLimit', 'autoDelivery'];

async function show(db: string): Promise<Record<string, unknown>> {
  return JSON.parse(await ok(['--db', db, 'settings', 'show', '--json'])) as Record<string, unknown>;
}

test('settings show --json has the documented keys and the password only as set/not set', async (t) => {
  const db = tmpDbPath(t);
  const s = await show(db);
  for (const k of KEYS) t.true(k in s, k);
  t.is(s.password, 'not set');
  t.is(s.autoDelivery, false);
});

test('settings set changes several keys at once', async (t) => {
  const db = tmpDbPath(t);
  t.regex(await ok(['--db', db, 'settings', 'set', 'host=smtp.example.com', 'port=587', 'security=require-starttls', 'user=relay', 'daysToKeep=7', 'verifyCertificates=false', 'rateLimit=10']), /^saved: /);
  t.like(await show(db), { host: 'smtp.example.com', port: 587, security: 'require-starttls', user: 'relay', daysToKeep: 7, verifyCertificates: false, rateLimit: 10 });
});

test('settings set is all or nothing: one bad value changes nothing', async (t) => {
  const db = tmpDbPath(t);
  const before = await show(db);
  assertOneLineError(t, await runCli(['--db', db, 'settings', 'set', 'host=smtp.example.com', 'port=99999']), 1, /port/);
  assertOneLineError(t, await runCli(['--db', db, 'settings', 'set', 'host=smtp.example.com', 'port=abc']), 1, /port/);
  assertOneLineError(t, await runCli(['--db', db, 'settings', 'set', 'host=smtp.example.com', 'defaultSender=nope']), 1, /defaultSender|address/);
  assertOneLineError(t, await runCli(['--db', db, 'settings', 'set', 'host=smtp.example.com', 'security=ssl3']), 1, /security/);
  assertOneLineError(t, await runCli(['--db', db, 'settings', 'set', 'host=smtp.example.com', 'autoDelivery=perhaps']), 1, /autoDelivery/);
  t.deepEqual(await show(db), before);
});

test('a password on the command line is refused, with the way to do it', async (t) => {
  const db = tmpDbPath(t);
  const r = await runCli(['--db', db, 'settings', 'set', 'password=hunter2']);
  assertOneLineError(t, r, 2, /--password-stdin.*OUTBOUND_SMTP_PASSWORD/);
  t.notRegex(r.stderr, /hunter2/);
  t.is((await show(db)).password, 'not set');
});

test('--password-stdin sets the password; it is never printed', async (t) => {
  const db = tmpDbPath(t);
  const out = await ok(['--db', db, 'settings', 'set', 'user=relay', '--password-stdin'], { input: 's3cr3t-Pa55\n' });
  t.notRegex(out, /s3cr3t/);
  const s = await ok(['--db', db, 'settings', 'show']);
  const json = await ok(['--db', db, 'settings', 'show', '--json']);
  t.notRegex(s + json, /s3cr3t/);
  t.regex(s, /^password\s+set$/m);
  t.is(JSON.parse(json).password, 'set');
});

test('an empty --password-stdin is an error that keeps the stored password; --clear-password removes it', async (t) => {
  const db = tmpDbPath(t);
  await ok(['--db', db, 'settings', 'set', '--password-stdin'], { input: 's3cr3t-Pa55' });
  // printf '%s' "$UNSET_VAR" | … must not wipe the relay password (nor save the other keys).
  for (const input of ['', '\n']) {
    const r = await runCli(['--db', db, 'settings', 'set', 'port=2525', '--password-stdin'], { input });
    assertOneLineError(t, r, 2, /^outbound: --password-stdin read an empty password; to remove the stored password use `outbound settings set --clear-password`$/);
    t.is(r.stdout, '');
  }
  t.like(await show(db), { password: 'set', port: 25 });
  assertOneLineError(t, await runCli(['--db', db, 'settings', 'set', '--clear-password', '--password-stdin'], { input: 'x' }), 2, /--clear-password/);
  t.is((await show(db)).password, 'set');
  t.regex(await ok(['--db', db, 'settings', '--help']), /--clear-password/);
  t.is(await ok(['--db', db, 'settings', 'set', '--clear-password']), 'saved: password (cleared)\n');
  t.is((await show(db)).password, 'not set');
});

test('auto on|off|status', async (t) => {
  const db = tmpDbPath(t);
  t.regex(await ok(['--db', db, 'auto', 'status']), /^automatic delivery is OFF/);
  t.regex(await ok(['--db', db, 'auto', 'on']), /^automatic delivery is ON \(changed .* by /);
  t.is((await show(db)).autoDelivery, true);
  t.regex(await ok(['--db', db, 'auto']), /is ON/);
  t.regex(await ok(['--db', db, 'auto', 'off']), /is OFF/);
  t.is((await show(db)).autoDelivery, false);
});

test('templates, readers and desks: add, list, remove', async (t) => {
  const db = tmpDbPath(t);
  t.regex(await ok(['--db', db, 'templates', 'list']), /no templates yet/);
  await ok(['--db', db, 'templates', 'add', 'backup', '--from', 'Backups <backup@example.com>']);
  await ok(['--db', db, 'readers', 'add', 'helpdesk', '--reply', 'help@example.com']);
  await ok(['--db', db, 'desks', 'add', 'support', '--reader', 'helpdesk']);
  const templates = JSON.parse(await ok(['--db', db, 'templates', 'list', '--json'])) as { name: string; from: string }[];
  t.like(templates[0], { name: 'backup' });
  t.regex(templates[0]!.from, /backup@example\.com/);
  t.like(JSON.parse(await ok(['--db', db, 'readers', 'list', '--json']))[0], { name: 'helpdesk', reply: 'help@example.com' });
  t.like(JSON.parse(await ok(['--db', db, 'desks', 'list', '--json']))[0], { name: 'support', reader: 'helpdesk' });
  t.regex(await ok(['--db', db, 'desks', 'list']), /support\s+helpdesk/);
  t.regex(await ok(['--db', db, 'templates', 'remove', 'backup']), /removed template "backup"/);
  t.deepEqual(JSON.parse(await ok(['--db', db, 'templates', 'list', '--json'])), []);
});

test('directory errors: invalid address, unknown reader, duplicate name, unknown name', async (t) => {
  const db = tmpDbPath(t);
  assertOneLineError(t, await runCli(['--db', db, 'templates', 'add', 'x', '--from', 'not-an-address']), 1, /not a valid email address/);
  assertOneLineError(t, await runCli(['--db', db, 'readers', 'add', 'r', '--reply', 'a@example.com\nBcc: b@example.com']), 1);
  assertOneLineError(t, await runCli(['--db', db, 'desks', 'add', 'support', '--reader', 'ghost']), 1, /ghost|reader/);
  await ok(['--db', db, 'readers', 'add', 'r', '--reply', 'a@example.com']);
  assertOneLineError(t, await runCli(['--db', db, 'readers', 'add', 'r', '--reply', 'b@example.com']), 1, /exists|already|"r"/);
  assertOneLineError(t, await runCli(['--db', db, 'readers', 'remove', 'nobody']), 1, /no reader named "nobody"/);
  t.is(JSON.parse(await ok(['--db', db, 'readers', 'list', '--json'])).length, 1);
  t.is(JSON.parse(await ok(['--db', db, 'templates', 'list', '--json'])).length, 0);
  t.is(JSON.parse(await ok(['--db', db, 'desks', 'list', '--json'])).length, 0);
});
