// The Log's column model: what each column shows, how wide it likes to be,
// and how a set of chosen columns is fitted into the terminal width.
import type { EmailSummary, SortColumn } from '../../types.js';
import { formatNextAttempt, formatSize, formatTime } from './format.js';

export interface ColumnDef {
  key: SortColumn;
  title: string;
  /** Header used when the column is narrower than `title`. */
  short: string;
  /** Preferred width (the `=` reset value). */
  width: number;
  /** Narrowest useful width: fitting shrinks to it, `-` stops at it. */
  min: number;
  /** Free text that may be shrunk before fixed-format columns. */
  flex: boolean;
  align: 'left' | 'right';
  /** Fitting a narrow terminal drops low-priority columns first. */
  priority: number;
  /** The cell text (not yet cut to width). */
  cell(row: EmailSummary, width: number, now: number): string;
}

export const MAX_COLUMN_WIDTH = 120;

export const COLUMNS: readonly ColumnDef[] = [
  { key: 'id', title: 'ID', short: 'ID', width: 7, min: 4, flex: false, align: 'right', priority: 10, cell: (r) => String(r.id) },
  { key: 'createdAt', title: 'Created', short: 'Created', width: 16, min: 11, flex: false, align: 'left', priority: 9, cell: (r, w, now) => formatTime(r.createdAt, w, now) },
  { key: 'status', title: 'Status', short: 'Stat', width: 8, min: 8, flex: false, align: 'left', priority: 10, cell: (r) => r.status },
  { key: 'from', title: 'From', short: 'From', width: 22, min: 12, flex: true, align: 'left', priority: 6, cell: (r) => r.from },
  { key: 'fromSource', title: 'From source', short: 'Src', width: 11, min: 8, flex: false, align: 'left', priority: 3, cell: (r) => r.fromSource },
  { key: 'to', title: 'To', short: 'To', width: 24, min: 12, flex: true, align: 'left', priority: 9, cell: (r) => r.to },
  { key: 'cc', title: 'Cc', short: 'Cc', width: 16, min: 8, flex: true, align: 'left', priority: 1, cell: (r) => r.cc },
  { key: 'subject', title: 'Subject', short: 'Subj', width: 30, min: 14, flex: true, align: 'left', priority: 8, cell: (r) => r.subject },
  { key: 'attempts', title: 'Attempts', short: 'Att', width: 4, min: 3, flex: false, align: 'right', priority: 7, cell: (r) => String(r.attempts) },
  { key: 'nextAttemptAt', title: 'Next attempt', short: 'Next', width: 12, min: 6, flex: false, align: 'left', priority: 4, cell: (r, _w, now) => formatNextAttempt(r.nextAttemptAt, now) },
  { key: 'sentAt', title: 'Sent', short: 'Sent', width: 16, min: 11, flex: false, align: 'left', priority: 4, cell: (r, w, now) => formatTime(r.sentAt, w, now) },
  { key: 'lastError', title: 'Last error', short: 'Error', width: 24, min: 12, flex: true, align: 'left', priority: 5, cell: (r) => r.lastError ?? '' },
  { key: 'origin', title: 'Origin', short: 'Orig', width: 10, min: 6, flex: false, align: 'left', priority: 2, cell: (r) => r.origin },
  { key: 'size', title: 'Size', short: 'Size', width: 8, min: 6, flex: false, align: 'right', priority: 2, cell: (r) => formatSize(r.size) },
];

const BY_KEY = new Map<SortColumn, ColumnDef>(COLUMNS.map((c) => [c.key, c]));

export function columnDef(key: SortColumn): ColumnDef {
  const def = BY_KEY.get(key);
  if (!def) throw new Error(`unknown Log column: ${key}`);
  return def;
}

export function isColumnKey(key: unknown): key is SortColumn {
  return typeof key === 'string' && BY_KEY.has(key as SortColumn);
}

/** Shown by default: everything but Cc and Sent (the chooser adds them). */
export const DEFAULT_VISIBLE: readonly SortColumn[] = COLUMNS.map((c) => c.key).filter((k) => k !== 'cc' && k !== 'sentAt');

/** Characters before the first cell: cursor mark, selection mark, a space. */
export const MARK_WIDTH = 3;

export interface PlacedColumn {
  def: ColumnDef;
  width: number;
}

export interface ColumnLayout {
  columns: PlacedColumn[];
  /** Chosen columns that did not fit this width (move the column cursor onto one to bring it in). */
  hidden: SortColumn[];
}

