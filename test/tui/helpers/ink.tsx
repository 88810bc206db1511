// Rendering console components in tests: the providers the app puts around
// them, a fixed size, and polling for frames (keys written before a
// component subscribes are lost, so always wait for the frame you expect).
import React from 'react';
import { render } from 'ink-testing-library';
import { KeyDispatcherProvider } from '../../../src/tui/input/key-dispatcher.js';
import { ThemeProvider } from '../../../src/tui/theme.js';

export type Rendered = ReturnType<typeof render>;

export function renderWithProviders(node: React.ReactElement, { colors = false } = {}): Rendered {
  return render(
    <ThemeProvider colors={colors}>
      <KeyDispatcherProvider>{node}</KeyDispatcherProvider>
    </ThemeProvider>,
  );
}

export const KEYS = {
  up: '\x1b[A', down: '\x1b[B', right: '\x1b[C', left: '\x1b[D',
  pageUp: '\x1b[5~', pageDown: '\x1b[6~', home: '\x1b[H', end: '\x1b[F',
  enter: '\r', escape: '\x1b', tab: '\t', shiftTab: '\x1b[Z', space: ' ',
  delete: '\x1b[3~', backspace: '\x7f', ctrlC: '\x03', ctrlL: '\x0c', ctrlS: '\x13',
} as const;

/**
 * How long a wait may take before the test fails. A generous ceiling, not a
 * timing claim: the suite runs two test files at once on a loaded 2-core
 * machine, and every wait returns as soon as its condition holds.
 */
export const WAIT_MS = 30_000;

/** Polls lastFrame() until `test` passes; throws with the last frame otherwise. */
export async function waitForFrame(r: Rendered, test: (frame: string) => boolean, timeoutMs = WAIT_MS, what = 'frame'): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = r.lastFrame() ?? '';
    if (test(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${frame}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

export function waitForText(r: Rendered, text: string | RegExp, timeoutMs?: number): Promise<string> {
  return waitForFrame(r, (f) => (typeof text === 'string' ? f.includes(text) : text.test(f)), timeoutMs, String(text));
}

/** Two setImmediate turns: enough for a key to be handled and state to settle. */
export async function tick(): Promise<void> {
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
}

/** Writes keys one at a time, letting each be handled before the next. */
export async function press(r: Rendered, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    r.stdin.write(k);
    await tick();
  }
}

/** Types text one character at a time (as a person would). */
export async function type(r: Rendered, text: string): Promise<void> {
  for (const ch of text) {
    r.stdin.write(ch);
    await tick();
  }
}
