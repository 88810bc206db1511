// A one-line progress bar: "[█████·····] 512/1,234 label".
import React from 'react';
import { Text } from 'ink';
import { useTheme } from '../theme.js';

export function progressBarText(done: number, total: number, width: number): string {
  const ratio = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const filled = Math.round(ratio * width);
  return '█'.repeat(filled) + '·'.repeat(Math.max(0, width - filled));
}

export function ProgressBar({ done, total, width = 20, label }: { done: number; total: number; width?: number; label?: string }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      [<Text color={theme.color('accent')}>{progressBarText(done, total, width)}</Text>] {done.toLocaleString('en-US')}/{total.toLocaleString('en-US')}
      {label ? ` ${label}` : ''}
    </Text>
  );
}
