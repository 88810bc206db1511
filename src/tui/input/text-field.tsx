// A one-line text field fed by the key dispatcher (no useInput of its own).
//
// Why not ink-text-input: its useInput handler closes over the value and
// cursor of the last render and is re-subscribed in a passive effect, so keys
// that arrive before that effect runs (fast typing, tmux send-keys) edit a
// stale value and characters get lost or land in the wrong place; it also
// types Ctrl-letters as text (Ctrl-S would insert "s"). This field keeps its
// state in a ref updated synchronously per key, so no key is ever lost, and
// its layer accepts text: the dispatcher hands it a pasted run of printable
// characters as one string, inserted in one edit.
//
// It must sit under a layer with captureAll (a prompt or form): it consumes
// printable text and editing keys, and lets Enter, Esc, Tab, ↑ ↓ and Ctrl
// keys fall through to that layer's handlers.
import React, { useId, useReducer, useRef } from 'react';
import { Text, type Key } from 'ink';
import { PRIORITY, useKeyLayer } from './key-dispatcher.js';

export interface TextFieldProps {
  value: string;
  onChange: (value: string) => void;
  focus?: boolean;
  placeholder?: string;
  /** Shown instead of each character (passwords): the characters never reach the screen. */
  mask?: string;
  /** Priority of the field's layer; keep it above the surrounding prompt/form layer. */
  priority?: number;
}

interface FieldState { value: string; cursor: number }

/** Applies one key to the field; undefined when the key is not an editing key. */
export function editField(state: FieldState, input: string, key: Key): FieldState | undefined {
  const { value, cursor } = state;
  if (key.ctrl || key.return || key.escape || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown) return undefined;
  if (key.leftArrow) return { value, cursor: Math.max(0, cursor - 1) };
  if (key.rightArrow) return { value, cursor: Math.min(value.length, cursor + 1) };
  if (key.home) return { value, cursor: 0 };
  if (key.end) return { value, cursor: value.length };
  // Most terminals send DEL for Backspace and Ink calls it 'delete': both erase backwards.
  if (key.backspace || key.delete) {
    if (cursor === 0) return state;
    return { value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1 };
  }
  if (key.meta) return undefined;
  // Printable text (a paste arrives as one string): one line, no control characters.
  const text = input.replace(/[\x00-\x1f\x7f]/g, '');
  if (!text) return undefined;
  return { value: value.slice(0, cursor) + text + value.slice(cursor), cursor: cursor + text.length };
}

export function TextField({ value, onChange, focus = true, placeholder, mask, priority = PRIORITY.prompt + 1 }: TextFieldProps) {
  const id = useId();
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const state = useRef<FieldState>({ value, cursor: value.length });
  const emitted = useRef(value);
  // The owner replaced the value (reset, load): take it, cursor at the end.
  if (value !== emitted.current) {
    state.current = { value, cursor: value.length };
    emitted.current = value;
  }
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useKeyLayer({
    id: `field${id}`,
    priority,
    active: focus,
    acceptsText: true,
    handlers: {},
    onText: (input, key) => {
      const next = editField(state.current, input, key);
      if (!next) return false;
      const changed = next.value !== state.current.value;
      state.current = next;
      rerender();
      if (changed) {
        emitted.current = next.value;
        onChangeRef.current(next.value);
      }
      return true;
    },
  });

  const shown = mask ? mask.repeat(state.current.value.length) : state.current.value;
  if (!focus) {
    return shown ? <Text>{shown}</Text> : <Text dimColor>{placeholder ?? ''}</Text>;
  }
  if (!shown && placeholder) {
    return (
      <Text>
        <Text inverse>{placeholder[0]}</Text>
        <Text dimColor>{placeholder.slice(1)}</Text>
      </Text>
    );
  }
  const c = state.current.cursor;
  return (
    <Text>
      {shown.slice(0, c)}
      <Text inverse>{shown[c] ?? ' '}</Text>
      {shown.slice(c + 1)}
    </Text>
  );
}
