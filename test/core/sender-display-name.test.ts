import test from 'ava';
import { startSmtp } from '../helpers/smtp.js';
import { openTestOutbound } from '../delivery/_support.js';

function fromHeader(raw: Buffer): string {
  return /^From:\s*(.*)$/im.exec(raw.toString('latin1'))?.[1]?.trim() ?? '';
}

// `templates add t2 --from 'Backups <backup@example.com>'` used to store and send the
// bare address. The header keeps the name; the envelope and the Log's From stay bare.
test('a template From and a reader Reply with a display name: From header named, envelope bare', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openTestOutbound(t, { smtpPort: smtp.port, start: false });
  t.is(outbound.templates.add('t2', 'Backups <backup@example.com>').from, 'Backups <backup@example.com>');
  t.is(outbound.readers.add('r2', 'Help Desk <help@example.com>').reply, 'Help Desk <help@example.com>');
  outbound.desks.add('Helpdesk', 'r2');

  const viaTemplate = await outbound.enqueue({ to: 'x@example.net', subject: 'template', text: 't', template: 't2' });
  const viaDesk = await outbound.enqueue({ to: 'y@example.net', subject: 'desk', text: 't', desk: 'Helpdesk' });
  t.like(viaTemplate, { from: 'backup@example.com', fromSource: 'template' });
  t.like(viaDesk, { from: 'help@example.com', fromSource: 'desk' });
  t.is(outbound.getEmail(viaTemplate.id)!.envelope.from, 'backup@example.com');

  t.deepEqual((await outbound.sendNow([viaTemplate.id, viaDesk.id])).sent.sort(), [viaTemplate.id, viaDesk.id].sort());
  const received = await smtp.waitFor(2);
  const byTo = (to: string) => received.find((m) => m.to.includes(to))!;
  t.is(fromHeader(byTo('x@example.net').raw), 'Backups <backup@example.com>');
  t.is(byTo('x@example.net').from, 'backup@example.com');
  t.is(fromHeader(byTo('y@example.net').raw), 'Help Desk <help@example.com>');
  t.is(byTo('y@example.net').from, 'help@example.com');
});
