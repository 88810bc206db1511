import test from 'ava';
import { openTestOutbound, SENDER } from '../delivery/_support.js';

function fromHeader(raw: Buffer): string {
  return /^From:\s*(.*)$/im.exec(raw.toString('latin1'))?.[1]?.trim() ?? '';
}

test('sender precedence: procedure → template → desk → default, each recorded with its rule', async (t) => {
  const outbound = openTestOutbound(t, { start: false });
  outbound.templates.add('welcome', 'templates@example.com');
  outbound.templates.add('bare');
  outbound.readers.add('helpdesk-inbox', 'help@example.com');
  outbound.desks.add('Helpdesk', 'helpdesk-inbox');
  outbound.desks.add('Orphan');

  const cases = [
    { input: { from: 'Proc <proc@example.com>', template: 'welcome', desk: 'Helpdesk' }, address: 'proc@example.com', source: 'procedure' },
    { input: { template: 'welcome', desk: 'Helpdesk' }, address: 'templates@example.com', source: 'template' },
    { input: { template: 'bare', desk: 'Helpdesk' }, address: 'help@example.com', source: 'desk' },
    { input: { desk: 'Orphan' }, address: SENDER, source: 'default' },
    { input: {}, address: SENDER, source: 'default' },
  ] as const;
  for (const c of cases) {
    const r = await outbound.enqueue({ to: 'x@example.net', subject: 's', text: 't', ...c.input });
    t.is(r.from, c.address, JSON.stringify(c.input));
    t.is(r.fromSource, c.source);
    const e = outbound.getEmail(r.id)!;
    t.is(e.from, c.address);
    t.is(e.fromSource, c.source);
    t.is(e.envelope.from, c.address);
    t.true(fromHeader(e.raw).includes(c.address));
  }
  const desk = outbound.getEmail((await outbound.enqueue({ to: 'x@example.net', subject: 's', desk: 'Helpdesk' })).id)!;
  t.truthy(desk.deskId);
});

test('no sender anywhere is a ValidationError that says how to fix it', async (t) => {
  const outbound = openTestOutbound(t, { start: false, settings: { defaultSender: '' } });
  const err = await t.throwsAsync(outbound.enqueue({ to: 'x@example.net', subject: 's' }), { name: 'ValidationError' });
  t.regex(err!.message, /defaultSender|Default Sender/);
});

test('unknown template or desk names are refused', async (t) => {
  const outbound = openTestOutbound(t, { start: false });
  await t.throwsAsync(outbound.enqueue({ to: 'x@example.net', subject: 's', template: 'nope' }), { name: 'ValidationError', message: /template/ });
  await t.throwsAsync(outbound.enqueue({ to: 'x@example.net', subject: 's', desk: 'nope' }), { name: 'ValidationError', message: /desk/ });
});
