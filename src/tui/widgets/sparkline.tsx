// A sparkline of counts per time bucket: ▁▂▃▄▅▆▇█ (a blank for zero, so
// "nothing happened" differs from "a little happened").
import React from 'react';
import { Text } from 'ink';

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** The last `width` values, scaled to the largest of them (or to `max`). */
export function sparklineText(values: readonly number[], width = values.length, max?: number): string {
  const shown = values.slice(Math.max(0, values.length - width));
  const top = max ?? Math.max(0, ...shown);
  return shown
    .map((v) => {
      if (v <= 0 || top <= 0) return ' ';
      const i = Math.min(BLOCKS.length - 1, Math.max(0, Math.ceil((v / top) * BLOCKS.length) - 1));
      return BLOCKS[i];
    })
    .join('');
}

export function Sparkline({ values, width, max, color }: { values: readonly number[]; width?: number; max?: number; color?: string }) {
  return <Text color={color}>{sparklineText(values, width, max)}</Text>;
}
