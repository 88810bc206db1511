// Output helpers: JSON, CSV and plain-text tables. Tables fit the terminal
// width when stdout is a terminal (the widest flexible columns are cut with
// "…"); piped output is never truncated, so scripts see whole values.

export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  /** Right-align (numbers). */
  right?: boolean;
  /** May be shortened to fit the terminal. */
  flexible?: boolean;
  /** Never shorter than this when shrinking (default 8). */
  min?: number;
  /** When even the shortest columns do not fit, columns with `drop` are left out, lowest first. */
  drop?: number;
}

export function write(text: string): void {
  process.stdout.write(text);
}

export function line(text = ''): void {
  process.stdout.write(`${text}\n`);
}

/** Width to fit, or undefined when stdout is not a terminal. */
export function terminalWidth(): number | undefined {
  return process.stdout.isTTY ? process.stdout.columns || 80 : undefined;
}

/** One value on one line: control characters (CR, LF, tabs…) become spaces. */
export function oneLine(value: string): string {
  return value.replace(/[\x00-\x1f\x7f]+/g, ' ');
}

function truncate(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 1) return chars.slice(0, width).join('');
  return `${chars.slice(0, width - 1).join('')}…`;
}

function displayLength(text: string): number {
  return [...text].length;
}

/** The columns that fit `width` at their shortest, leaving out droppable ones (lowest `drop` first). */
function columnsThatFit<Row>(rows: Row[], columns: Column<Row>[], width: number): Column<Row>[] {
  const kept = [...columns];
  const shortest = (c: Column<Row>) => {
    const natural = Math.max(displayLength(c.header), ...rows.map((r) => displayLength(oneLine(c.value(r)))));
    return c.flexible ? Math.min(natural, Math.max(c.min ?? 8, displayLength(c.header))) : natural;
  };
  const total = () => kept.reduce((sum, c) => sum + shortest(c), 0) + 2 * (kept.length - 1);
  while (total() > width) {
    const droppable = kept.filter((c) => c.drop !== undefined).sort((a, b) => a.drop! - b.drop!)[0];
    if (!droppable) break;
    kept.splice(kept.indexOf(droppable), 1);
  }
  return kept;
}

/** Renders rows as an aligned table; returns the lines (no trailing newline). */
export function renderTable<Row>(rows: Row[], allColumns: Column<Row>[], width?: number): string[] {
  const columns = width === undefined ? allColumns : columnsThatFit(rows, allColumns, width);
  const cells = rows.map((row) => columns.map((c) => oneLine(c.value(row))));
  const widths = columns.map((c, i) => Math.max(displayLength(c.header), ...cells.map((r) => displayLength(r[i]!))));
  if (width !== undefined) {
    const gap = 2 * (columns.length - 1);
    let total = widths.reduce((a, b) => a + b, 0) + gap;
    // Shrink the widest flexible column one character at a time until it fits.
    while (total > width) {
      let widest = -1;
      for (let i = 0; i < columns.length; i++) {
        const min = columns[i]!.min ?? 8;
        if (columns[i]!.flexible && widths[i]! > min && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
      }
      if (widest < 0) break;
      widths[widest]!--;
      total--;
    }
  }
  const format = (values: string[]) =>
    values
      .map((v, i) => {
        const text = truncate(v, widths[i]!);
        const pad = ' '.repeat(Math.max(0, widths[i]! - displayLength(text)));
        if (i === values.length - 1 && !columns[i]!.right) return text;
        return columns[i]!.right ? pad + text : text + pad;
      })
      .join('  ')
      .trimEnd();
  return [format(columns.map((c) => c.header)), ...cells.map(format)];
}

export function printTable<Row>(rows: Row[], columns: Column<Row>[]): void {
  const lines = renderTable(rows, columns, terminalWidth());
  write(lines.map((l) => `${l}\n`).join(''));
}

/** One CSV field, quoted when needed (RFC 4180). */
export function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvField).join(',')}\n`;
}

export function printJson(value: unknown): void {
  write(`${JSON.stringify(value, null, 2)}\n`);
}

/** ISO 8601 for a millisecond timestamp; null stays null. */
export function iso(ms: number | null | undefined): string | null {
  return ms ? new Date(ms).toISOString() : null;
}

/** "2026-12-03 14:05" in local time, for tables. */
export function shortTime(ms: number | null | undefined): string {
  if (!ms) return '';
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
