// One line of key hints: the footer bindings of whatever a key press would
// reach now (dialog, form, table, global…), straight from the keymap.
import React from 'react';
import { Text } from 'ink';
import { KEYMAP, type Command } from '../keymap.js';
import { useReachableCommands } from '../input/key-dispatcher.js';
import { keyHint } from '../input/match-key.js';

const FOOTER = new Set<Command>(KEYMAP.filter((b) => b.footer).map((b) => b.command));

export function footerHints(commands: readonly Command[]): string[] {
  const seen = new Set<string>();
  const hints: string[] = [];
  // "? help" first: it must survive a narrow terminal, it leads to the rest.
  const ordered = commands.includes('app.help') ? ['app.help' as Command, ...commands.filter((c) => c !== 'app.help')] : commands;
  for (const c of ordered) {
    if (!FOOTER.has(c)) continue;
    const b = KEYMAP.find((x) => x.command === c)!;
    const hint = `${keyHint(c, 2)} ${b.label}`;
    if (seen.has(hint)) continue;
    seen.add(hint);
    hints.push(hint);
  }
  return hints;
}

export function Footer({ width }: { width: number }) {
  const hints = footerHints(useReachableCommands());
  // Fit whole hints only; never wrap onto a second line.
  let line = '';
  for (const h of hints) {
    const next = line ? `${line}  ${h}` : h;
    if (next.length > width) break;
    line = next;
  }
  return <Text dimColor wrap="truncate-end">{line}</Text>;
}
