// The email view (Enter on a Log row): a scrolling page of lines; only the
// lines on screen are rendered.
import React from 'react';
import { Box, Text } from 'ink';
import type { Outbound } from '../../types.js';
import { PRIORITY, useKeyLayer } from '../input/key-dispatcher.js';
import { useTheme } from '../theme.js';
import { useEmailView } from './use-email-view.js';

export interface EmailViewProps {
  outbound: Outbound;
  id: number;
  width: number;
  height: number;
  active: boolean;
  onClose: () => void;
}

export function EmailView({ outbound, id, width, height, active, onClose }: EmailViewProps) {
  const theme = useTheme();
  const bodyHeight = Math.max(1, height - 1);
  const view = useEmailView(outbound, id, width, bodyHeight);
  const page = Math.max(1, bodyHeight - 1);
  useKeyLayer({
    id: `log-email-view-${id}`,
    priority: PRIORITY.overlay,
    active,
    handlers: {
      'view.raw': view.toggleRaw,
      'view.close': onClose,
      'view.down': () => view.scroll(1),
      'view.up': () => view.scroll(-1),
      'view.pageDown': () => view.scroll(page),
      'view.pageUp': () => view.scroll(-page),
      'view.top': view.toTop,
      'view.bottom': view.toBottom,
    },
  });
  const { lines, top, raw } = view.state;
  const shown = lines.slice(top, top + bodyHeight);
  const end = Math.min(lines.length, top + bodyHeight);
  const title = `Email ${id}${raw ? ' — raw message' : ''}   lines ${lines.length ? top + 1 : 0}–${end} of ${lines.length}   r ${raw ? 'summary' : 'raw'} · ↑↓ PgUp PgDn g G scroll · Esc/q close`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold color={theme.color('accent')} wrap="truncate-end">{title}</Text>
      {shown.map((line, i) => (
        <Text key={top + i} wrap="truncate-end" color={view.state.error ? theme.color('error') : undefined}>{line || ' '}</Text>
      ))}
    </Box>
  );
}
