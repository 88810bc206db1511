// The console's shell over a real core: tabs, status bar, another process's
// change, the auto-delivery confirmation, quit, size and colours.
import test from 'ava';
import { openOutbound } from '../../src/core/index.js';
import { startSmtp } from '../helpers/smtp.js';
import { type } from './helpers/ink.js';
import { KEYS, press, waitForFrame, waitForText } from './helpers/ink.js';
import { openConsoleOutbound, plain, renderConsole } from './helpers/console.js';

const enqueue = (o: import('../../src/types.js').Outbound, n: number) =>
  o.enqueueMany(Array.from({ length: n }, (_, i) => ({ to: `user${i}@example.net`, subject: `hello ${i}`, text: 'x' })));

test('tabs switch with 1 2 3 and [ ], and the frame stays below the terminal height at 80×24', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openConsoleOutbound(t, { smtpPort: smtp.port });
  const r = renderConsole(t, outbound, { columns: 80, rows: 24, initialTab: 0 });
  await waitForText(r, 'press e to edit');
  const check = (frame: string) => {
    const lines = plain(frame).split('\n');
    t.true(lines.length <= 23, `frame has ${lines.length} lines`);
    for (const l of lines) t.true(l.length <= 80, `line wider than 80: ${l}`);
  };
  check(r.lastFrame()!);
  await press(r, '2');
  await waitForText(r, 'Tab edit fields');
  check(r.lastFrame()!);
  await press(r, '3');
  await waitForText(r, 'no emails yet');
  check(r.lastFrame()!);
  await press(r, ']');
  await waitForText(r, 'press e to edit');
  await press(r, '[');
  await waitForText(r, 'no emails yet');
  await press(r, '[');
  await waitForText(r, 'Tab edit fields');
});

test('the status bar shows counts and relay, and follows a change made by another process', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openConsoleOutbound(t, { smtpPort: smtp.port });
  await enqueue(outbound, 3);
  const r = renderConsole(t, outbound, { initialTab: 0 });
  const frame = plain(await waitForText(r, 'Queued'));
  t.regex(frame, /Auto-delivery\s+OFF/);
  t.regex(frame, /Queued 3\b/);
  t.true(frame.includes(`127.0.0.1:${smtp.port}`));

  const other = openOutbound({ dbPath: outbound.dbPath, actor: 'alice@10.0.0.7', deliver: false });
  t.teardown(() => other.close());
  await enqueue(other, 2);
  await waitForFrame(r, (f) => /Queued 5\b/.test(plain(f)), undefined, 'Queued 5');
  other.setAutoDelivery(true);
  // This console delivers (the other process has deliver: false) and shows who turned it on.
  const after = plain(await waitForFrame(r, (f) => /Auto-delivery\s+ON\s+by alice@10\.0\.0\.7/.test(plain(f)) && /Sent today 5\b/.test(plain(f)), undefined, 'ON by alice, 5 sent'));
  t.regex(after, /Queued 0\b/);
  await smtp.waitFor(5);
});

test('A asks before turning automatic delivery on with mail queued; n keeps it off, y sends the mail', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openConsoleOutbound(t, { smtpPort: smtp.port });
  await enqueue(outbound, 3);
  const r = renderConsole(t, outbound, { initialTab: 0 });
  await waitForText(r, 'Queued 3');
  await press(r, 'A');
  await waitForText(r, '3 queued emails will be sent now.');
  await press(r, 'n');
  await waitForFrame(r, (f) => !f.includes('will be sent now'), undefined, 'dialog closed');
  t.false(outbound.getSettings().autoDelivery);
  t.is(smtp.received.length, 0);

  await press(r, 'A');
  await waitForText(r, '3 queued emails will be sent now.');
  await press(r, KEYS.enter);
  await smtp.waitFor(3);
  t.true(outbound.getSettings().autoDelivery);
  t.is(outbound.getSettings().autoDeliveryChangedBy, 'tester@127.0.0.1');
  await waitForFrame(r, (f) => /Auto-delivery\s+ON/.test(plain(f)) && /Sent today 3\b/.test(plain(f)), undefined, 'ON, 3 sent');

  // Turning it off needs no confirmation.
  await press(r, 'A');
  await waitForFrame(r, (f) => /Auto-delivery\s+OFF/.test(plain(f)), undefined, 'OFF');
  t.false(outbound.getSettings().autoDelivery);
});

test('q quits (the app unmounts) when nothing is being sent', async (t) => {
  const outbound = openConsoleOutbound(t);
  const r = renderConsole(t, outbound, { initialTab: 0 });
  await waitForText(r, 'press e to edit');
  const before = r.frames.length;
  await press(r, 'q');
  // Ink stops reading stdin when the app unmounts.
  await waitForFrame(r, () => r.stdin.listenerCount('readable') === 0, undefined, 'the app to exit');
  // After exit nothing renders any more: keys do nothing.
  const frozen = r.frames.length;
  await press(r, '2');
  t.is(r.frames.length, frozen);
  t.true(frozen >= before);
  t.false(plain(r.lastFrame()).includes('Tab edit fields'));
});

test('Ctrl-L redraws and ? opens the help, Esc closes it', async (t) => {
  const outbound = openConsoleOutbound(t);
  const r = renderConsole(t, outbound, { initialTab: 0 });
  await waitForText(r, 'press e to edit');
  await press(r, KEYS.ctrlL);
  await waitForText(r, 'press e to edit');
  await press(r, '?');
  await waitForText(r, 'Everywhere');
  await press(r, KEYS.escape);
  await waitForFrame(r, (f) => !f.includes('Everywhere') && f.includes('press e to edit'), undefined, 'help closed');
  t.pass();
});

test('q asks first while an email is being sent; n stays', async (t) => {
  const smtp = await startSmtp(t, { silent: true }); // accepts, never greets: the send stays in flight
  // …for as long as the greeting timeout (which follows connectionTimeoutMs): longer than this test can take.
  const outbound = openConsoleOutbound(t, { smtpPort: smtp.port, connectionTimeoutMs: 120_000 });
  const r = renderConsole(t, outbound, { initialTab: 1 });
  await waitForText(r, 'Tab edit fields');
  await press(r, KEYS.tab);
  await type(r, 'someone@example.net');
  await press(r, KEYS.enter);
  await waitForText(r, 'Sending a test email');
  await waitForFrame(r, () => outbound.inFlight() === 1, undefined, 'the test email in flight');
  await press(r, 'q');
  await waitForText(r, '1 email is being sent right now. Quit anyway?');
  await press(r, 'n');
  await waitForFrame(r, (f) => !f.includes('Quit anyway?'), undefined, 'dialog closed');
  t.true(plain(r.lastFrame()).includes('Sending a test email'), 'still running, console still open');
});

test('the status bar shows the last delivery error in plain sight', async (t) => {
  const smtp = await startSmtp(t, { onRecipient: () => ({ code: 451, message: '4.3.0 Mailbox temporarily unavailable, try later' }) });
  const outbound = openConsoleOutbound(t, { smtpPort: smtp.port });
  const [row] = await outbound.enqueueMany([{ to: 'later@example.net', subject: 'will defer', text: 'x' }]);
  const r = renderConsole(t, outbound, { initialTab: 0 });
  await waitForText(r, 'Queued 1');
  t.false(plain(r.lastFrame()).includes('Last error'));
  await outbound.sendNow([row!.id]);
  const frame = plain(await waitForText(r, 'Last error'));
  t.regex(frame, new RegExp(`Last error \\(email ${row!.id}, deferred\\): .*451`));
  t.regex(frame, /Deferred 1\b/);
});
