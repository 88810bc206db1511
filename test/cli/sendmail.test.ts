import test from 'ava';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpDbPath, tmpDir } from '../helpers/tmp.js';
import { assertOneLineError } from './assert-error.js';
import { BIN, logRows, ok, runCli } from './run-cli.js';
import { relayDb } from './setup.js';

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

const PLAIN = crlf(`From: Backup <backup@example.com>
To: ops@example.com
Subject: nightly backup
Date: Thu, 03 Dec 2026 02:00:00 +0000
Message-ID: <backup-1@example.com>

All 38 volumes backed up.
`);

// 8-bit text (UTF-8 and a raw latin1 byte) and a base64 attachment.
const MULTIPART = Buffer.concat([
  Buffer.from(crlf(`From: reports@example.com
To: ops@example.com
Subject: =?UTF-8?Q?R=C3=A9sum=C3=A9?= with attachment
Date: Thu, 03 Dec 2026 02:00:00 +0000
Message-ID: <multi-1@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

Grüße, voilà: `)),
  Buffer.from([0xe9, 0xff, 0x80]),
  Buffer.from(crlf(`
--b1
Content-Type: application/octet-stream; name="data.bin"
Content-Disposition: attachment; filename="data.bin"
Content-Transfer-Encoding: base64

AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=
--b1--
`)),
]);

async function rawOf(db: string, id: number): Promise<Buffer> {
  const r = await runCli(['--db', db, 'view', String(id), '--raw']);
  if (r.code !== 0) throw new Error(r.stderr);
  return r.stdoutBytes;
}

async function sendmailDb(t: import('ava').ExecutionContext): Promise<string> {
  const db = tmpDbPath(t);
  await ok(['--db', db, 'settings', 'set', 'defaultSender=robot@example.com']);
  return db;
}

test('a plain CRLF message is stored byte for byte, silently, exit 0', async (t) => {
  const db = await sendmailDb(t);
  const r = await runCli(['--db', db, 'sendmail', '-i', 'ops@example.com'], { input: PLAIN });
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, '');
  t.is(r.stderr, '');
  const [row] = await logRows(db);
  t.like(row, { status: 'queued', origin: 'sendmail', subject: 'nightly backup', from: 'backup@example.com', fromSource: 'procedure', messageId: '<backup-1@example.com>' });
  t.true((await rawOf(db, row!.id)).equals(Buffer.from(PLAIN)));
});

test('bare LF line ends become CRLF; nothing else changes', async (t) => {
  const db = await sendmailDb(t);
  await ok(['--db', db, 'sendmail', 'ops@example.com'], { input: PLAIN.replace(/\r\n/g, '\n') });
  const [row] = await logRows(db);
  t.true((await rawOf(db, row!.id)).equals(Buffer.from(PLAIN)));
});

test('multipart with an attachment and 8-bit bytes is kept byte for byte', async (t) => {
  const db = await sendmailDb(t);
  await ok(['--db', db, 'sendmail', '-t', '-i'], { input: MULTIPART });
  const [row] = await logRows(db);
  t.is(row!.subject, 'Résumé with attachment');
  t.true((await rawOf(db, row!.id)).equals(MULTIPART));
  const view = await ok(['--db', db, 'view', String(row!.id)]);
  t.regex(view, /data\.bin\s+application\/octet-stream\s+32 bytes/);
});

test('-t takes recipients from To/Cc/Bcc; Bcc is removed from the stored headers but still delivered', async (t) => {
  const { db, smtp } = await relayDb(t);
  const input = crlf(`From: app@example.com
To: Ann <ann@example.com>
Cc: "Bob, B." <bob@example.com>
Bcc: secret@example.com,
 hidden@example.com
Subject: quarterly numbers
Date: Thu, 03 Dec 2026 02:00:00 +0000
Message-ID: <q-1@example.com>

numbers
`);
  await ok(['--db', db, 'sendmail', '-t', '-i', 'extra@example.com'], { input });
  const [row] = await logRows(db);
  const stored = await rawOf(db, row!.id);
  t.true(stored.equals(Buffer.from(input.replace(/Bcc: secret@example.com,\r\n hidden@example.com\r\n/, ''))));
  t.notRegex(stored.toString(), /secret|hidden/);
  await ok(['--db', db, 'send', String(row!.id)]);
  t.deepEqual([...smtp.received[0]!.to].sort(), ['ann@example.com', 'bob@example.com', 'extra@example.com', 'hidden@example.com', 'secret@example.com']);
  t.true(smtp.received[0]!.raw.equals(stored));
});

test('a line with a lone dot: kept with -i, ends the message without -i', async (t) => {
  const db = await sendmailDb(t);
  const withDot = crlf(`From: a@example.com
To: ops@example.com
Subject: dots
Date: Thu, 03 Dec 2026 02:00:00 +0000
Message-ID: <dots@example.com>

before
.
after
`);
  await ok(['--db', db, 'sendmail', '-i', 'ops@example.com'], { input: withDot });
  await ok(['--db', db, 'sendmail', 'ops@example.com'], { input: withDot });
  const rows = (await logRows(db)).sort((a, b) => a.id - b.id);
  t.true((await rawOf(db, rows[0]!.id)).equals(Buffer.from(withDot)));
  t.true((await rawOf(db, rows[1]!.id)).equals(Buffer.from(withDot.slice(0, withDot.indexOf('.\r\nafter')))));
});

