import test from 'ava';
import { startSmtp } from '../helpers/smtp.js';
import { openTestOutbound } from '../delivery/_support.js';

test('forward: a new linked row with Resent-* headers, delivered at once; the original untouched', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openTestOutbound(t, { smtpPort: smtp.port });
  const r = await outbound.enqueue({ to: 'first@example.net', subject: 'report', text: 'the body' });
  await outbound.sendNow([r.id]);
  const before = outbound.getEmail(r.id)!;

  const fwd = await outbound.forward(r.id, 'second@example.net');
  t.not(fwd.id, r.id);
  t.is(fwd.forwardedFromId, r.id);
  t.is(fwd.origin, 'forward');
  t.is(fwd.status, 'sent');
  t.is(fwd.to, 'second@example.net');

  const got = smtp.received.at(-1)!;
  t.deepEqual(got.to, ['second@example.net']);
  const text = got.raw.toString('utf8');
  t.regex(text, /^Resent-From:/m);
  t.regex(text, /^Resent-To: second@example\.net/m);
  t.regex(text, /^Resent-Date:/m);
  t.true(text.includes('the body'));
  t.true(text.includes(before.messageId), 'the original Message-ID is kept');

  const after = outbound.getEmail(r.id)!;
  t.deepEqual(after.raw, before.raw);
  t.is(after.status, 'sent');
  t.is(after.attempts, 1);
  t.true(outbound.audit().some((a) => a.action === 'forward'));
});

test('forward of an unknown id or to a bad address fails clearly', async (t) => {
  const outbound = openTestOutbound(t, { start: false });
  await t.throwsAsync(outbound.forward(999, 'x@example.net'), { name: 'NotFoundError' });
  const r = await outbound.enqueue({ to: 'a@example.net', subject: 's' });
  await t.throwsAsync(outbound.forward(r.id, 'not-an-address'), { name: 'ValidationError' });
});
