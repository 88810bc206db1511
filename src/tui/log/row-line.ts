// One line of text per Log row (and for the column header): the cells are
// cut and padded to the layout here, so the view renders a single <Text> per
// row. Colour, when on, is inline SGR around the status cell only, so the
// cursor row's inverse still spans the whole line.
import type { EmailStatus, EmailSummary, SortSpec } from '../../types.js';
import { MARK_WIDTH, type ColumnLayout } from './columns.js';
import { cleanCell, displayWidth, fit } from './text-width.js';

const STATUS_SGR: Record<EmailStatus, string> = {
  queued: '\x1b[33m', // yellow
  sending: '\x1b[36m', // cyan
  sent: '\x1b[32m', // green
  deferred: '\x1b[35m', // magenta
  failed: '\x1b[31m', // red
};
const FG_RESET = '\x1b[39m';
const UNDERLINE = '\x1b[4m';
const UNDERLINE_OFF = '\x1b[24m';

// ASCII on purpose: Ink measures and re-tokenizes every line of every frame,
// and a line of printable ASCII takes string-width's fast path.
export const SELECTED_MARK = '*';
export const CURSOR_MARK = '>';

/**
 * A row: the cursor mark and the selection mark (visible without colour or
 * inverse video: NO_COLOR terminals, screen readers, logs), then the cells.
 * Trailing blanks are dropped except on the cursor row, whose inverse video
 * spans the full width (fewer characters for Ink to lay out every frame).
 */
export function rowLine(row: EmailSummary, layout: ColumnLayout, opts: { selected: boolean; cursor: boolean; colors: boolean; now: number }): string {
  let line = (opts.cursor ? CURSOR_MARK : ' ') + (opts.selected ? SELECTED_MARK : ' ') + ' ';
  layout.columns.forEach(({ def, width }, i) => {
    if (i > 0) line += ' ';
    const cell = fit(cleanCell(def.cell(row, width, opts.now)), width, def.align);
    line += opts.colors && def.key === 'status' ? STATUS_SGR[row.status] + cell + FG_RESET : cell;
  });
  return opts.cursor ? line : line.trimEnd();
}

/**
 * The column titles: the sorted column carries ▲/▼, the column cursor is
 * underlined (not a colour, so it stays with NO_COLOR).
 */
export function headerLine(layout: ColumnLayout, sort: SortSpec, focus: string): string {
  let line = ' '.repeat(MARK_WIDTH);
  layout.columns.forEach(({ def, width }, i) => {
    if (i > 0) line += ' ';
    const arrow = def.key === sort.column ? (sort.direction === 'asc' ? '▲' : '▼') : '';
    const room = width - displayWidth(arrow);
    const title = displayWidth(def.title) <= room ? def.title : def.short;
    const cell = fit(title + arrow, width, def.align);
    line += def.key === focus ? UNDERLINE + cell + UNDERLINE_OFF : cell;
  });
  return line;
}
