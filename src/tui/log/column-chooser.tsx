// The column chooser (`c`): every Log column with a check box; Space/Enter
// shows or hides the one under the cursor. Drawn in place of the table rows.
import React from 'react';
import { Box, Text } from 'ink';
import type { SortColumn } from '../../types.js';
import { PRIORITY, useKeyLayer } from '../input/key-dispatcher.js';
import { COLUMNS } from './columns.js';
import { fit } from './text-width.js';

export interface ColumnChooserProps {
  visible: readonly SortColumn[];
  /** Chosen columns that do not fit the current width. */
  hidden: readonly SortColumn[];
  index: number;
  width: number;
  height: number;
  active: boolean;
  onDown: () => void;
  onUp: () => void;
  onToggle: () => void;
  onClose: () => void;
}

export function ColumnChooser({ visible, hidden, index, width, height, active, onDown, onUp, onToggle, onClose }: ColumnChooserProps) {
  useKeyLayer({
    id: 'log-column-chooser',
    priority: PRIORITY.overlay,
    active,
    captureAll: true,
    handlers: { 'chooser.down': onDown, 'chooser.up': onUp, 'chooser.toggle': onToggle, 'chooser.close': onClose },
  });
  const listHeight = Math.max(1, height - 1);
  const first = Math.max(0, Math.min(index - Math.floor(listHeight / 2), COLUMNS.length - listHeight));
  const shown = COLUMNS.slice(first, first + listHeight);
  const w = Math.min(width, 48);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">Columns — Space/Enter show or hide · Esc/c close</Text>
      {shown.map((c, i) => {
        const on = visible.includes(c.key);
        const note = on && hidden.includes(c.key) ? '  (no room: ← → in the table)' : '';
        return (
          <Text key={c.key} inverse={first + i === index} wrap="truncate-end">
            {fit(`${on ? '[x]' : '[ ]'} ${c.title}${note}`, w)}
          </Text>
        );
      })}
    </Box>
  );
}
