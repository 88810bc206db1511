// The table follows the database: new mail, status changes from a send done
// elsewhere, and a long Send Now that keeps running while you browse.
import test from 'ava';
import { startSmtp } from '../helpers/smtp.js';
import { KEYS, press } from './helpers/ink.js';
import { cursorLine, enqueueMany, lineWith, openLogOutbound, renderLog, waitCursor, waitPlain } from './log-support.js';

test('new mail and status changes show up live; the cursor stays on the same email', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openLogOutbound(t, { smtpPort: smtp.port });
  const ids = await enqueueMany(outbound, 5);
  const r = renderLog(outbound, { width: 100, height: 16 });
  t.teardown(() => r.unmount());
  await waitCursor(r, 'mail 005');
  await press(r, KEYS.down, KEYS.down);
  await waitCursor(r, 'mail 003');

  await outbound.enqueue({ to: 'late@example.net', subject: 'arrived later' });
  let f = await waitPlain(r, 'arrived later');
  t.regex(cursorLine(f), /mail 003/, 'the cursor stays on its email');
  f = await waitPlain(r, '6 emails');

  await outbound.sendNow([ids[2]!]); // mail 003, sent from outside the table
  f = await waitPlain(r, (frame) => / sent /.test(cursorLine(frame)), 'mail 003 shows sent');
  t.regex(cursorLine(f), /mail 003/);
  t.regex(lineWith(f, 'mail 004') ?? '', / queued /);
});

test('a batch Send Now shows progress and keeps running while the cursor moves', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openLogOutbound(t, { smtpPort: smtp.port });
  await enqueueMany(outbound, 60);
  const r = renderLog(outbound, { width: 100, height: 20 });
  t.teardown(() => r.unmount());
  await waitCursor(r, 'mail 060');
  await press(r, 'a');
  await waitPlain(r, '60 selected');
  await press(r, 's');
  // Browse while it runs (the progress line takes a row from the table, so the page size may vary).
  await press(r, KEYS.down, KEYS.down, KEYS.pageDown);
  const moved = await waitPlain(r, (frame) => /mail 0(3\d|4[0-4])/.test(cursorLine(frame)), 'the cursor moved a page down');
  const subject = /mail 0\d\d/.exec(cursorLine(moved))![0];
  await smtp.waitFor(60);
  const f = await waitPlain(r, (frame) => frame.includes('Send Now: 60 sent') && / sent /.test(cursorLine(frame)), 'all sent');
  t.regex(cursorLine(f), new RegExp(`${subject}`), 'the cursor stayed where it was moved');
  t.is(outbound.countEmails('status:sent'), 60);
});
