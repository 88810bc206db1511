// The Log's actions against the real core and a real SMTP server: Send Now
// on the selection, resend after asking, Forward with a validated address,
// Delete after a confirmation that states the count.
import test from 'ava';
import { startSmtp } from '../helpers/smtp.js';
import { KEYS, press, type } from './helpers/ink.js';
import { cursorLine, enqueueMany, lineWith, openLogOutbound, renderLog, waitCursor, waitPlain } from './log-support.js';

test('Send Now sends the selected rows to the server and they show sent; the rest stay queued', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openLogOutbound(t, { smtpPort: smtp.port });
  await enqueueMany(outbound, 5);
  const r = renderLog(outbound, { width: 100, height: 16 });
  t.teardown(() => r.unmount());
  await waitCursor(r, 'mail 005');

  await press(r, ' ', ' ', ' ');
  await waitPlain(r, '3 selected');
  await press(r, 's');
  // The notice comes when sendNow() resolves, the rows show sent at the next live refresh: either may be first.
  const f = await waitPlain(r, (frame) => frame.includes('Send Now: 3 sent') && ['mail 005', 'mail 004', 'mail 003'].every((s) => / sent /.test(lineWith(frame, s) ?? '')), 'three rows sent and the notice');
  t.regex(lineWith(f, 'mail 002') ?? '', / queued /);
  t.regex(lineWith(f, 'mail 001') ?? '', / queued /);
  t.deepEqual(smtp.received.map((m) => m.to[0]).sort(), ['user003@example.net', 'user004@example.net', 'user005@example.net']);
  t.false(f.includes('selected'), 'the selection is used up by the action');

  // No selection: Send Now applies to the cursor row.
  await press(r, 'G');
  await waitCursor(r, 'mail 001');
  await press(r, 's');
  await waitPlain(r, (frame) => / sent /.test(lineWith(frame, 'mail 001') ?? ''), 'mail 001 sent');
  t.is(smtp.received.length, 4);
});

test('Send Now asks before resending rows already sent, and "no" sends only the others', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openLogOutbound(t, { smtpPort: smtp.port });
  const ids = await enqueueMany(outbound, 5);
  await outbound.sendNow(ids.slice(0, 2)); // mail 001 and 002 are sent
  t.is(smtp.received.length, 2);
  const r = renderLog(outbound, { width: 100, height: 20 });
  t.teardown(() => r.unmount());
  await waitPlain(r, (f) => / sent /.test(lineWith(f, 'mail 001') ?? ''), 'mail 001 sent');

  await press(r, 'a');
  await waitPlain(r, '5 selected');
  await press(r, 's');
  let f = await waitPlain(r, '2 of the 5 selected were already sent/failed: resend them?');
  t.is(smtp.received.length, 2, 'nothing is sent before the answer');
  await press(r, 'n');
  await smtp.waitFor(5);
  // The notice comes when the whole Send Now has finished: nothing more can go out for it after that.
  f = await waitPlain(r, (frame) => frame.includes('Send Now: 3 sent') && ['mail 003', 'mail 004', 'mail 005'].every((s) => / sent /.test(lineWith(frame, s) ?? '')), 'the others sent');
  t.false(f.includes('resend them?'));
  t.is(smtp.received.length, 5, 'the already-sent rows were not resent');

  // The cursor row, already sent: asks, and "yes" resends it.
  await press(r, 's');
  f = await waitPlain(r, /Email \d+ was already sent\/failed: resend it\?/);
  await press(r, 'y');
  await smtp.waitFor(6);
  f = await waitPlain(r, (frame) => /mail 005 +2\b/.test(cursorLine(frame)), 'a second attempt on mail 005');
  t.regex(cursorLine(f), / sent /);
  t.is(smtp.received.at(-1)!.to[0], 'user005@example.net');
});

test('Forward asks for an address, refuses a bad one inline, and creates a linked row delivered at once', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openLogOutbound(t, { smtpPort: smtp.port });
  const [id] = await enqueueMany(outbound, 1, () => ({ subject: 'quarterly report' }));
  const r = renderLog(outbound, { width: 100, height: 16 });
  t.teardown(() => r.unmount());
  await waitCursor(r, 'quarterly report');

  await press(r, 'f');
  await waitPlain(r, `Forward email ${id} to:`);
  await type(r, 'not an address');
  await press(r, KEYS.enter);
  let f = await waitPlain(r, /✗ .*to/);
  t.true(f.includes(`Forward email ${id} to:`), 'the prompt stays open');
  t.is(smtp.received.length, 0);
  await press(r, KEYS.escape);
  await waitPlain(r, (frame) => !frame.includes('Forward email'), 'prompt closed');

  await press(r, 'f');
  await waitPlain(r, `Forward email ${id} to:`);
  await type(r, 'second@example.net');
  await press(r, KEYS.enter);
  const [got] = await smtp.waitFor(1);
  t.deepEqual(got!.to, ['second@example.net']);
  // The notice comes when forward() resolves; the row shows sent at the next live refresh.
  f = await waitPlain(r, (frame) => / sent .*second@exampl.*quarterly report/.test(frame) && frame.includes('Forwarded 1 email to second@example.net'), 'the forwarded row, sent');
  t.regex(cursorLine(f), /user001@/, `the cursor stays on the email it was on:\n${f}`);
  const rows = outbound.listEmails({ limit: 10 }).rows;
  const fwd = rows.find((e) => e.to === 'second@example.net')!;
  t.is(fwd.forwardedFromId, id);
  t.is(fwd.origin, 'forward');
  t.is(outbound.getEmail(id!)!.status, 'queued', 'the original is untouched');
});

test('Delete confirms with the count, then deletes; No keeps everything', async (t) => {
  const outbound = openLogOutbound(t);
  await enqueueMany(outbound, 5);
  const r = renderLog(outbound, { width: 100, height: 20 });
  t.teardown(() => r.unmount());
  await waitCursor(r, 'mail 005');

  await press(r, ' ', ' ', ' ');
  await waitPlain(r, '3 selected');
  await press(r, 'd');
  await waitPlain(r, 'Delete 3 emails?');
  await press(r, 'n');
  await waitPlain(r, (f) => !f.includes('Delete 3 emails?'), 'dialog closed');
  t.is(outbound.countEmails(), 5);

  await press(r, 'd');
  await waitPlain(r, 'Delete 3 emails?');
  await press(r, 'y');
  let f = await waitPlain(r, 'Deleted 3 emails');
  t.is(outbound.countEmails(), 2);
  t.false(f.includes('mail 005') || f.includes('mail 004') || f.includes('mail 003'));
  f = await waitPlain(r, '2 emails');
  t.regex(cursorLine(f), /mail 00[12]/);

  // No selection: the Delete key removes the cursor row after confirming.
  const id = outbound.listEmails({ limit: 1 }).rows[0]!.id;
  await press(r, 'g', KEYS.delete);
  await waitPlain(r, `Delete email ${id}?`);
  await press(r, KEYS.enter);
  await waitPlain(r, 'Deleted 1 email');
  t.is(outbound.countEmails(), 1);
  t.is(outbound.getEmail(id), undefined);
});
