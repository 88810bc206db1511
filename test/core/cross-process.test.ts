import test from 'ava';
import { startSmtp } from '../helpers/smtp.js';
import { openTestOutbound, waitUntil } from '../delivery/_support.js';
import { openOutbound } from '../../src/core/index.js';
import type { ChangeEvent } from '../../src/types.js';

test('a toggle made by another openOutbound on the same file takes effect here', async (t) => {
  const smtp = await startSmtp(t);
  const console1 = openTestOutbound(t, { smtpPort: smtp.port });
  const events: ChangeEvent[] = [];
  console1.onChange((e) => events.push(e));
  const other = openOutbound({ dbPath: console1.dbPath, actor: 'someone-else', deliver: false });
  t.teardown(() => other.close());

  const r = await other.enqueue({ to: 'x@example.net', subject: 'from a producer', text: 'x' });
  other.setAutoDelivery(true);
  await waitUntil(() => console1.getEmail(r.id)!.status === 'sent', 'the first console to deliver after the toggle');
  t.is(other.inFlight(), 0, 'the other process sent nothing itself');
  t.is(smtp.received.length, 1);
  const s = console1.getSettings();
  t.true(s.autoDelivery);
  t.is(s.autoDeliveryChangedBy, 'someone-else');
  await waitUntil(() => events.some((e) => e.kinds.includes('external')), 'an external change event');

  other.setAutoDelivery(false);
  await waitUntil(() => events.some((e) => e.kinds.includes('settings')), 'a settings change event');
  const r2 = await other.enqueue({ to: 'y@example.net', subject: 'held', text: 'x' });
  await new Promise((res) => setTimeout(res, 800));
  t.is(console1.getEmail(r2.id)!.status, 'queued');
});

test('settings changed elsewhere rebuild the transport here', async (t) => {
  const a = await startSmtp(t);
  const b = await startSmtp(t);
  const console1 = openTestOutbound(t, { smtpPort: a.port });
  console1.setAutoDelivery(true);
  await console1.enqueue({ to: 'x@example.net', subject: 'to a' });
  await a.waitFor(1);
  const other = openOutbound({ dbPath: console1.dbPath, actor: 'admin2', deliver: false });
  t.teardown(() => other.close());
  other.updateSettings({ port: b.port });
  await waitUntil(() => console1.getSettings().port === b.port, 'the new port to be visible');
  await other.enqueue({ to: 'y@example.net', subject: 'to b' });
  await b.waitFor(1);
  t.is(a.received.length, 1);
  t.is(b.received.length, 1);
});
