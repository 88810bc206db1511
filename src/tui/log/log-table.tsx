// The Log grid: the header line, the column titles and the rows on screen,
// one <Text> per row (cells are laid out as text in row-line.ts). Dumb: it
// draws what it is given.
import React, { memo } from 'react';
import { Box, Text } from 'ink';
import type { EmailSummary, SortSpec } from '../../types.js';
import type { ColumnLayout } from './columns.js';
import { headerLine, rowLine } from './row-line.js';

const Row = memo(function Row({ line, cursor }: { line: string; cursor: boolean }) {
  return <Text inverse={cursor} wrap="truncate-end">{line}</Text>;
});

export interface LogTableProps {
  rows: readonly EmailSummary[];
  /** Index in `rows` of the cursor row, or -1. */
  cursor: number;
  selection: ReadonlySet<number>;
  layout: ColumnLayout;
  sort: SortSpec;
  focus: string;
  width: number;
  height: number;
  colors: boolean;
  empty: string;
}

export function LogTable({ rows, cursor, selection, layout, sort, focus, width, height, colors, empty }: LogTableProps) {
  const now = Date.now();
  return (
    <Box flexDirection="column" width={width} height={height + 1}>
      <Text bold wrap="truncate-end">{headerLine(layout, sort, focus)}</Text>
      {rows.length === 0 ? <Text dimColor wrap="truncate-end">  {empty}</Text> : null}
      {rows.map((row, i) => (
        <Row key={row.id} cursor={i === cursor} line={rowLine(row, layout, { selected: selection.has(row.id), cursor: i === cursor, colors, now })} />
      ))}
    </Box>
  );
}
