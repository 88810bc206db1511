import test from 'ava';
import { openTestOutbound, tableCounts } from '../delivery/_support.js';

test('bad enqueue input → ValidationError and nothing written', async (t) => {
  const outbound = openTestOutbound(t, { start: false });
  await outbound.enqueue({ to: 'ok@example.net', subject: 'fine' });
  const before = tableCounts(outbound.dbPath);
  const bad = [
    { to: 'not an address', subject: 's' },
    { to: '', subject: 's' },
    { to: [], subject: 's' },
    { to: 'a@example.net', subject: 'hi\r\nBcc: victim@example.org' },
    { to: 'a@example.net\r\nBcc: victim@example.org', subject: 's' },
    { to: 'a@example.net', subject: 's', from: 'bad@@example' },
    { to: 'a@example.net', subject: 's', headers: { 'X-Thing': 'a\nBcc: x@y.z' } },
    { to: 'a@example.net', subject: 's', cc: 'nope' },
  ];
  for (const input of bad) {
    await t.throwsAsync(outbound.enqueue(input as never), { name: 'ValidationError' }, JSON.stringify(input));
  }
  // A batch with one bad message writes none of them.
  await t.throwsAsync(
    outbound.enqueueMany([
      { to: 'good@example.net', subject: 'a' },
      { to: 'bad', subject: 'b' },
    ]),
    { name: 'ValidationError', message: /message 2/ },
  );
  t.deepEqual(tableCounts(outbound.dbPath), before);
});

test('bad settings → ValidationError naming the field, nothing written', (t) => {
  const outbound = openTestOutbound(t, { start: false });
  const before = tableCounts(outbound.dbPath);
  const settingsBefore = outbound.getSettings();
  const bad: [Record<string, unknown>, string][] = [
    [{ port: 0 }, 'port'],
    [{ port: 70000 }, 'port'],
    [{ daysToKeep: -1 }, 'daysToKeep'],
    [{ defaultSender: 'nobody' }, 'defaultSender'],
    [{ host: 'bad host' }, 'host'],
    [{ security: 'ssl3' }, 'security'],
    [{ port: 587, maxConnections: 0 }, 'maxConnections'],
  ];
  for (const [patch, field] of bad) {
    const err = t.throws(() => outbound.updateSettings(patch as never), { name: 'ValidationError' });
    t.is((err as { field?: string }).field, field, JSON.stringify(patch));
  }
  t.deepEqual(outbound.getSettings(), settingsBefore);
  t.deepEqual(tableCounts(outbound.dbPath), before);
});

test('a settings change is audited without the password', (t) => {
  const outbound = openTestOutbound(t, { start: false });
  outbound.updateSettings({ port: 2525, password: 'hunter2-secret' });
  const entry = outbound.audit().find((a) => a.action === 'settings' && a.detail.includes('2525'));
  t.truthy(entry);
  t.regex(entry!.detail, /password changed/);
  t.false(JSON.stringify(outbound.audit()).includes('hunter2-secret'));
  t.false(JSON.stringify(outbound.getSettings()).includes('hunter2-secret'));
  t.is(entry!.actor, 'tester@127.0.0.1');
});
