// Ink delivers a chunk of plain bytes as ONE input event (it only splits at
// escape sequences): keys typed quickly over a slow SSH link, or sent by tmux,
// arrive as "\x7f\x7f\x7f" or "\tabc\r" and would be lost or typed as text.
// The dispatcher feeds such a chunk back to Ink one character per tick, so
// each key is parsed by Ink and sees the state its predecessor produced;
// printable runs that reach a focused text field are fed as one string.
import type { Key } from 'ink';

/** A multi-character event Ink did not recognise as one key. */
export function isPlainChunk(input: string, key: Key): boolean {
  if (input.length <= 1) return false;
  // Any flag means Ink recognised one key (arrow, Alt+x, a known sequence).
  return !Object.entries(key).some(([name, v]) => v === true && name !== 'shift');
}

/** The bytes a terminal sends for this key event (to queue it behind a chunk). */
export function rawOf(input: string, key: Key): string {
  if (key.upArrow) return '\x1b[A';
  if (key.downArrow) return '\x1b[B';
  if (key.rightArrow) return '\x1b[C';
  if (key.leftArrow) return '\x1b[D';
  if (key.pageUp) return '\x1b[5~';
  if (key.pageDown) return '\x1b[6~';
  if (key.home) return '\x1b[H';
  if (key.end) return '\x1b[F';
  if (key.return) return '\r';
  if (key.tab) return key.shift ? '\x1b[Z' : '\t';
  if (key.delete) return '\x1b[3~';
  if (key.backspace) return '\b';
  if (key.escape) return '\x1b';
  if (key.ctrl && /^[a-z]$/.test(input)) return String.fromCharCode(input.charCodeAt(0) - 96);
  if (key.meta && input) return `\x1b${input}`;
  return input;
}

/** The characters of a chunk, each one key. */
export function splitChunk(input: string): string[] {
  return [...input].filter((ch) => ch !== '\x00');
}

/** One queued key that is plain text (no control character, no escape sequence). */
export function isPrintableKey(raw: string): boolean {
  // eslint-disable-next-line no-control-regex
  return raw.length > 0 && !/[\x00-\x1f\x7f]/.test(raw);
}
