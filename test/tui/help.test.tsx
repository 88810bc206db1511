// The `?` help is generated from the keymap: every binding's keys and help
// text can be read in it, page by page.
import test from 'ava';
import { KEYMAP, SCOPE_TITLES } from '../../src/tui/keymap.js';
import { keyHint } from '../../src/tui/input/match-key.js';
import { footerHints } from '../../src/tui/widgets/footer.js';
import { helpLines } from '../../src/tui/widgets/help-overlay.js';
import { KEYS, press, waitForFrame, waitForText } from './helpers/ink.js';
import { openConsoleOutbound, plain, renderConsole } from './helpers/console.js';

test('the help lists every binding of the keymap, scrolling with PgDn', async (t) => {
  const outbound = openConsoleOutbound(t);
  const r = renderConsole(t, outbound, { columns: 160, rows: 30, initialTab: 0 });
  await waitForText(r, 'press e to edit');
  await press(r, '?');
  let frame = plain(await waitForText(r, 'Everywhere'));
  let seen = frame;
  t.true(helpLines().length > 30, 'more lines than one screen: the test pages');
  for (let i = 0; i < 30; i++) {
    const m = /(\d+)-(\d+) of (\d+)/.exec(frame);
    if (!m || Number(m[2]) >= Number(m[3])) break;
    await press(r, KEYS.pageDown);
    frame = plain(await waitForFrame(r, (f) => !plain(f).includes(`${m[1]}-${m[2]} of`), undefined, 'next page'));
    seen += frame;
  }
  for (const b of KEYMAP) {
    t.true(seen.includes(b.help), `help text of ${b.command}`);
    t.true(seen.includes(keyHint(b.command)), `keys of ${b.command}`);
  }
  for (const title of Object.values(SCOPE_TITLES)) t.true(seen.includes(title), title);
  await press(r, '?');
  await waitForFrame(r, (f) => !f.includes('Everywhere'), undefined, 'help closed by ?');
});

test('every key of DESIGN.md\'s key map is bound', (t) => {
  const keysOf = (scope: string) => new Set(KEYMAP.filter((b) => b.scope === scope).flatMap((b) => b.keys));
  const global = keysOf('global');
  for (const k of ['1', '2', '3', '[', ']', 'A', '?', 'q', 'ctrl+c', 'ctrl+l']) t.true(global.has(k), `global ${k}`);
  const log = keysOf('log');
  for (const k of ['up', 'down', 'j', 'k', 'pageup', 'pagedown', 'g', 'G', 'space', 'v', 'a', 'U', 'escape', 'enter', 's', 'f', 'd', 'delete', 'left', 'right', 'o', 'O', '/', 'c', '+', '-', '=']) {
    t.true(log.has(k), `log ${k}`);
  }
  const settings = new Set([...keysOf('settings'), ...keysOf('form')]);
  for (const k of ['e', 'tab', 'up', 'down', 'enter', 'ctrl+s', 'escape']) t.true(settings.has(k), `settings ${k}`);
});

test('footer hints put help first and come from the keymap', (t) => {
  const hints = footerHints(['log.sendNow', 'log.down', 'app.quit', 'app.help']);
  t.deepEqual(hints, ['? help', 's send now', 'q quit']);
});
