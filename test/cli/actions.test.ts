import test from 'ava';
import { closedPort } from '../helpers/smtp.js';
import { tmpDbPath } from '../helpers/tmp.js';
import { assertOneLineError } from './assert-error.js';
import { logRows, ok, runCli } from './run-cli.js';
import { relayDb } from './setup.js';

async function enqueue(db: string, to: string, subject = 'hello'): Promise<string> {
  return (await ok(['--db', db, 'enqueue', '--to', to, '--subject', subject, '--text', `body of ${subject}`])).trim();
}

test('send ID delivers over SMTP, prints one line per id and exits 0', async (t) => {
  const { db, smtp } = await relayDb(t);
  const a = await enqueue(db, 'a@example.com', 'first');
  const b = await enqueue(db, 'b@example.com', 'second');
  const out = await ok(['--db', db, 'send', a, b]);
  const lines = out.trimEnd().split('\n');
  t.is(lines.length, 2);
  t.regex(lines[0]!, new RegExp(`^${a} sent 250`));
  t.regex(lines[1]!, new RegExp(`^${b} sent 250`));
  t.deepEqual(smtp.received.map((m) => m.to[0]).sort(), ['a@example.com', 'b@example.com']);
  const rows = await logRows(db);
  t.true(rows.every((r) => r.status === 'sent' && r.sentAt !== null && r.smtpResponse !== null));
});

test('send exits 1 unless all were sent: a rejected recipient fails, an unknown id is skipped', async (t) => {
  const { db } = await relayDb(t, { onRecipient: (a) => (a.startsWith('bad') ? { code: 550, message: '5.1.1 no such user' } : undefined) });
  const good = await enqueue(db, 'good@example.com');
  const bad = await enqueue(db, 'bad@example.com');
  const r = await runCli(['--db', db, 'send', good, bad, '999']);
  t.is(r.code, 1);
  t.regex(r.stdout, new RegExp(`^${good} sent`, 'm'));
  t.regex(r.stdout, new RegExp(`^${bad} failed .*550`, 'm'));
  t.regex(r.stdout, /^999 skipped: /m);
});

test('send of an already sent email is skipped with the flag that sends it again (--resend)', async (t) => {
  const { db, smtp } = await relayDb(t);
  const id = await enqueue(db, 'a@example.com');
  await ok(['--db', db, 'send', id]);
  const r = await runCli(['--db', db, 'send', id]);
  t.is(r.code, 1);
  t.regex(r.stdout, new RegExp(`^${id} skipped: already sent \\(--resend to send it again\\)$`, 'm'));
  t.regex(await ok(['--db', db, 'send', id, '--resend']), new RegExp(`^${id} sent 250`));
  await smtp.waitFor(2);
});

test('send --all-queued sends queued and deferred mail', async (t) => {
  const { db, smtp } = await relayDb(t);
  await enqueue(db, 'a@example.com');
  await enqueue(db, 'b@example.com');
  await ok(['--db', db, 'send', '--all-queued']);
  t.is(smtp.received.length, 2);
  t.regex(await ok(['--db', db, 'send', '--all-queued']), /nothing to send/);
});

test('view shows decoded headers, body and the attempt history; --raw writes the exact bytes', async (t) => {
  const { db, smtp } = await relayDb(t);
  const id = await enqueue(db, 'a@example.com', 'Grüße aus dem Rechenzentrum');
  await ok(['--db', db, 'send', id]);
  const view = await ok(['--db', db, 'view', id]);
  t.regex(view, /Subject:\s+Grüße aus dem Rechenzentrum/);
  t.regex(view, /body of Grüße/);
  t.regex(view, /--- delivery attempts\n.*sent.*250/);
  const raw = await runCli(['--db', db, 'view', id, '--raw']);
  t.is(raw.code, 0);
  // What was relayed is exactly what is stored.
  t.true(raw.stdoutBytes.equals(smtp.received[0]!.raw));
});

test('view of an unknown id exits 1 with one line', async (t) => {
  const { db } = await relayDb(t);
  assertOneLineError(t, await runCli(['--db', db, 'view', '42']), 1, /no email with id 42/);
  assertOneLineError(t, await runCli(['--db', db, 'view', '42', '--raw']), 1, /no email with id 42/);
});

test('forward resends to a new address as a new linked row', async (t) => {
  const { db, smtp } = await relayDb(t);
  const id = await enqueue(db, 'a@example.com', 'report');
  await ok(['--db', db, 'send', id]);
  const out = await ok(['--db', db, 'forward', id, '--to', 'auditor@example.com']);
  t.regex(out, /^\d+ sent 250/);
  await smtp.waitFor(2);
  t.deepEqual(smtp.received[1]!.to, ['auditor@example.com']);
  t.regex(smtp.received[1]!.raw.toString(), /^Resent-To: auditor@example\.com/im);
  const rows = await logRows(db);
  t.is(rows.length, 2);
  const copy = rows.find((r) => r.origin === 'forward')!;
  t.is(copy.to, 'auditor@example.com');
  // view of the copy names the original, label and value apart, in the column of the other fields
  const view = await ok(['--db', db, 'view', String(copy.id)]);
  t.regex(view, new RegExp(`^Forwarded from: +email #${id}$`, 'm'));
  const column = (label: string) => /^(\S[^:]*: +)/m.exec(view.split('\n').find((l) => l.startsWith(label))!)![1]!.length;
  t.is(column('Forwarded from:'), column('Subject:'));
});

