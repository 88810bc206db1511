import test from 'ava';
import { openTestOutbound, tableCounts } from '../delivery/_support.js';

// "a b@example.com" used to be queued as To: a <b@example.com>: a typo such as
// "joe smith@corp.com" would have mailed smith@corp.com. Every address field refuses it.
const TYPO = 'a b@example.com';
const MESSAGE = /"a b@example\.com" is not a valid email address/;

test('a space typo in any address field is refused, naming the field; nothing is written', async (t) => {
  const outbound = openTestOutbound(t, { start: false });
  const before = tableCounts(outbound.dbPath);
  for (const field of ['to', 'cc', 'bcc', 'from'] as const) {
    const input = { to: 'ok@example.net', subject: 's', [field]: TYPO };
    const err = await t.throwsAsync(outbound.enqueue(input), { name: 'ValidationError', message: MESSAGE }, field);
    t.true(err!.message.startsWith(`${field}: `), err!.message);
  }
  t.throws(() => outbound.updateSettings({ defaultSender: TYPO }), { name: 'ValidationError', message: MESSAGE });
  t.throws(() => outbound.templates.add('t2', TYPO), { name: 'ValidationError', message: MESSAGE });
  t.throws(() => outbound.readers.add('r2', TYPO), { name: 'ValidationError', message: MESSAGE });
  t.deepEqual(tableCounts(outbound.dbPath), before);
});

test('"Name <addr>" and "Quoted Name" <addr> still work in To', async (t) => {
  const outbound = openTestOutbound(t, { start: false });
  const r = await outbound.enqueue({ to: 'Ann Lee <ann@example.net>, "Doe, Jane" <jane@example.net>', subject: 's', text: 't' });
  t.deepEqual(outbound.getEmail(r.id)!.envelope.to, ['ann@example.net', 'jane@example.net']);
});
