// How the Log tab's height is shared: the info line, the column titles, the
// rows, whatever is open below the table, a progress line and a status line.
// The frame never grows past `height` (Ink redraws the screen otherwise).
import type { LogMode, LogState } from './log-state.js';

/** Lines taken below the table by a prompt (input + inline error) or a dialog (box). */
export function overlayLines(mode: LogMode): number {
  switch (mode.kind) {
    case 'filter':
    case 'forward':
      return 2;
    case 'confirm-delete':
    case 'confirm-resend':
      return 5;
    default:
      return 0;
  }
}

/** Rows of emails on screen for this total height. */
export function tableRows(s: Pick<LogState, 'mode' | 'jobs'>, height: number): number {
  const fixed = 3; // info line, column titles, status line
  return Math.max(1, height - fixed - (s.jobs.length > 0 ? 1 : 0) - overlayLines(s.mode));
}
