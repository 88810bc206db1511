// The Settings tab and its Edit form over a real core: validation names the
// field and saves nothing, Esc cancels, a save goes through updateSettings,
// and the password's characters never reach the screen.
import test from 'ava';
import { KEYS, press, type, waitForFrame, waitForText, type Rendered } from './helpers/ink.js';
import { openConsoleOutbound, plain, renderConsole } from './helpers/console.js';
import { FIELDS } from '../../src/tui/settings/form-model.js';

const focused = (r: Rendered) => plain(r.lastFrame()).split('\n').find((l) => l.startsWith('▸')) ?? '';

/** Moves the form's focus to the field with this label (Tab wraps around). */
async function focusField(r: Rendered, label: string) {
  for (let i = 0; i <= FIELDS.length; i++) {
    const now = focused(r);
    if (now.startsWith(`▸ ${label}`)) return;
    await press(r, KEYS.tab);
    await waitForFrame(r, () => focused(r) !== now, undefined, 'focus to move');
  }
  throw new Error(`field ${label} not found`);
}

async function clearField(r: Rendered, length: number) {
  await press(r, KEYS.end);
  for (let i = 0; i < length; i++) await press(r, KEYS.backspace);
}

test('a bad port is shown next to the field and nothing is saved; fixing it saves', async (t) => {
  const outbound = openConsoleOutbound(t, { settings: { host: 'smtp.example.com', port: 587 } });
  const r = renderConsole(t, outbound, { initialTab: 0 });
  await waitForText(r, 'press e to edit');
  await press(r, 'e');
  await waitForText(r, 'Edit settings');
  await focusField(r, 'Port');
  await clearField(r, 3);
  await type(r, '99999');
  await focusField(r, 'Host Name');
  await clearField(r, 'smtp.example.com'.length);
  await type(r, 'relay.example.org');
  await press(r, KEYS.enter);
  const frame = plain(await waitForText(r, 'port: must be a whole number'));
  const lines = frame.split('\n');
  const portLine = lines.findIndex((l) => l.includes('Port'));
  t.true(lines[portLine + 1]!.includes('✗ port: must be a whole number from 1 to 65535'), 'error right under the Port field');
  t.true(lines[portLine]!.startsWith('▸'), 'focus moved to the bad field');
  t.is(outbound.getSettings().port, 587);
  t.is(outbound.getSettings().host, 'smtp.example.com', 'nothing saved, not even the valid host');

  await clearField(r, 5);
  await type(r, '2525');
  await press(r, KEYS.ctrlS);
  await waitForText(r, 'Saved');
  t.is(outbound.getSettings().port, 2525);
  t.is(outbound.getSettings().host, 'relay.example.org');
  t.regex(plain(r.lastFrame()), /Relay relay\.example\.org:2525/);
});

test('Esc cancels the form and saves nothing', async (t) => {
  const outbound = openConsoleOutbound(t, { settings: { host: 'smtp.example.com' } });
  const r = renderConsole(t, outbound, { initialTab: 0 });
  await waitForText(r, 'press e to edit');
  await press(r, 'e');
  await waitForText(r, 'Edit settings');
  await clearField(r, 'smtp.example.com'.length);
  await type(r, 'other.example.org');
  await press(r, KEYS.escape);
  await waitForText(r, 'press e to edit');
  t.is(outbound.getSettings().host, 'smtp.example.com');
  t.false(plain(r.lastFrame()).includes('other.example.org'));
});

test('the password is typed masked, never appears in any frame, and can be cleared', async (t) => {
  const secret = 'Tr0ub4dor&3-hunter2';
  const outbound = openConsoleOutbound(t, { settings: { host: 'smtp.example.com' } });
  const r = renderConsole(t, outbound, { initialTab: 0 });
  await waitForText(r, 'Password');
  t.regex(plain(r.lastFrame()), /Password\s+not set/);
  await press(r, 'e');
  await waitForText(r, 'Edit settings');
  await focusField(r, 'Password');
  await type(r, secret);
  await waitForText(r, '*'.repeat(secret.length));
  await press(r, KEYS.enter);
  await waitForText(r, 'Saved');
  t.true(outbound.getSettings().passwordSet);
  t.regex(plain(r.lastFrame()), /Password\s+set \(stored in the database\)/);

  // An empty password field keeps it; the explicit toggle clears it.
  await press(r, 'e');
  await waitForText(r, 'Edit settings');
  await focusField(r, 'Clear password');
  await press(r, ' ');
  await waitForText(r, '[x] clear the stored password');
  await press(r, KEYS.enter);
  await waitForFrame(r, (f) => /Password\s+not set/.test(plain(f)), undefined, 'password not set');
  t.false(outbound.getSettings().passwordSet);

  for (const frame of r.frames) t.false(frame.includes(secret.slice(0, 6)), 'no frame shows the password');
});

test('Security cycles with Space and Verify certificates toggles; localhost shows the local-MTA note', async (t) => {
  const outbound = openConsoleOutbound(t, { settings: { host: 'smtp.example.com', security: 'starttls' } });
  const r = renderConsole(t, outbound, { initialTab: 0 });
  await waitForText(r, 'press e to edit');
  t.false(plain(r.lastFrame()).includes('mailq'));
  await press(r, 'e');
  await waitForText(r, 'Edit settings');
  await clearField(r, 'smtp.example.com'.length);
  await type(r, 'localhost');
  await waitForText(r, 'mailq');
  await focusField(r, 'Security');
  await press(r, ' ');
  await waitForText(r, '‹ require-starttls ›');
  await press(r, KEYS.right);
  await waitForText(r, '‹ tls ›');
  await focusField(r, 'Verify certificates');
  await press(r, ' ');
  await waitForText(r, '[ ] no');
  await press(r, KEYS.enter);
  await waitForText(r, 'Saved');
  const s = outbound.getSettings();
  t.is(s.host, 'localhost');
  t.is(s.security, 'tls');
  t.false(s.verifyCertificates);
  t.true(plain(r.lastFrame()).includes('must be running and able to resolve DNS'));
});