test('-f sets the envelope sender; cron/PHP no-op flags are accepted', async (t) => {
  const { db, smtp } = await relayDb(t);
  await ok(['--db', db, 'sendmail', '-FCronDaemon', '-i', '-B8BITMIME', '-oem', '-odb', '-oi', '-bm', '-U', '-f', 'bounces@example.com', '--', 'ops@example.com'], { input: PLAIN });
  const [row] = await logRows(db);
  t.like(row, { from: 'bounces@example.com', fromSource: 'procedure' });
  await ok(['--db', db, 'send', String(row!.id)]);
  t.is(smtp.received[0]!.from, 'bounces@example.com');
  await ok(['--db', db, 'sendmail', '-rreturn@example.com', '-t'], { input: PLAIN });
  t.true((await logRows(db)).some((r) => r.from === 'return@example.com'));
});

test('installed as "sendmail" (a symlink) it behaves as sendmail; as "mailq" it lists the queue', async (t) => {
  const dir = tmpDir(t);
  const db = await sendmailDb(t);
  symlinkSync(BIN, join(dir, 'sendmail'));
  symlinkSync(BIN, join(dir, 'mailq'));
  const r = await runCli(['-t', '-oi'], { bin: join(dir, 'sendmail'), input: PLAIN, env: { OUTBOUND_DB: db } });
  t.is(r.code, 0, r.stderr);
  t.is((await logRows(db)).length, 1);
  const q = await runCli([], { bin: join(dir, 'mailq'), env: { OUTBOUND_DB: db } });
  t.is(q.code, 0, q.stderr);
  t.regex(q.stdout, /queued.*backup@example\.com.*ops@example\.com/);
  t.regex(q.stdout, /1 email waiting/);
});

test('bare local names ("root") are mapped through the aliases file', async (t) => {
  const db = await sendmailDb(t);
  const aliases = join(tmpDir(t), 'aliases');
  writeFileSync(aliases, '# test\npostmaster: root\nroot: admin@example.com,\n  ops@example.com\nlogcheck: |/usr/bin/ignored\n');
  await ok(['--db', db, 'sendmail', '-i', 'postmaster'], { input: PLAIN, env: { OUTBOUND_ALIASES: aliases } });
  const r = await runCli(['--db', db, 'sendmail', '-i', 'nobody-here'], { input: PLAIN, env: { OUTBOUND_ALIASES: aliases } });
  assertOneLineError(t, r, 1, /"nobody-here" is a local name.*OUTBOUND_ALIASES/);
  t.is((await logRows(db)).length, 1);
  writeFileSync(aliases, 'default: catchall@example.com\n');
  await ok(['--db', db, 'sendmail', '-i', 'nobody-here'], { input: PLAIN, env: { OUTBOUND_ALIASES: aliases } });
  t.is((await logRows(db)).length, 2);
});

// What cron really writes: "From: root (Cron Daemon)", "To: root" — bare local names.
test('cron output with local-name headers is queued', async (t) => {
  const db = await sendmailDb(t);
  const aliases = join(tmpDir(t), 'aliases');
  writeFileSync(aliases, 'root: admin@example.com\n');
  const cron = 'From: root (Cron Daemon)\nTo: root\nSubject: Cron <root@web1> /usr/local/bin/backup\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\ndone\n';
  const r = await runCli(['--db', db, 'sendmail', '-FCronDaemon', '-i', '-B8BITMIME', '-oem', 'root'], { input: cron, env: { OUTBOUND_ALIASES: aliases } });
  t.is(r.code, 0, r.stderr);
  t.is((await logRows(db)).length, 1);
});

const BAD: [string, string[], string, RegExp][] = [
  ['an invalid recipient', ['bad@@example'], PLAIN, /not a valid email address/],
  ['an invalid -f', ['-f', 'not an address', 'ops@example.com'], PLAIN, /not a valid email address/],
  ['an empty message', ['ops@example.com'], '', /no message/],
  ['-t without any recipient header', ['-t'], 'Subject: nobody\r\n\r\nx\r\n', /found no To, Cc or Bcc/],
];

for (const [what, args, input, pattern] of BAD) {
  test(`sendmail with ${what} exits 1 with one line, nothing queued`, async (t) => {
    const db = await sendmailDb(t);
    const r = await runCli(['--db', db, 'sendmail', ...args], { input });
    assertOneLineError(t, r, 1, pattern);
    t.is((await logRows(db)).length, 0);
  });
}

test('a locked database is a temporary failure: exit 75 (EX_TEMPFAIL, cron and mdadm try later), one line, nothing queued', async (t) => {
  const dir = tmpDir(t);
  const db = await sendmailDb(t);
  symlinkSync(BIN, join(dir, 'sendmail'));
  const Database = (await import('better-sqlite3')).default;
  const holder = new Database(db);
  holder.exec('BEGIN EXCLUSIVE');
  let runs;
  try {
    runs = await Promise.all([
      runCli(['--db', db, 'sendmail', '-i', 'ops@example.com'], { input: PLAIN }),
      runCli(['-t', '-oi'], { bin: join(dir, 'sendmail'), input: PLAIN, env: { OUTBOUND_DB: db } }),
    ]);
  } finally {
    holder.exec('ROLLBACK');
    holder.close();
  }
  for (const r of runs) {
    assertOneLineError(t, r, 75, /lock|busy/i);
    t.is(r.stdout, '');
  }
  t.is((await logRows(db)).length, 0);
  // Only the temporary store failure is 75: a usage error stays 2.
  assertOneLineError(t, await runCli(['--db', db, 'sendmail'], { input: PLAIN }), 2, /no recipients/);
  t.regex(await ok(['sendmail', '--help']), /75/);
});
