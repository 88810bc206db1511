// The Test tab over a real core and a real loopback SMTP server: a test email
// is delivered whatever the automatic-delivery toggle and the server's reply
// is shown; a rejection shows the diagnosis and the transcript.
import test from 'ava';
import { closedPort, startSmtp } from '../helpers/smtp.js';
import { KEYS, press, type, waitForText } from './helpers/ink.js';
import { openConsoleOutbound, plain, renderConsole } from './helpers/console.js';

test('Enter sends a test email now (automatic delivery OFF) and shows the reply and Message-ID', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openConsoleOutbound(t, { smtpPort: smtp.port });
  t.false(outbound.getSettings().autoDelivery);
  const r = renderConsole(t, outbound, { initialTab: 1 });
  await waitForText(r, 'Tab edit fields');
  t.regex(plain(r.lastFrame()), /Subject\s+outbound test from \S+ at \d\d:\d\d/);
  await press(r, KEYS.tab);
  await type(r, 'admin@example.net');
  await press(r, KEYS.enter);
  const frame = plain(await waitForText(r, '✓ Delivered'));
  const [got] = await smtp.waitFor(1);
  t.deepEqual(got!.to, ['admin@example.net']);
  t.regex(got!.raw.toString(), /Subject: outbound test from \S+ at \d\d:\d\d/);
  t.regex(frame, /Server reply: 250/);
  const messageId = /Message-ID:\s+(<[^>]+>)/.exec(frame)?.[1];
  t.truthy(messageId);
  t.true(got!.raw.toString().includes(messageId!), 'the Message-ID shown is the one delivered');
  t.regex(frame, /✓ send to admin@example\.net: ok/);
});

test('a rejected recipient shows the diagnosis, the server reply and the transcript; the tries are listed', async (t) => {
  const smtp = await startSmtp(t, { onRecipient: (a) => (a.startsWith('nobody') ? { code: 550, message: '5.1.1 <nobody@example.net>: Recipient address rejected: User unknown' } : undefined) });
  const outbound = openConsoleOutbound(t, { smtpPort: smtp.port });
  const r = renderConsole(t, outbound, { initialTab: 1, rows: 40 });
  await waitForText(r, 'Tab edit fields');
  await press(r, KEYS.tab);
  await type(r, 'nobody@example.net');
  await press(r, KEYS.enter);
  const frame = plain(await waitForText(r, '✗ Not delivered'));
  t.regex(frame, /550/);
  t.regex(frame, /User unknown/);
  t.regex(frame, /SMTP transcript/);
  t.regex(frame, /RCPT TO/i);
  t.regex(frame, /✗ send to nobody@example\.net: FAILED/);
  t.is(smtp.received.length, 0);

  // V checks the connection only; both tries are listed.
  await press(r, 'V');
  const after = plain(await waitForText(r, '✓ Connection works'));
  t.regex(after, /Tests since the console opened \(2\)/);
  t.regex(after, /verify: ok/);
});

test('a relay that refuses connections: the diagnosis says so in plain words', async (t) => {
  const port = await closedPort();
  const outbound = openConsoleOutbound(t, { smtpPort: port });
  const r = renderConsole(t, outbound, { initialTab: 1 });
  await waitForText(r, 'Tab edit fields');
  await press(r, 'V');
  const frame = plain(await waitForText(r, '✗ Connection check failed'));
  t.regex(frame, new RegExp(`127\\.0\\.0\\.1:${port}`));
  t.regex(frame, /refused|not listening|nothing/i);
});

test('Enter with no address asks for one and sends nothing', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openConsoleOutbound(t, { smtpPort: smtp.port });
  const r = renderConsole(t, outbound, { initialTab: 1 });
  await waitForText(r, 'Tab edit fields');
  await press(r, KEYS.enter);
  await waitForText(r, 'To: enter the address');
  t.is(smtp.received.length, 0);
  // The To field is now being edited: global keys type text instead of switching tabs.
  await type(r, '3q');
  await waitForText(r, 'To       3q');
  t.pass();
});
