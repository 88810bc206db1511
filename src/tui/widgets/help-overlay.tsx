// The `?` help: every binding of the keymap, grouped by where it works,
// generated from the keymap (so it cannot drift from the handlers). Scrolls
// with the view keys; `?`, Esc or q closes it.
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import { KEYMAP, SCOPE_ORDER, SCOPE_TITLES } from '../keymap.js';
import { keyHint } from '../input/match-key.js';
import { PRIORITY, useKeyLayer } from '../input/key-dispatcher.js';
import { useTheme } from '../theme.js';

export interface HelpLine { heading?: boolean; keys: string; text: string }

export function helpLines(): HelpLine[] {
  const lines: HelpLine[] = [];
  for (const scope of SCOPE_ORDER) {
    const bindings = KEYMAP.filter((b) => b.scope === scope);
    if (bindings.length === 0) continue;
    lines.push({ heading: true, keys: '', text: SCOPE_TITLES[scope] });
    for (const b of bindings) lines.push({ keys: keyHint(b.command), text: b.help });
  }
  return lines;
}

export function HelpOverlay({ width, height, onClose }: { width: number; height: number; onClose: () => void }) {
  const theme = useTheme();
  const lines = helpLines();
  const bodyHeight = Math.max(1, height - 3); // border top/bottom + title
  const maxTop = Math.max(0, lines.length - bodyHeight);
  const [top, setTop] = useState(0);
  const scroll = (to: number) => setTop(Math.max(0, Math.min(maxTop, to)));
  useKeyLayer({
    id: 'help',
    priority: PRIORITY.overlay + 5,
    captureAll: true,
    handlers: {
      'view.close': onClose,
      'app.help': onClose,
      'view.down': () => scroll(top + 1),
      'view.up': () => scroll(top - 1),
      'view.pageDown': () => scroll(top + bodyHeight - 1),
      'view.pageUp': () => scroll(top - bodyHeight + 1),
      'view.top': () => scroll(0),
      'view.bottom': () => scroll(maxTop),
    },
  });
  const keyWidth = Math.min(22, Math.max(...lines.map((l) => l.keys.length)) + 2);
  const shown = lines.slice(top, top + bodyHeight);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.color('accent')} width={width} height={height} paddingX={1}>
      <Text bold wrap="truncate-end">
        Keys {lines.length > bodyHeight ? `(${top + 1}-${Math.min(lines.length, top + bodyHeight)} of ${lines.length}; ↑↓ PgUp PgDn scroll, Esc closes)` : '(Esc closes)'}
      </Text>
      {shown.map((l, i) =>
        l.heading ? (
          <Text key={i} bold color={theme.color('accent')} wrap="truncate-end">{l.text}</Text>
        ) : (
          <Text key={i} wrap="truncate-end">
            <Text bold>{l.keys.padEnd(keyWidth)}</Text>
            {l.text}
          </Text>
        ),
      )}
    </Box>
  );
}
