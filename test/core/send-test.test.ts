import test from 'ava';
import { closedPort, startSmtp } from '../helpers/smtp.js';
import { openTestOutbound } from '../delivery/_support.js';

test('sendTest: a Log row of origin test, delivered now with a full transcript', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openTestOutbound(t, { smtpPort: smtp.port });
  const result = await outbound.sendTest({ to: 'admin@example.net', subject: 'Is it working?' });
  t.true(result.ok, result.diagnosis);
  t.is(result.smtpCode, 250);
  t.regex(result.transcript, /MAIL FROM/);
  t.regex(result.transcript, /RCPT TO:<admin@example\.net>/);
  t.regex(result.transcript, /^S: 250/m);
  t.true(result.localMta, '127.0.0.1 is this machine');
  t.regex(result.diagnosis, /local mail server/);
  const email = outbound.getEmail(result.emailId!)!;
  t.is(email.origin, 'test');
  t.is(email.status, 'sent');
  t.is(email.subject, 'Is it working?');
  t.regex(email.attemptsHistory[0]!.transcript, /RCPT TO/);
  t.is(smtp.received.length, 1);
});

test('sendTest works whatever the auto-delivery toggle, and reports failure honestly', async (t) => {
  const port = await closedPort();
  const outbound = openTestOutbound(t, { smtpPort: port });
  const result = await outbound.sendTest({ to: 'admin@example.net' });
  t.false(result.ok);
  t.regex(result.diagnosis, /refused/i);
  t.is(outbound.getEmail(result.emailId!)!.status, 'deferred');
});

test('verify: connects without sending; localMta for localhost', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openTestOutbound(t, { smtpPort: smtp.port });
  const v = await outbound.verify();
  t.true(v.ok, v.diagnosis);
  t.regex(v.transcript, /EHLO/);
  t.is(smtp.received.length, 0);
  outbound.updateSettings({ host: 'localhost' });
  const local = await outbound.verify();
  t.true(local.localMta);
});
