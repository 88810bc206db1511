import test from 'ava';
import { startSmtp } from '../helpers/smtp.js';
import { openTestOutbound, tableCounts } from '../delivery/_support.js';

test('enqueueRaw keeps the bytes, drops Bcc, fills Date/Message-ID, delivers to the given recipients', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openTestOutbound(t, { smtpPort: smtp.port });
  const raw = Buffer.from('From: cron@example.com\r\nTo: root@example.net\r\nBcc: hidden@example.net\r\nSubject: nightly\r\n\r\nall good\r\n');
  const r = outbound.enqueueRaw({ raw, recipients: ['root@example.net', 'hidden@example.net'], origin: 'sendmail' });
  t.is(r.fromSource, 'procedure');
  t.is(r.from, 'cron@example.com');
  t.regex(r.messageId, /^<.+@example\.com>$/);
  const e = outbound.getEmail(r.id)!;
  t.is(e.subject, 'nightly');
  t.is(e.origin, 'sendmail');
  t.false(e.raw.toString().includes('hidden@example.net'));
  t.regex(e.raw.toString(), /^Date: /m);
  await outbound.sendNow([r.id]);
  t.deepEqual(smtp.received[0]!.to.sort(), ['hidden@example.net', 'root@example.net']);
});

test('enqueueRaw without recipients or with a bad one writes nothing', (t) => {
  const outbound = openTestOutbound(t, { start: false });
  const before = tableCounts(outbound.dbPath);
  const raw = Buffer.from('Subject: x\r\n\r\nbody\r\n');
  t.throws(() => outbound.enqueueRaw({ raw, recipients: [], origin: 'sendmail' }), { name: 'ValidationError' });
  t.throws(() => outbound.enqueueRaw({ raw, recipients: ['nope'], origin: 'sendmail' }), { name: 'ValidationError' });
  t.throws(() => outbound.enqueueRaw({ raw: Buffer.alloc(0), recipients: ['a@example.net'], origin: 'sendmail' }), { name: 'ValidationError' });
  t.deepEqual(tableCounts(outbound.dbPath), before);
});
