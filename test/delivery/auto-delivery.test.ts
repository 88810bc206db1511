import test from 'ava';
import { startSmtp } from '../helpers/smtp.js';
import { openTestOutbound, sleep, waitUntil } from './_support.js';

test('auto-delivery off: enqueued mail stays queued and reaches the server only on Send Now', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openTestOutbound(t, { smtpPort: smtp.port });
  t.false(outbound.getSettings().autoDelivery, 'off by default');
  const results = await outbound.enqueueMany([
    { to: 'a@example.net', subject: 'one', text: 'hello' },
    { to: 'b@example.net', subject: 'two', text: 'hello' },
  ]);
  // Give a wrongly-eager engine every chance (several ticks and polls) to send.
  await sleep(1500);
  t.is(smtp.received.length, 0);
  t.deepEqual(results.map((r) => outbound.getEmail(r.id)!.status), ['queued', 'queued']);

  const sent = await outbound.sendNow(results.map((r) => r.id));
  t.deepEqual(sent.sent.sort(), results.map((r) => r.id).sort());
  t.is(smtp.received.length, 2);
  for (const r of results) {
    const email = outbound.getEmail(r.id)!;
    t.is(email.status, 'sent');
    t.truthy(email.sentAt);
    t.is(email.attempts, 1);
    t.regex(email.smtpResponse ?? '', /^250/);
    t.is(email.attemptsHistory.length, 1);
    t.is(email.attemptsHistory[0]!.outcome, 'sent');
  }
  t.true(outbound.audit().some((a) => a.action === 'send-now'));
});

test('auto-delivery on: mail is delivered without any call', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openTestOutbound(t, { smtpPort: smtp.port });
  outbound.setAutoDelivery(true);
  const r = await outbound.enqueue({ to: 'c@example.net', subject: 'auto', text: 'hi' });
  await smtp.waitFor(1);
  const email = await waitUntil(() => {
    const e = outbound.getEmail(r.id)!;
    return e.status === 'sent' ? e : undefined;
  }, 'the row to be recorded as sent');
  t.is(email.attempts, 1);
  t.is(smtp.received[0]!.to[0], 'c@example.net');
  t.is(smtp.received[0]!.from, 'ops@example.com');
  t.true(outbound.audit().some((a) => a.action === 'auto-delivery' && a.detail === 'on'));
});

test('turning auto-delivery off stops automatic retries too', async (t) => {
  let accept = false;
  const smtp = await startSmtp(t, { onRecipient: () => (accept ? undefined : { code: 451, message: '4.3.0 try later' }) });
  const outbound = openTestOutbound(t, { smtpPort: smtp.port, retryBaseMs: 100, retryMaxMs: 100 });
  outbound.setAutoDelivery(true);
  const r = await outbound.enqueue({ to: 'd@example.net', subject: 'retry', text: 'x' });
  await waitUntil(() => outbound.getEmail(r.id)!.status === 'deferred', 'the first deferral');
  outbound.setAutoDelivery(false);
  // Let an in-flight retry (if any) settle, then make sure no further attempt is made.
  await waitUntil(() => outbound.getEmail(r.id)!.status !== 'sending', 'in-flight attempt to settle');
  const attempts = outbound.getEmail(r.id)!.attempts;
  accept = true;
  await sleep(1000);
  t.is(outbound.getEmail(r.id)!.attempts, attempts);
  t.is(smtp.received.length, 0);
  t.is(outbound.getEmail(r.id)!.status, 'deferred');
});
