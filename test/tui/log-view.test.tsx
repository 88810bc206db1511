// The email view (Enter): headers with why the sender was chosen, the
// decoded body, the attempt history with transcripts, the raw message (r),
// scrolling, and Esc/q back to the table.
import test from 'ava';
import { startSmtp } from '../helpers/smtp.js';
import { KEYS, press } from './helpers/ink.js';
import { cursorLine, enqueueMany, openLogOutbound, plain, renderLog, waitCursor, waitPlain } from './log-support.js';

test('Enter shows headers, the decoded body and the delivery attempts; r toggles the raw message; Esc closes', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openLogOutbound(t, { smtpPort: smtp.port });
  const [id] = await enqueueMany(outbound, 1, () => ({
    subject: 'Disk full on db1',
    cc: 'oncall@example.net',
    // Quoted-printable in the raw message; the view must show it decoded.
    text: 'The disk /var on db1 is 97% full — please look.\nSecond line.',
  }));
  await outbound.sendNow([id!]);
  const r = renderLog(outbound, { width: 100, height: 30 });
  t.teardown(() => r.unmount());
  await waitCursor(r, 'Disk full on db1');

  await press(r, KEYS.enter);
  let f = await waitPlain(r, 'is 97% full — please look.');
  t.true(f.includes(`Email ${id}`), f);
  t.regex(f, /From: +ops@example\.com +\(why: default — the Default Sender Email of Settings\)/);
  t.regex(f, /To: +user001@example\.net/);
  t.regex(f, /Cc: +oncall@example\.net/);
  t.regex(f, /Subject: +Disk full on db1/);
  t.regex(f, /Status: +sent · 1 attempt/);
  t.regex(f, /Server reply: +250/);
  t.regex(f, /Message-ID: +<.+>/);
  t.true(f.includes('Second line.'));
  t.regex(f, /Delivery attempts \(1\)/);
  t.regex(f, /SENT +250/);
  t.false(f.includes('=E2=80=94'), 'the body is decoded, not quoted-printable');

  await press(r, 'r');
  f = await waitPlain(r, 'raw message');
  t.regex(f, /^Content-Transfer-Encoding: quoted-printable/m);
  t.regex(f, /^Subject: Disk full on db1/m);
  await press(r, 'r');
  await waitPlain(r, 'Delivery attempts (1)');

  await press(r, KEYS.escape);
  f = await waitPlain(r, (frame) => cursorLine(frame).includes('Disk full on db1'), 'back to the table');
  t.false(f.includes('Delivery attempts'));
});

test('the view scrolls with ↓ PgDn G g and q closes it', async (t) => {
  const outbound = openLogOutbound(t);
  const body = Array.from({ length: 80 }, (_, i) => `body line ${String(i + 1).padStart(2, '0')}`).join('\n');
  await enqueueMany(outbound, 1, () => ({ subject: 'long one', text: body }));
  const r = renderLog(outbound, { width: 80, height: 12 });
  t.teardown(() => r.unmount());
  await waitCursor(r, 'long one');
  await press(r, KEYS.enter);
  // The body is decoded in the background: wait for its 80 lines before scrolling, or G and PgDn
  // would stop at the end of the page as it was before the body arrived.
  let f = await waitPlain(r, (frame) => frame.includes('Subject:') && Number(/ of (\d+) /.exec(frame)?.[1] ?? 0) > 80, 'the decoded body');
  t.false(f.includes('body line 80'));
  await press(r, 'G');
  f = await waitPlain(r, 'Delivery attempts (0)');
  t.true(f.includes('(none yet)'));
  t.true(f.includes('body line 80') || !f.includes('body line'), 'at the end: the last body line or none');
  await press(r, 'g');
  await waitPlain(r, 'Subject:');
  await press(r, KEYS.pageDown, KEYS.pageDown);
  f = await waitPlain(r, (frame) => /body line \d\d/.test(frame) && !frame.includes('Subject:'), 'paged down into the body');
  const topLine = (frame: string) => Number(/lines (\d+)–/.exec(frame)?.[1]);
  const top = topLine(f);
  await press(r, KEYS.down);
  await waitPlain(r, (frame) => topLine(frame) === top + 1, 'one line down');
  await press(r, KEYS.up);
  await waitPlain(r, (frame) => topLine(frame) === top, 'one line up');
  t.true(r.frames.every((frame) => plain(frame).split('\n').length <= 12), 'no frame grows past the height');
  await press(r, 'q');
  await waitCursor(r, 'long one');
});
