// NO_COLOR: the console passes no colour props at all. Colours are forced on
// in chalk (it sees no TTY here), so "no colour codes" is our doing.
import test from 'ava';
import chalk from 'chalk';

chalk.level = 1;
const colour = /\x1b\[(?:3[0-9]|9[0-7]|4[0-9]|10[0-7])(?:;[0-9]+)*m/; // eslint-disable-line no-control-regex

test('with colours off no colour codes are written; with colours on some are', async (t) => {
  const { openConsoleOutbound, renderConsole } = await import('./helpers/console.js');
  const { waitForText } = await import('./helpers/ink.js');
  const { colorsFromEnv } = await import('../../src/tui/theme.js');
  t.false(colorsFromEnv({ NO_COLOR: '1' }));
  t.true(colorsFromEnv({}));
  const outbound = openConsoleOutbound(t, { settings: { host: 'smtp.example.com', defaultSender: 'ops@example.com' } });
  await outbound.enqueue({ to: 'a@example.net', subject: 's', text: 'x' });
  const on = renderConsole(t, outbound, { colors: true, initialTab: 0 });
  const f1 = await waitForText(on, 'press e to edit');
  t.true(colour.test(f1), 'colours on: some colour codes');
  on.unmount();
  const off = renderConsole(t, outbound, { colors: false, initialTab: 0 });
  const f2 = await waitForText(off, 'press e to edit');
  t.false(colour.test(f2), 'colours off: none');
});
