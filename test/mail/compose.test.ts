import test from 'ava';
import { simpleParser } from 'mailparser';
import { ValidationError } from '../../src/errors.js';
import { composeMany, composeMessage } from '../../src/mail/index.js';

const date = new Date('2026-12-03T10:00:00Z');

test('composes a text message with fixed Date, Message-ID at the sender domain, Bcc only in the envelope', async (t) => {
  const m = await composeMessage({
    from: 'Ops <ops@sender.example>', to: ['Ann <ann@x.example>'], cc: 'cc@y.example', bcc: ['hidden@z.example'],
    subject: 'Disk almost full', text: 'line 1\nline 2\n', date,
  });
  const raw = m.raw.toString('latin1');
  t.regex(m.messageId, /^<[0-9a-f-]+@sender\.example>$/);
  t.deepEqual(m.envelope, { from: 'ops@sender.example', to: ['ann@x.example', 'cc@y.example', 'hidden@z.example'] });
  t.is(m.size, m.raw.length);
  t.false(/^bcc:/im.test(raw), 'no Bcc header');
  t.false(raw.includes('hidden@z.example'), 'Bcc address appears nowhere in the message');
  t.false(/[^\r]\n/.test(raw), 'CRLF line endings only');
  t.deepEqual(m.display, { from: 'Ops <ops@sender.example>', to: 'Ann <ann@x.example>', cc: 'cc@y.example', bcc: 'hidden@z.example' });
  const parsed = await simpleParser(m.raw);
  t.is(parsed.messageId, m.messageId);
  t.is(parsed.date?.getTime(), date.getTime());
  t.is(parsed.subject, 'Disk almost full');
  t.is(parsed.text?.trim(), 'line 1\nline 2');
  t.is(parsed.headers.get('bcc'), undefined);
});

test('UTF-8 subject and names, text + html alternative, custom headers', async (t) => {
  const m = await composeMessage({
    from: 'Jürgen <j@bücher.example>', to: 'Zoë <zoe@x.example>', subject: 'Prüfung — ✓ erledigt',
    text: 'plain ü', html: '<p>html ü</p>', headers: { 'X-Ticket': '42' }, date: date.getTime(), messageIdDomain: 'ids.example',
  });
  t.regex(m.messageId, /@ids\.example>$/);
  t.true(m.raw.every((b) => b < 128), 'headers and bodies are 7-bit encoded');
  const parsed = await simpleParser(m.raw);
  t.is(parsed.subject, 'Prüfung — ✓ erledigt');
  t.is(parsed.from?.value[0]?.name, 'Jürgen');
  t.is(parsed.text?.trim(), 'plain ü');
  t.is(parsed.html && parsed.html.trim(), '<p>html ü</p>');
  t.is(parsed.headers.get('x-ticket'), '42');
  t.regex(String(parsed.headers.get('content-type') && (parsed.headers.get('content-type') as { value: string }).value), /multipart\/alternative/);
});

test('html only and no body at all both compose', async (t) => {
  const h = await simpleParser((await composeMessage({ from: 'a@x.example', to: 'b@y.example', subject: 's', html: '<b>x</b>', date })).raw);
  t.is(h.html && h.html.trim(), '<b>x</b>');
  const e = await composeMessage({ from: 'a@x.example', to: 'b@y.example', subject: '', date });
  t.regex(e.raw.toString(), /Content-Type: text\/plain/);
});

test('validation: recipients required, injection refused, bad addresses named', async (t) => {
  await t.throwsAsync(composeMessage({ from: 'a@x.example', to: [], subject: 's', date }), {
    instanceOf: ValidationError, message: 'to: at least one recipient is required',
  });
  await t.throwsAsync(composeMessage({ from: 'a@x.example', to: 'b@y.example', subject: 'hi\r\nBcc: e@v.example', date }), {
    message: 'subject: contains a line break (header injection is not allowed)',
  });
  await t.throwsAsync(composeMessage({ from: 'a@x.example', to: 'b@y.example', bcc: 'bob@', subject: 's', date }), {
    message: 'bcc: "bob@" is not a valid email address',
  });
  await t.throwsAsync(composeMessage({ from: 'nobody', to: 'b@y.example', subject: 's', date }), { message: 'from: "nobody" is not a valid email address' });
  // Bcc only is a valid message (as with sendmail).
  const m = await composeMessage({ from: 'a@x.example', to: [], bcc: 'b@y.example', subject: 's', date });
  t.deepEqual(m.envelope.to, ['b@y.example']);
});

test('envelope lists each recipient once', async (t) => {
  const m = await composeMessage({ from: 'a@x.example', to: 'B@y.example, b@y.example', cc: 'b@Y.example', subject: 's', date });
  t.deepEqual(m.envelope.to, ['B@y.example']);
});

test('composeMany composes a batch in order with distinct Message-IDs and names the bad item', async (t) => {
  const inputs = Array.from({ length: 150 }, (_, i) => ({ from: 'a@x.example', to: `r${i}@y.example`, subject: `n${i}`, text: 'x', date }));
  const out = await composeMany(inputs);
  t.is(out.length, 150);
  t.is(new Set(out.map((m) => m.messageId)).size, 150);
  t.deepEqual(out.map((m) => m.envelope.to[0]), inputs.map((i) => i.to));
  t.regex(out[149]!.raw.toString(), /Subject: n149\r\n/);
  await t.throwsAsync(composeMany([inputs[0]!, { ...inputs[1]!, to: 'bad@' }]), { message: 'message 2: to: "bad@" is not a valid email address' });
});
