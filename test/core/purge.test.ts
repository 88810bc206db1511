import test from 'ava';
import { startSmtp } from '../helpers/smtp.js';
import { execSql, openTestOutbound } from '../delivery/_support.js';

const DAY = 86_400_000;

test('purge removes only sent/failed rows older than the limit; queued and deferred stay', async (t) => {
  const smtp = await startSmtp(t, {
    onRecipient: (a) => (a.startsWith('fail') ? { code: 550, message: '5.1.1 unknown' } : a.startsWith('later') ? { code: 451, message: '4.3.0 later' } : undefined),
  });
  const outbound = openTestOutbound(t, { smtpPort: smtp.port, start: false });
  const mk = (to: string) => outbound.enqueue({ to, subject: to, text: 'x' });
  const oldSent = await mk('ok1@example.net');
  const oldFailed = await mk('fail1@example.net');
  const oldDeferred = await mk('later1@example.net');
  const oldQueued = await mk('queued1@example.net');
  const newSent = await mk('ok2@example.net');
  await outbound.sendNow([oldSent.id, oldFailed.id, oldDeferred.id, newSent.id]);
  for (const r of [oldSent, oldFailed, oldDeferred, oldQueued]) {
    execSql(outbound.dbPath, 'UPDATE emails SET created_at = ? WHERE id = ?', Date.now() - 40 * DAY, r.id);
  }
  t.is((await outbound.purge({ dryRun: true })).count, 2);
  t.truthy(outbound.getEmail(oldSent.id), 'dry run deletes nothing');

  const { count } = await outbound.purge(); // default: settings.daysToKeep (30)
  t.is(count, 2);
  t.is(outbound.getEmail(oldSent.id), undefined);
  t.is(outbound.getEmail(oldFailed.id), undefined);
  t.is(outbound.getEmail(oldDeferred.id)!.status, 'deferred');
  t.is(outbound.getEmail(oldQueued.id)!.status, 'queued');
  t.is(outbound.getEmail(newSent.id)!.status, 'sent');
  t.true(outbound.audit().some((a) => a.action === 'purge' && a.detail.startsWith('2 ')));
});

test('purge works in chunks through many rows', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openTestOutbound(t, { smtpPort: smtp.port, start: false });
  const rows = await outbound.enqueueMany(Array.from({ length: 1200 }, (_, i) => ({ to: `r${i}@example.net`, subject: `${i}` })));
  execSql(outbound.dbPath, "UPDATE emails SET status = 'sent', created_at = ?", Date.now() - 100 * DAY);
  t.is((await outbound.purge({ olderThanDays: 10 })).count, rows.length);
  t.is(outbound.countEmails(), 0);
});

test('purge refuses a nonsensical age', async (t) => {
  const outbound = openTestOutbound(t, { start: false });
  await t.throwsAsync(outbound.purge({ olderThanDays: -3 }), { name: 'ValidationError' });
});