test('forward: unknown id and invalid address exit 1, nothing written', async (t) => {
  const { db } = await relayDb(t);
  const id = await enqueue(db, 'a@example.com');
  assertOneLineError(t, await runCli(['--db', db, 'forward', '77', '--to', 'x@example.com']), 1, /77/);
  assertOneLineError(t, await runCli(['--db', db, 'forward', id, '--to', 'not an address']), 1, /not a valid email address/);
  assertOneLineError(t, await runCli(['--db', db, 'forward', id, '--to', 'x@example.com\r\nBcc: y@example.com']), 1);
  t.is((await logRows(db)).length, 1);
});

test('delete without a terminal requires --yes; with --yes it deletes', async (t) => {
  const { db } = await relayDb(t);
  const a = await enqueue(db, 'a@example.com');
  const b = await enqueue(db, 'b@example.com');
  assertOneLineError(t, await runCli(['--db', db, 'delete', a]), 2, /--yes/);
  t.is((await logRows(db)).length, 2);
  t.regex(await ok(['--db', db, 'delete', a, '--yes']), /deleted 1 of 1/);
  t.deepEqual((await logRows(db)).map((r) => String(r.id)), [b]);
});

test('delete with an unknown id deletes nothing', async (t) => {
  const { db } = await relayDb(t);
  const a = await enqueue(db, 'a@example.com');
  assertOneLineError(t, await runCli(['--db', db, 'delete', a, '555', '--yes']), 1, /555.*nothing deleted/);
  t.is((await logRows(db)).length, 1);
});

test('purge --dry-run counts, purge deletes only sent/failed older than the limit', async (t) => {
  const { db } = await relayDb(t);
  const sent = await enqueue(db, 'a@example.com');
  await enqueue(db, 'b@example.com');
  await ok(['--db', db, 'send', sent]);
  t.regex(await ok(['--db', db, 'purge', '--older-than', '0', '--dry-run']), /would delete 1 sent\/failed email older than 0 days/);
  t.is((await logRows(db)).length, 2);
  t.regex(await ok(['--db', db, 'purge', '--older-than', '0']), /deleted 1 /);
  t.deepEqual((await logRows(db)).map((r) => r.status), ['queued']);
  t.regex(await ok(['--db', db, 'purge']), /deleted 0 sent\/failed emails older than 30 days/);
});

test('test --to delivers, prints the transcript and a diagnosis, exit 0', async (t) => {
  const { db, smtp } = await relayDb(t);
  const out = await ok(['--db', db, 'test', '--to', 'me@example.com', '--subject', 'relay check']);
  t.regex(out, /--- transcript/);
  t.regex(out, /result:\s+DELIVERED/);
  t.regex(out, /diagnosis: /);
  t.deepEqual(smtp.received[0]!.to, ['me@example.com']);
  const rows = await logRows(db);
  t.like(rows[0], { origin: 'test', status: 'sent', subject: 'relay check' });
});

test('test against a dead relay exits 1 with a diagnosis; --verify-only too', async (t) => {
  const db = tmpDbPath(t);
  const port = await closedPort();
  await ok(['--db', db, 'settings', 'set', 'host=127.0.0.1', `port=${port}`, 'security=none', 'defaultSender=robot@example.com']);
  const r = await runCli(['--db', db, 'test', '--to', 'me@example.com']);
  t.is(r.code, 1);
  t.regex(r.stdout, /result:\s+FAILED/);
  t.regex(r.stdout, /diagnosis: \S/);
  const v = await runCli(['--db', db, 'test', '--verify-only']);
  t.is(v.code, 1);
  t.regex(v.stdout, /result:\s+FAILED/);
});

test('test --verify-only against a live relay exits 0 and sends nothing', async (t) => {
  const { db, smtp } = await relayDb(t);
  const out = await ok(['--db', db, 'test', '--verify-only']);
  t.regex(out, /result:\s+VERIFIED/);
  t.is(smtp.received.length, 0);
  t.is((await logRows(db)).length, 0);
});

test('test with an invalid address exits 1, nothing written', async (t) => {
  const { db } = await relayDb(t);
  assertOneLineError(t, await runCli(['--db', db, 'test', '--to', 'nope']), 1, /not a valid email address/);
  t.is((await logRows(db)).length, 0);
});
