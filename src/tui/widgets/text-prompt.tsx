// A one-line text question (filter, forward address): Enter accepts after
// `validate` passes (else the error shows inline), Esc cancels. While it is
// open it takes every key, so table and global keys don't fire while typing.
import React, { useId, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { PRIORITY, useKeyLayer } from '../input/key-dispatcher.js';
import { TextField } from '../input/text-field.js';
import { useTheme } from '../theme.js';

export interface TextPromptProps {
  label: string;
  initialValue?: string;
  placeholder?: string;
  /** Return an error message to refuse the value (shown inline), or undefined. */
  validate?: (value: string) => string | undefined;
  /** Also validate while typing (for cheap checks such as a filter's syntax). */
  validateWhileTyping?: boolean;
  onSubmit: (value: string) => void;
  onCancel: () => void;
  onChange?: (value: string) => void;
  mask?: string;
  width?: number;
}

export function TextPrompt({ label, initialValue = '', placeholder, validate, validateWhileTyping, onSubmit, onCancel, onChange, mask, width }: TextPromptProps) {
  const id = useId();
  const theme = useTheme();
  const [value, setValue] = useState(initialValue);
  // Keys can arrive faster than renders: Enter must see the latest text.
  const latest = useRef(initialValue);
  const [error, setError] = useState<string | undefined>(undefined);
  const check = (v: string): string | undefined => {
    try {
      return validate?.(v);
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  };
  useKeyLayer({
    id: `prompt${id}`,
    priority: PRIORITY.prompt,
    captureAll: true,
    handlers: {
      'prompt.submit': () => {
        const problem = check(latest.current);
        setError(problem);
        if (!problem) onSubmit(latest.current);
      },
      'prompt.cancel': onCancel,
    },
  });
  return (
    <Box flexDirection="column" width={width}>
      <Box>
        <Text bold>{label} </Text>
        <TextField
          value={value}
          placeholder={placeholder}
          mask={mask}
          onChange={(v) => {
            latest.current = v;
            setValue(v);
            onChange?.(v);
            if (validateWhileTyping) setError(check(v));
            else if (error) setError(undefined);
          }}
        />
      </Box>
      {error ? <Text color={theme.color('error')} wrap="truncate-end">✗ {error}</Text> : null}
    </Box>
  );
}
