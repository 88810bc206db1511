// The ids of a `v` range: every row between the anchor (the last row toggled
// with Space) and the cursor, in the current sort order. When the anchor is
// still in the buffer this is a slice; when it scrolled out, the rows are
// walked page by page from the anchor's keyset cursor (bounded).
import type { LogCursor } from '../../types.js';
import type { FetchPage, LogWindow } from './log-window.js';

export const MAX_RANGE = 100_000;
const WALK_PAGE = 1000;

/** Sort order of two keyset cursors (value, then id), for a guess at which way to walk. */
function compareCursors(a: LogCursor, b: LogCursor): number {
  if (a.value !== b.value) return a.value < b.value ? -1 : 1;
  return a.id - b.id;
}

export function rangeIds(w: LogWindow, anchor: { id: number; cursor: LogCursor }, fetch: FetchPage, ascending: boolean): number[] {
  const here = w.rows[w.cursor];
  if (!here) return [];
  const a = w.rows.findIndex((r) => r.id === anchor.id);
  if (a >= 0) {
    const [lo, hi] = a <= w.cursor ? [a, w.cursor] : [w.cursor, a];
    return w.rows.slice(lo, hi + 1).map((r) => r.id);
  }
  // Out of the buffer: the anchor lies before the buffer or after it. Try both ways.
  const first = w.cursors[0];
  const anchorFirst = first !== undefined && (compareCursors(anchor.cursor, first) < 0) === ascending;
  const order = anchorFirst ? (['after', 'before'] as const) : (['before', 'after'] as const);
  for (const direction of order) {
    const ids = [anchor.id];
    let from = anchor.cursor;
    for (;;) {
      const page = fetch(direction === 'after' ? { after: from, limit: WALK_PAGE } : { before: from, limit: WALK_PAGE });
      const rows = direction === 'after' ? page.rows : [...page.rows].reverse();
      const cursors = direction === 'after' ? page.cursors : [...page.cursors].reverse();
      const hit = rows.findIndex((r) => r.id === here.id);
      if (hit >= 0) return ids.concat(rows.slice(0, hit + 1).map((r) => r.id));
      for (const r of rows) ids.push(r.id);
      const more = direction === 'after' ? page.hasMoreAfter : page.hasMoreBefore;
      if (!more || rows.length === 0 || ids.length >= MAX_RANGE) break;
      from = cursors[cursors.length - 1]!;
    }
  }
  // The anchor's row moved away (its sort value changed) or was deleted: just the cursor row.
  return [here.id];
}
