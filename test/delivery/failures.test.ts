import test from 'ava';
import { closedPort, startSmtp } from '../helpers/smtp.js';
import { openTestOutbound, waitUntil } from './_support.js';

test('451 → deferred with a scheduled retry, then delivered once the server accepts', async (t) => {
  let refusals = 0;
  const smtp = await startSmtp(t, {
    onRecipient: () => (refusals++ < 2 ? { code: 451, message: '4.3.0 Mailbox busy, try later' } : undefined),
  });
  const outbound = openTestOutbound(t, { smtpPort: smtp.port, retryBaseMs: 300, retryMaxMs: 600 });
  const r = await outbound.enqueue({ to: 'x@example.net', subject: 'busy', text: 'x' });
  const before = Date.now();
  const result = await outbound.sendNow([r.id]);
  t.deepEqual(result.deferred, [r.id]);
  const deferred = outbound.getEmail(r.id)!;
  t.is(deferred.status, 'deferred');
  t.truthy(deferred.nextAttemptAt);
  t.true(deferred.nextAttemptAt! >= before + 300, 'retry scheduled retryBaseMs later');
  t.regex(deferred.smtpResponse ?? '', /451/);
  t.regex(deferred.lastError ?? '', /try later|temporar|retried/i);
  t.is(deferred.attemptsHistory[0]!.smtpCode, 451);

  outbound.setAutoDelivery(true);
  await smtp.waitFor(1);
  const sent = await waitUntil(() => {
    const e = outbound.getEmail(r.id)!;
    return e.status === 'sent' ? e : undefined;
  }, 'delivery after the retries');
  t.is(sent.attempts, 3);
  t.deepEqual(sent.attemptsHistory.map((a) => a.outcome).sort(), ['deferred', 'deferred', 'sent']);
  t.is(smtp.received.length, 1);
});

test('550 → failed at once, with the server code and exact text', async (t) => {
  const smtp = await startSmtp(t, { onRecipient: () => ({ code: 550, message: '5.1.1 No such user here' }) });
  const outbound = openTestOutbound(t, { smtpPort: smtp.port });
  outbound.setAutoDelivery(true);
  const r = await outbound.enqueue({ to: 'ghost@example.net', subject: 'nobody', text: 'x' });
  const failed = await waitUntil(() => {
    const e = outbound.getEmail(r.id)!;
    return e.status === 'failed' ? e : undefined;
  }, 'the row to fail');
  t.is(failed.attempts, 1);
  t.is(failed.attemptsHistory[0]!.smtpCode, 550);
  t.regex(failed.smtpResponse ?? '', /550 5\.1\.1 No such user here/);
  t.truthy(failed.lastError);
  t.is(failed.nextAttemptAt, null);
});

test('a retry past the lifetime gives up: failed, saying so', async (t) => {
  const smtp = await startSmtp(t, { onRecipient: () => ({ code: 451, message: '4.7.1 greylisted' }) });
  const outbound = openTestOutbound(t, { smtpPort: smtp.port, settings: { maxLifetimeHours: 1 } });
  const r = await outbound.enqueue({ to: 'old@example.net', subject: 'old', text: 'x' });
  // Age the row beyond its lifetime (set-up only).
  const { execSql } = await import('./_support.js');
  execSql(outbound.dbPath, 'UPDATE emails SET created_at = ? WHERE id = ?', Date.now() - 2 * 3_600_000, r.id);
  const result = await outbound.sendNow([r.id]);
  t.deepEqual(result.failed, [r.id]);
  const e = outbound.getEmail(r.id)!;
  t.is(e.status, 'failed');
  t.regex(e.lastError ?? '', /gave up/);
});

test('connection refused → deferred with a clear diagnosis', async (t) => {
  const port = await closedPort();
  const outbound = openTestOutbound(t, { smtpPort: port });
  const r = await outbound.enqueue({ to: 'x@example.net', subject: 'refused', text: 'x' });
  const result = await outbound.sendNow([r.id]);
  t.deepEqual(result.deferred, [r.id]);
  const e = outbound.getEmail(r.id)!;
  t.is(e.status, 'deferred');
  t.regex(e.lastError ?? '', /refused/i);
  t.regex(e.lastError ?? '', new RegExp(`127\\.0\\.0\\.1:${port}`));
  t.truthy(e.attemptsHistory[0]!.errorCode);
  t.truthy(e.attemptsHistory[0]!.transcript);
});

test('a silent server (no greeting) → deferred with a clear diagnosis', async (t) => {
  const smtp = await startSmtp(t, { silent: true });
  const outbound = openTestOutbound(t, { smtpPort: smtp.port, connectionTimeoutMs: 800, socketTimeoutMs: 800 });
  const r = await outbound.enqueue({ to: 'x@example.net', subject: 'silent', text: 'x' });
  const result = await outbound.sendNow([r.id]);
  t.deepEqual(result.deferred, [r.id]);
  const e = outbound.getEmail(r.id)!;
  t.is(e.status, 'deferred');
  t.regex(e.lastError ?? '', /greeting|no answer|did not answer|timed? ?out/i);
});

test('partial recipient rejection: sent, and the refused recipient is named', async (t) => {
  const smtp = await startSmtp(t, { onRecipient: (a) => (a.startsWith('bad') ? { code: 550, message: '5.1.1 unknown' } : undefined) });
  const outbound = openTestOutbound(t, { smtpPort: smtp.port });
  const r = await outbound.enqueue({ to: ['good@example.net', 'bad@example.net'], subject: 'mixed', text: 'x' });
  const result = await outbound.sendNow([r.id]);
  t.deepEqual(result.sent, [r.id]);
  t.deepEqual(smtp.received[0]!.to, ['good@example.net']);
  t.regex(outbound.getEmail(r.id)!.attemptsHistory[0]!.diagnosis, /bad@example\.net/);
});

test('a dead relay: the rows waiting behind a failed connection are deferred at once, not each after a timeout', async (t) => {
  const smtp = await startSmtp(t, { silent: true });
  const outbound = openTestOutbound(t, { smtpPort: smtp.port, connectionTimeoutMs: 500, socketTimeoutMs: 500, settings: { maxConnections: 1 } });
  const rows = await outbound.enqueueMany(Array.from({ length: 30 }, (_, i) => ({ to: `r${i}@example.net`, subject: `${i}` })));
  const result = await outbound.sendNow(rows.map((r) => r.id));
  t.is(result.deferred.length, 30);
  const notAttempted = rows.filter((r) => /not attempted/.test(outbound.getEmail(r.id)!.attemptsHistory[0]!.transcript));
  t.true(notAttempted.length >= 20, `${notAttempted.length} of 30 skipped the doomed connection`);
  for (const r of rows) t.regex(outbound.getEmail(r.id)!.lastError ?? '', /greeting|no answer|did not answer|stopped answering|timed? ?out/i);
});
