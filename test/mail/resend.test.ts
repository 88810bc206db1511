import test from 'ava';
import { simpleParser } from 'mailparser';
import { ValidationError } from '../../src/errors.js';
import { composeMessage, resend, resendMessage } from '../../src/mail/index.js';

test('resendMessage prepends the Resent-* block and keeps the original bytes', async (t) => {
  const original = await composeMessage({ from: 'a@x.example', to: 'b@y.example', subject: 'Réunion', text: 'café', date: new Date('2026-12-01T08:00:00Z') });
  const out = resendMessage(original.raw, {
    resentFrom: 'Ops <ops@x.example>', to: 'c@z.example', date: new Date('2026-12-03T10:00:00Z'), messageId: '<fwd1@x.example>',
  });
  const block =
    'Resent-From: ops@x.example\r\nResent-To: c@z.example\r\nResent-Date: Thu, 03 Dec 2026 10:00:00 +0000\r\nResent-Message-ID: <fwd1@x.example>\r\n';
  t.is(out.subarray(0, block.length).toString(), block);
  t.true(out.subarray(block.length).equals(original.raw), 'original headers and body untouched');
  const parsed = await simpleParser(out);
  t.is(parsed.subject, 'Réunion');
  t.is(parsed.messageId, original.messageId);
});

test('resend returns envelope and a generated Resent-Message-ID', (t) => {
  const r = resend(Buffer.from('Subject: x\r\n\r\nbody\r\n'), { resentFrom: 'ops@x.example', to: 'c@z.example, d@z.example', date: 0 });
  t.deepEqual(r.envelope, { from: 'ops@x.example', to: ['c@z.example', 'd@z.example'] });
  t.regex(r.messageId, /^<[^@]+@x\.example>$/);
  t.regex(r.raw.toString(), /^Resent-From: ops@x\.example\r\nResent-To: c@z\.example, d@z\.example\r\nResent-Date: Thu, 01 Jan 1970 00:00:00 \+0000\r\n/);
});

test('resend validates the new recipient and refuses header injection', (t) => {
  const raw = Buffer.from('Subject: x\r\n\r\nbody\r\n');
  t.is(t.throws(() => resendMessage(raw, { resentFrom: 'ops@x.example', to: 'bob@', date: 0 }), { instanceOf: ValidationError })!.message,
    'to: "bob@" is not a valid email address');
  t.is(t.throws(() => resendMessage(raw, { resentFrom: 'ops@x.example', to: '', date: 0 }))!.message, 'to: at least one recipient is required');
  t.regex(t.throws(() => resendMessage(raw, { resentFrom: 'ops@x.example', to: 'c@z.example\r\nBcc: e@v.example', date: 0 }))!.message, /^to: contains a line break/);
  t.regex(t.throws(() => resendMessage(raw, { resentFrom: 'ops@x.example', to: 'c@z.example', date: 0, messageId: '<a@b>\r\nX: y' }))!.message, /^messageId: contains a line break/);
});
