// A yes/no question that takes every key until answered: y/Enter confirms,
// n/Esc cancels. Put it wherever it should appear; it is a plain box.
import React, { useId } from 'react';
import { Box, Text } from 'ink';
import { PRIORITY, useKeyLayer } from '../input/key-dispatcher.js';
import { keyHint } from '../input/match-key.js';
import { useTheme } from '../theme.js';

export interface ConfirmDialogProps {
  message: string;
  /** Extra lines under the message (e.g. what will happen). */
  detail?: string;
  onConfirm: () => void;
  onCancel: () => void;
  confirmLabel?: string;
  cancelLabel?: string;
  width?: number;
  /** Danger styling (deletes, resends). */
  danger?: boolean;
}

export function ConfirmDialog({ message, detail, onConfirm, onCancel, confirmLabel = 'Yes', cancelLabel = 'No', width, danger }: ConfirmDialogProps) {
  const id = useId();
  const theme = useTheme();
  useKeyLayer({
    id: `dialog${id}`,
    priority: PRIORITY.dialog,
    captureAll: true,
    handlers: { 'dialog.confirm': onConfirm, 'dialog.cancel': onCancel },
  });
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.color(danger ? 'error' : 'warn')} paddingX={1} width={width}>
      <Text bold wrap="wrap">{message}</Text>
      {detail ? <Text wrap="wrap">{detail}</Text> : null}
      <Text>
        <Text bold>{keyHint('dialog.confirm')}</Text> {confirmLabel}   <Text bold>{keyHint('dialog.cancel')}</Text> {cancelLabel}
      </Text>
    </Box>
  );
}
