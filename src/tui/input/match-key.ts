// Matching Ink key events against the key names of the keymap, and showing
// key names to people (footer, help).
import type { Key } from 'ink';
import { bindingFor, type Binding, type Command, type KeyName } from '../keymap.js';

/** True when this one key name describes the event. */
export function matchKeyName(name: KeyName, input: string, key: Key): boolean {
  switch (name) {
    case 'up': return key.upArrow;
    case 'down': return key.downArrow;
    case 'left': return key.leftArrow;
    case 'right': return key.rightArrow;
    case 'pageup': return key.pageUp;
    case 'pagedown': return key.pageDown;
    case 'home': return key.home;
    case 'end': return key.end;
    case 'enter': return key.return;
    case 'escape': return key.escape;
    case 'tab': return key.tab && !key.shift;
    case 'shift+tab': return key.tab && key.shift;
    case 'space': return input === ' ' && !key.ctrl;
    case 'delete': return key.delete;
    case 'backspace': return key.backspace;
    default:
      if (name.startsWith('ctrl+') && name.length === 6) return key.ctrl && input === name.slice(5);
      // A printable character: exactly that input, no Ctrl/Alt (Alt+q is not q).
      return name.length === 1 && input === name && !key.ctrl && !key.meta;
  }
}

/** True when any key of the binding describes the event. */
export function matchKey(binding: Pick<Binding, 'keys'>, input: string, key: Key): boolean {
  return binding.keys.some((k) => matchKeyName(k, input, key));
}

const KEY_LABELS: Record<string, string> = {
  up: '↑', down: '↓', left: '←', right: '→',
  pageup: 'PgUp', pagedown: 'PgDn', home: 'Home', end: 'End',
  enter: 'Enter', escape: 'Esc', tab: 'Tab', 'shift+tab': 'Shift-Tab',
  space: 'Space', delete: 'Del', backspace: 'Backspace',
};

/** How a key name is written on screen: "↑", "Ctrl-C", "PgDn", "q". */
export function keyLabel(name: KeyName): string {
  if (KEY_LABELS[name]) return KEY_LABELS[name];
  if (name.startsWith('ctrl+')) return `Ctrl-${name.slice(5).toUpperCase()}`;
  return name;
}

/** The keys of a command as shown in the footer and help: "d/Del". */
export function keyHint(command: Command, max = Infinity): string {
  return bindingFor(command).keys.slice(0, max).map(keyLabel).join('/');
}
