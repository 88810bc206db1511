import test from 'ava';
import { openOutbound } from '../../src/core/index.js';
import { startSmtp } from '../helpers/smtp.js';
import { execSql, openTestOutbound, waitUntil } from './_support.js';

test('rows left "sending" by a dead process are recovered on start and delivered', async (t) => {
  const smtp = await startSmtp(t);
  const producer = openTestOutbound(t, { smtpPort: smtp.port, start: false, deliver: false });
  const rows = await producer.enqueueMany([1, 2, 3].map((i) => ({ to: `r${i}@example.net`, subject: `${i}` })));
  // As a crashed deliverer leaves them: claimed, lease already expired.
  execSql(producer.dbPath, "UPDATE emails SET status = 'sending', lease_owner = 'dead-host:1:x', lease_until = ?", Date.now() - 1000);
  producer.setAutoDelivery(true);
  const deliverer = openOutbound({ dbPath: producer.dbPath, actor: 'deliverer', pollMs: 50, leaseMs: 2000 });
  t.teardown(() => deliverer.close());
  deliverer.start();
  await smtp.waitFor(3);
  await waitUntil(() => rows.every((r) => producer.getEmail(r.id)!.status === 'sent'), 'all three to be sent');
  t.is(smtp.received.length, 3);
});

test('a lease that has not expired is left alone (another process may be sending it)', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openTestOutbound(t, { smtpPort: smtp.port });
  const r = await outbound.enqueue({ to: 'busy@example.net', subject: 'held elsewhere' });
  execSql(outbound.dbPath, "UPDATE emails SET status = 'sending', lease_owner = 'other:2:y', lease_until = ? WHERE id = ?", Date.now() + 60_000, r.id);
  outbound.setAutoDelivery(true);
  const result = await outbound.sendNow([r.id]);
  t.deepEqual(result.skipped.map((s) => s.id), [r.id]);
  await new Promise((res) => setTimeout(res, 1200)); // a tick or two of the engine
  t.is(outbound.getEmail(r.id)!.status, 'sending');
  t.is(smtp.received.length, 0);
});

test('close() waits for in-flight sends (up to its timeout), then returns the rest to the queue', async (t) => {
  const smtp = await startSmtp(t, { silent: true });
  const outbound = openOutbound({ dbPath: (await import('../helpers/tmp.js')).tmpDbPath(t), actor: 't', connectionTimeoutMs: 5000 });
  outbound.updateSettings({ host: '127.0.0.1', port: smtp.port, security: 'none', defaultSender: 'ops@example.com' });
  outbound.updateSettings({ maxConnections: 1 }); // two handed to the pool, the rest wait
  const rows = await outbound.enqueueMany([1, 2, 3, 4].map((i) => ({ to: `r${i}@example.net`, subject: `${i}` })));
  const sending = outbound.sendNow(rows.map((r) => r.id));
  await waitUntil(() => outbound.inFlight() === 4, 'all rows to be in flight');
  const dbPath = outbound.dbPath;
  await outbound.close(200);
  const result = await sending; // settles: nothing is left hanging
  t.true(result.skipped.length >= 2, JSON.stringify(result));
  const after = openOutbound({ dbPath, actor: 't2', deliver: false });
  t.teardown(() => after.close());
  for (const r of rows) t.is(after.getEmail(r.id)!.status, 'queued');
});
