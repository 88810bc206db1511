import test from 'ava';
import React, { useState } from 'react';
import { Text, Box } from 'ink';
import { useKeyLayer, PRIORITY, reachesTextField, type KeyLayerOptions } from '../../src/tui/input/key-dispatcher.js';
import { matchKey, keyHint } from '../../src/tui/input/match-key.js';
import { KEYMAP, bindingFor } from '../../src/tui/keymap.js';
import { ConfirmDialog } from '../../src/tui/widgets/confirm-dialog.js';
import { TextPrompt } from '../../src/tui/widgets/text-prompt.js';
import { Footer } from '../../src/tui/widgets/footer.js';
import { sparklineText } from '../../src/tui/widgets/sparkline.js';
import { KEYS, press, renderWithProviders, type, waitForText } from './helpers/ink.js';

const key = (over: Partial<import('ink').Key> = {}): import('ink').Key => ({
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
  ...over,
});

test('matchKey: characters, arrows, ctrl keys and shift+tab', (t) => {
  t.true(matchKey(bindingFor('log.down'), 'j', key()));
  t.true(matchKey(bindingFor('log.down'), '', key({ downArrow: true })));
  t.false(matchKey(bindingFor('log.down'), 'k', key()));
  t.true(matchKey(bindingFor('app.forceQuit'), 'c', key({ ctrl: true })));
  t.false(matchKey(bindingFor('log.columns'), 'c', key({ ctrl: true })));
  t.true(matchKey(bindingFor('form.prev'), '', key({ tab: true, shift: true })));
  t.false(matchKey(bindingFor('form.next'), '', key({ tab: true, shift: true })));
  t.true(matchKey(bindingFor('log.toggleRow'), ' ', key()));
  t.is(keyHint('log.delete'), 'd/Del');
  t.is(keyHint('app.forceQuit'), 'Ctrl-C');
});

test('keymap: every command is unique and no two commands of one scope share a key', (t) => {
  const commands = KEYMAP.map((b) => b.command);
  t.is(new Set(commands).size, commands.length);
  for (const scope of new Set(KEYMAP.map((b) => b.scope))) {
    const keys = KEYMAP.filter((b) => b.scope === scope).flatMap((b) => b.keys);
    t.is(new Set(keys).size, keys.length, `duplicate key in scope ${scope}`);
  }
});

test('sparkline scales to the largest value and leaves zero blank', (t) => {
  t.is(sparklineText([0, 1, 2, 4, 8]), ' ▁▂▄█');
});

function Layers({ log }: { log: string[] }) {
  const [dialog, setDialog] = useState(false);
  const [prompt, setPrompt] = useState(false);
  const [value, setValue] = useState('');
  useKeyLayer({ id: 'global', priority: PRIORITY.global, handlers: { 'app.quit': () => log.push('quit'), 'app.tab1': () => log.push('tab1') } });
  useKeyLayer({
    id: 'table',
    priority: PRIORITY.table,
    handlers: { 'log.delete': () => setDialog(true), 'log.filter': () => setPrompt(true), 'log.down': () => log.push('down') },
  });
  return (
    <Box flexDirection="column">
      <Text>value=[{value}]</Text>
      {dialog ? <ConfirmDialog message="Delete 3 emails?" onConfirm={() => { log.push('confirmed'); setDialog(false); }} onCancel={() => { log.push('cancelled'); setDialog(false); }} /> : null}
      {prompt ? (
        <TextPrompt
          label="Filter:"
          validate={(v) => (v.includes('!!') ? 'bad filter' : undefined)}
          onSubmit={(v) => { setValue(v); setPrompt(false); }}
          onCancel={() => setPrompt(false)}
        />
      ) : null}
      <Footer width={100} />
    </Box>
  );
}

test('layers: dialog captures keys, prompt captures typing, global keys work again after', async (t) => {
  const log: string[] = [];
  const r = renderWithProviders(<Layers log={log} />);
  t.teardown(() => r.unmount());
  await waitForText(r, 'q quit');
  await press(r, 'j', 'd');
  await waitForText(r, 'Delete 3 emails?');
  await waitForText(r, 'Enter/y yes'); // the footer follows the dialog
  await press(r, 'q', 'j', '1'); // swallowed by the dialog
  t.deepEqual(log, ['down']);
  await press(r, 'n');
  await waitForText(r, 'q quit');
  t.deepEqual(log, ['down', 'cancelled']);

  await press(r, '/');
  await waitForText(r, 'Filter:');
  await press(r, 'q');
  t.deepEqual(log, ['down', 'cancelled']);
  await press(r, KEYS.backspace);
  await type(r, 'q1j!!');
  await press(r, KEYS.ctrlS); // a Ctrl key must not type an "s"
  await press(r, KEYS.enter);
  await waitForText(r, 'bad filter');
  t.deepEqual(log, ['down', 'cancelled']);
  await press(r, KEYS.backspace, KEYS.backspace, KEYS.enter);
  await waitForText(r, 'value=[q1j]');
  await press(r, 'q');
  t.deepEqual(log, ['down', 'cancelled', 'quit']);
});

test('text field: keys written back to back are none of them lost', async (t) => {
  const log: string[] = [];
  const r = renderWithProviders(<Layers log={log} />);
  t.teardown(() => r.unmount());
  await waitForText(r, 'q quit');
  await press(r, '/');
  await waitForText(r, 'Filter:');
  for (const ch of 'status:queued') r.stdin.write(ch);
  r.stdin.write(KEYS.left);
  r.stdin.write('X');
  r.stdin.write(KEYS.enter);
  await waitForText(r, 'value=[status:queueXd]');
  t.deepEqual(log, []);
});

test('a chunk of several keys (slow SSH link, tmux) is handled key by key', async (t) => {
  const log: string[] = [];
  const r = renderWithProviders(<Layers log={log} />);
  t.teardown(() => r.unmount());
  await waitForText(r, 'q quit');
  r.stdin.write('jj/ab\x7fc\r');
  await waitForText(r, 'value=[ac]');
  t.deepEqual(log, ['down', 'down']);
});

test('reachesTextField: printable keys go to a focused field unless a layer above binds or captures them', (t) => {
  const field: KeyLayerOptions = { id: 'field', priority: PRIORITY.prompt + 1, acceptsText: true, handlers: {}, onText: () => true };
  const forceQuit: KeyLayerOptions = { id: 'force', priority: PRIORITY.dialog + 1, handlers: { 'app.forceQuit': () => {} } };
  const dialog: KeyLayerOptions = { id: 'dialog', priority: PRIORITY.dialog, captureAll: true, handlers: { 'dialog.confirm': () => {} } };
  const overlay: KeyLayerOptions = { id: 'overlay', priority: PRIORITY.overlay + 30, handlers: { 'app.quit': () => {} } };
  t.true(reachesTextField([forceQuit, field], 's'));
  t.true(reachesTextField([forceQuit, field], 'é'));
  t.false(reachesTextField([forceQuit, field], '\r'), 'Enter is a key, not text');
  t.false(reachesTextField([forceQuit, field], '\x1b[A'), 'an arrow is a key, not text');
  t.false(reachesTextField([forceQuit, dialog, field], 's'), 'a dialog above the field takes every key');
  t.false(reachesTextField([overlay, field], 'q'), 'a layer above binds q');
  t.true(reachesTextField([overlay, field], 'a'));
  t.false(reachesTextField([forceQuit], 's'), 'no field: keys go one by one');
});
