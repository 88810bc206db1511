import test from 'ava';
import { ChangeEmitter } from '../../src/core/change-emitter.js';
import type { ChangeEvent } from '../../src/types.js';
import { execSql, openTestOutbound, waitUntil } from '../delivery/_support.js';

test('a burst of changes becomes one event with every kind in it', async (t) => {
  const emitter = new ChangeEmitter(100);
  const events: ChangeEvent[] = [];
  emitter.on((e) => events.push(e));
  for (let i = 0; i < 1000; i++) emitter.emit('emails');
  emitter.emit('settings');
  await waitUntil(() => events.length > 0, 'the coalesced event');
  await new Promise((r) => setTimeout(r, 150));
  t.is(events.length, 1);
  t.deepEqual([...events[0]!.kinds].sort(), ['emails', 'settings']);
  emitter.close();
});

test('enqueue and settings changes in this process are announced', async (t) => {
  const outbound = openTestOutbound(t, { start: false });
  const events: ChangeEvent[] = [];
  const off = outbound.onChange((e) => events.push(e));
  await outbound.enqueue({ to: 'a@example.net', subject: 's' });
  await waitUntil(() => events.some((e) => e.kinds.includes('emails')), 'an emails event');
  outbound.updateSettings({ port: 2525 });
  await waitUntil(() => events.some((e) => e.kinds.includes('settings')), 'a settings event');
  off();
  t.pass();
});

test('retention runs on start: old sent/failed rows go, audited as retention', async (t) => {
  const outbound = openTestOutbound(t, { start: false, settings: { daysToKeep: 7 } });
  const rows = await outbound.enqueueMany([1, 2, 3].map((i) => ({ to: `r${i}@example.net`, subject: `${i}` })));
  execSql(outbound.dbPath, "UPDATE emails SET status = 'sent', created_at = ? WHERE id IN (?, ?)", Date.now() - 8 * 86_400_000, rows[0]!.id, rows[1]!.id);
  outbound.start();
  await waitUntil(() => outbound.getEmail(rows[0]!.id) === undefined, 'the retention purge');
  t.is(outbound.getEmail(rows[1]!.id), undefined);
  t.is(outbound.getEmail(rows[2]!.id)!.status, 'queued');
  await waitUntil(() => outbound.audit().some((a) => a.action === 'purge' && a.actor.endsWith('(retention)')), 'the audit row');
  t.pass();
});