export function preferredWidth(key: SortColumn, widths: Partial<Record<SortColumn, number>>): number {
  const def = columnDef(key);
  const w = widths[key] ?? def.width;
  return Math.max(def.min, Math.min(MAX_COLUMN_WIDTH, Math.round(w)));
}

/** Share of its preferred width a free-text column keeps before columns get dropped. */
const FLEX_KEEP = 0.6;

/**
 * Fit the chosen columns into `width` terminal cells: drop the lowest-priority
 * columns (never the focused one) until the rest fit at a readable width
 * (free text at 60% of preferred, fixed formats at their minimum), shrink
 * the rest proportionally, then give spare room to Subject.
 */
export function layoutColumns(opts: {
  visible: readonly SortColumn[];
  widths: Partial<Record<SortColumn, number>>;
  width: number;
  focus?: SortColumn;
  /** Digits of the largest id on screen: the ID column never cuts an id. */
  idDigits?: number;
}): ColumnLayout {
  const available = Math.max(1, opts.width - MARK_WIDTH);
  const idMin = Math.max(columnDef('id').min, opts.idDigits ?? 0);
  const minOf = (k: SortColumn) => (k === 'id' ? idMin : columnDef(k).min);
  const pref = (k: SortColumn) => (k === 'id' ? Math.max(idMin, preferredWidth(k, opts.widths)) : preferredWidth(k, opts.widths));
  // The focused column keeps the width the user asked for (it is the one being widened).
  const need = (k: SortColumn) => {
    const def = columnDef(k);
    if (k === opts.focus) return Math.min(pref(k), available);
    return def.flex ? Math.min(pref(k), Math.max(def.min, Math.round(pref(k) * FLEX_KEEP))) : Math.min(pref(k), minOf(k));
  };
  const seps = (n: number) => Math.max(0, n - 1);

  const kept = [...opts.visible];
  const hidden: SortColumn[] = [];
  while (kept.length > 1 && kept.reduce((s, k) => s + need(k), 0) + seps(kept.length) > available) {
    let drop = -1;
    for (let i = kept.length - 1; i >= 0; i--) {
      if (kept[i] === opts.focus) continue;
      if (drop < 0 || columnDef(kept[i]!).priority < columnDef(kept[drop]!).priority) drop = i;
    }
    if (drop < 0) break;
    hidden.push(kept[drop]!);
    kept.splice(drop, 1);
  }

  const widths = kept.map(pref);
  const floors = kept.map(need);
  let excess = widths.reduce((s, w) => s + w, 0) + seps(kept.length) - available;
  if (excess > 0) {
    // Shrink every column in proportion to its room above its readable width.
    const room = kept.map((k, i) => (k === opts.focus ? 0 : widths[i]! - floors[i]!));
    const totalRoom = room.reduce((s, r) => s + r, 0);
    if (totalRoom > 0) {
      const cut = Math.min(excess, totalRoom);
      let done = 0;
      kept.forEach((_, i) => {
        const c = Math.floor((cut * room[i]!) / totalRoom);
        widths[i] = widths[i]! - c;
        done += c;
      });
      // Rounding leftovers, one cell at a time from the roomiest column.
      for (let left = cut - done; left > 0; left--) {
        let best = -1;
        kept.forEach((_, i) => { if (widths[i]! > floors[i]! && (best < 0 || widths[i]! - floors[i]! > widths[best]! - floors[best]!)) best = i; });
        if (best < 0) break;
        widths[best] = widths[best]! - 1;
      }
      excess = widths.reduce((s, w) => s + w, 0) + seps(kept.length) - available;
    }
    // Still too wide (a widened focus column, a tiny terminal): down to minimums, focus last.
    const order = kept.map((_, i) => i).sort((a, b) => Number(kept[a] === opts.focus) - Number(kept[b] === opts.focus));
    for (const i of order) {
      if (excess <= 0) break;
      const c = Math.min(excess, widths[i]! - minOf(kept[i]!));
      if (c > 0) {
        widths[i] = widths[i]! - c;
        excess -= c;
      }
    }
    if (excess > 0 && kept.length === 1) widths[0] = available; // a lone column narrower than its minimum
  }
  if (excess < 0) {
    // Spare room goes to a free-text column whose width the user has not set (Subject first).
    const free = kept.map((k) => columnDef(k).flex && opts.widths[k] === undefined);
    const grow = free[kept.indexOf('subject')] ? kept.indexOf('subject') : free.lastIndexOf(true);
    if (grow >= 0) widths[grow] = widths[grow]! - excess;
  }
  return { columns: kept.map((k, i) => ({ def: columnDef(k), width: widths[i]! })), hidden };
}
