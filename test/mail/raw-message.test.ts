import test from 'ava';
import { simpleParser } from 'mailparser';
import { ValidationError } from '../../src/errors.js';
import { addMissingHeaders, composeMessage, decodeWords, parseRawMessage, readSendmailInput, stripBcc } from '../../src/mail/index.js';

const crlf = (s: string) => Buffer.from(s.replace(/\n/g, '\r\n'), 'utf8');

test('parseRawMessage reads To/Cc/Bcc/From/Subject/Message-ID, unfolded and decoded', (t) => {
  const raw = crlf(
    'From: =?UTF-8?Q?J=C3=BCrgen?= <j@x.example>\n' +
    'To: Ann <ann@y.example>,\n\tbob@y.example\n' +
    'To: carol@z.example\n' +
    'Cc: undisclosed-recipients:;\n' +
    'BCC: hidden@z.example\n' +
    'Subject: =?UTF-8?B?UHLDvGZ1bmc=?=\n =?UTF-8?Q?_ok?= done\n' +
    'Message-ID: <abc@x.example>\n' +
    '\n' +
    'To: not-a-header@body.example\n',
  );
  const p = parseRawMessage(raw);
  t.is(p.from, 'j@x.example');
  t.is(p.fromDisplay, 'Jürgen <j@x.example>');
  t.deepEqual(p.to, ['ann@y.example', 'bob@y.example', 'carol@z.example']);
  t.deepEqual(p.cc, []);
  t.deepEqual(p.bcc, ['hidden@z.example']);
  t.is(p.subject, 'Prüfung ok done');
  t.is(p.messageId, '<abc@x.example>');
  t.is(p.headers.find((h) => h.name === 'To')?.value, 'Ann <ann@y.example>,\tbob@y.example');
});

test('parseRawMessage handles LF-only input, raw UTF-8 headers and no headers', (t) => {
  const p = parseRawMessage(Buffer.from('To: zoë@ü.example\nSubject: Grüße\n\nbody\n'));
  t.deepEqual(p.to, ['zoë@ü.example']);
  t.is(p.subject, 'Grüße');
  t.deepEqual(parseRawMessage(Buffer.from('\nbody only\n')).to, []);
});

test('parseRawMessage keeps local names as written and leaves an unqualified From to the precedence chain', (t) => {
  const p = parseRawMessage(Buffer.from('From: root (Cron Daemon)\nTo: root, ops@example.com\nSubject: Cron\n\ndone\n'));
  t.deepEqual(p.to, ['root', 'ops@example.com']);
  t.is(p.from, undefined);
});

test('decodeWords: Q, B, adjacent words, unknown charset', (t) => {
  t.is(decodeWords('=?ISO-8859-1?Q?Andr=E9?= Pirard'), 'André Pirard');
  t.is(decodeWords('=?UTF-8?B?4pyT?= =?UTF-8?B?IG9r?='), '✓ ok');
  t.is(decodeWords('plain'), 'plain');
  t.is(decodeWords('=?x-unknown?Q?a=41?='), 'aA');
});

test('stripBcc removes Bcc lines and continuations, every other byte identical (8-bit, multipart)', async (t) => {
  const body = Buffer.concat([
    Buffer.from('--b1\r\nContent-Type: text/plain; charset=latin1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'),
    Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0d, 0x0a, 0xff, 0x00, 0x80, 0x0d, 0x0a]),
    Buffer.from('Bcc: stays-in-body@x.example\r\n--b1--\r\n'),
  ]);
  const head = 'From: a@x.example\r\nBcc: one@y.example,\r\n two@y.example\r\nTo: b@y.example\r\nbcc:three@y.example\r\nContent-Type: multipart/mixed; boundary="b1"\r\nResent-Bcc: r@y.example\r\nSubject: s\r\n\r\n';
  const raw = Buffer.concat([Buffer.from(head), body]);
  const out = stripBcc(raw);
  const expectedHead = 'From: a@x.example\r\nTo: b@y.example\r\nContent-Type: multipart/mixed; boundary="b1"\r\nSubject: s\r\n\r\n';
  t.true(out.equals(Buffer.concat([Buffer.from(expectedHead), body])));
  const noBcc = Buffer.from('To: b@y.example\r\n\r\nBcc: x\r\n');
  t.is(stripBcc(noBcc), noBcc, 'unchanged messages are returned as is');
  t.true(stripBcc(Buffer.from('To: b@y.example\nBcc: c@y.example\n\nbody\n')).equals(Buffer.from('To: b@y.example\n\nbody\n')));
  const parsed = await simpleParser(out);
  t.is(parsed.headers.get('bcc'), undefined);
});

test('readSendmailInput: LF → CRLF, CRLF untouched, lone dot ends input unless ignoreDots', (t) => {
  t.is(readSendmailInput(Buffer.from('Subject: a\n\nline\n')).toString(), 'Subject: a\r\n\r\nline\r\n');
  const already = crlf('Subject: a\n\nline\n\xe9\n');
  t.true(readSendmailInput(already).equals(already));
  t.is(readSendmailInput(Buffer.from('Subject: a\n\none\n.\ntwo\n')).toString(), 'Subject: a\r\n\r\none\r\n');
  t.is(readSendmailInput(Buffer.from('Subject: a\r\n\r\none\r\n.\r\ntwo\r\n')).toString(), 'Subject: a\r\n\r\none\r\n');
  t.is(readSendmailInput(Buffer.from('Subject: a\n\none\n.')).toString(), 'Subject: a\r\n\r\none\r\n');
  t.is(readSendmailInput(Buffer.from('Subject: a\n\none\n.\ntwo\n'), { ignoreDots: true }).toString(), 'Subject: a\r\n\r\none\r\n.\r\ntwo\r\n');
  t.is(readSendmailInput(Buffer.from('Subject: a\n\n.. and .x\n')).toString(), 'Subject: a\r\n\r\n.. and .x\r\n');
  const bin = Buffer.from([0x53, 0x3a, 0x20, 0x78, 0x0a, 0x0a, 0xff, 0x0a, 0x80]);
  t.deepEqual([...readSendmailInput(bin)], [0x53, 0x3a, 0x20, 0x78, 0x0d, 0x0a, 0x0d, 0x0a, 0xff, 0x0d, 0x0a, 0x80]);
});

test('addMissingHeaders adds Date, Message-ID and From only when absent', async (t) => {
  const date = new Date('2026-12-03T10:00:00Z');
  const bare = Buffer.from('To: b@y.example\r\nSubject: cron\r\n\r\nout\r\n');
  const r = addMissingHeaders(bare, { date, from: 'root@host.example' });
  t.deepEqual(r.added, ['From', 'Date', 'Message-ID']);
  t.regex(r.messageId, /^<[^@]+@host\.example>$/);
  t.true(r.raw.subarray(r.raw.length - bare.length).equals(bare));
  const parsed = await simpleParser(r.raw);
  t.is(parsed.date?.getTime(), date.getTime());
  t.is(parsed.messageId, r.messageId);
  const full = (await composeMessage({ from: 'a@x.example', to: 'b@y.example', subject: 's', date })).raw;
  const same = addMissingHeaders(full, { date });
  t.is(same.raw, full);
  t.deepEqual(same.added, []);
});
