// The Log's visible window over a table that may hold millions of rows.
// Only a small buffer of rows around the viewport is ever held; moving past
// its edge fetches the next page by keyset cursor (`after` / `before`),
// `G` fetches the last page (`fromEnd`). Every function here is pure apart
// from calling the synchronous `fetch` it is given, so the paging rules can
// be tested without rendering.
import type { EmailSummary, LogCursor, LogPage, LogQuery } from '../../types.js';

/** listEmails with the view's filter and sort already applied. */
export type FetchPage = (query: Pick<LogQuery, 'limit' | 'after' | 'before' | 'fromEnd'>) => LogPage;

export interface LogWindow {
  rows: EmailSummary[];
  cursors: LogCursor[];
  hasMoreBefore: boolean;
  hasMoreAfter: boolean;
  /** Index in `rows` of the first row on screen. */
  top: number;
  /** Index in `rows` of the cursor row (-1 when empty). */
  cursor: number;
  /** Position of rows[0] in the whole sorted Log, when known (counted from the top). */
  offset: number | null;
  /** Rows on screen. */
  height: number;
}

export const EMPTY_WINDOW: LogWindow = {
  rows: [], cursors: [], hasMoreBefore: false, hasMoreAfter: false, top: 0, cursor: -1, offset: 0, height: 1,
};

/** Rows fetched at a time, and kept beyond each edge of the screen. */
export function chunkSize(height: number): number {
  return Math.max(64, height * 2);
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

function fromPage(page: LogPage, height: number, offset: number | null): LogWindow {
  return { ...page, rows: page.rows, cursors: page.cursors, top: 0, cursor: page.rows.length ? 0 : -1, offset, height };
}

/** The first rows of the sorted Log (g, and after a sort or filter change). */
export function loadTop(fetch: FetchPage, height: number): LogWindow {
  return fromPage(fetch({ limit: chunkSize(height) }), height, 0);
}

/** The last rows of the sorted Log, cursor on the very last one (G). */
export function loadBottom(fetch: FetchPage, height: number): LogWindow {
  const page = fetch({ fromEnd: true, limit: chunkSize(height) });
  const w = fromPage(page, height, page.hasMoreBefore ? null : 0);
  const last = w.rows.length - 1;
  return { ...w, cursor: last, top: Math.max(0, last - height + 1) };
}

/** Append/prepend pages until index `target` is inside the buffer or the Log ends. Returns the shifted target. */
function ensureLoaded(w: LogWindow, target: number, fetch: FetchPage): { w: LogWindow; target: number } {
  let out = w;
  const chunk = chunkSize(w.height);
  while (target >= out.rows.length && out.hasMoreAfter && out.cursors.length > 0) {
    const page = fetch({ after: out.cursors[out.cursors.length - 1], limit: Math.max(chunk, target - out.rows.length + 1) });
    out = {
      ...out,
      rows: out.rows.concat(page.rows),
      cursors: out.cursors.concat(page.cursors),
      hasMoreAfter: page.hasMoreAfter && page.rows.length > 0,
    };
  }
  while (target < 0 && out.hasMoreBefore && out.cursors.length > 0) {
    const page = fetch({ before: out.cursors[0], limit: Math.max(chunk, -target) });
    const n = page.rows.length;
    out = {
      ...out,
      rows: page.rows.concat(out.rows),
      cursors: page.cursors.concat(out.cursors),
      hasMoreBefore: page.hasMoreBefore && n > 0,
      top: out.top + n,
      cursor: out.cursor + n,
      offset: out.offset === null ? null : out.offset - n,
    };
    target += n;
    if (n === 0) break;
  }
  if (!out.hasMoreBefore && out.offset === null) out = { ...out, offset: 0 };
  return { w: out, target };
}

/** Drop rows far from the screen so memory stays flat however far one scrolls. */
function trim(w: LogWindow): LogWindow {
  const keep = chunkSize(w.height);
  const start = Math.max(0, w.top - keep);
  const end = Math.min(w.rows.length, w.top + w.height + keep);
  if (start === 0 && end === w.rows.length) return w;
  return {
    ...w,
    rows: w.rows.slice(start, end),
    cursors: w.cursors.slice(start, end),
    hasMoreBefore: w.hasMoreBefore || start > 0,
    hasMoreAfter: w.hasMoreAfter || end < w.rows.length,
    top: w.top - start,
    cursor: w.cursor - start,
    offset: w.offset === null ? null : w.offset + start,
  };
}

/** Keep the cursor on screen, and the screen full when the Log's end is reached. */
function settle(w: LogWindow): LogWindow {
  if (w.rows.length === 0) return { ...w, cursor: -1, top: 0 };
  const cursor = clamp(w.cursor, 0, w.rows.length - 1);
  let top = clamp(w.top, cursor - w.height + 1, cursor);
  if (!w.hasMoreAfter) top = Math.min(top, Math.max(0, w.rows.length - w.height));
  return trim({ ...w, cursor, top: Math.max(0, top) });
}

/** Move the cursor by `delta` rows (↑ ↓), fetching across the buffer's edge. */
export function moveBy(w: LogWindow, delta: number, fetch: FetchPage): LogWindow {
  if (w.rows.length === 0) return w;
  const { w: loaded, target } = ensureLoaded(w, w.cursor + delta, fetch);
  return settle({ ...loaded, cursor: target });
}

/** Page by `pages` screens (PgUp PgDn): the screen scrolls and the cursor keeps its row on it. */
export function pageBy(w: LogWindow, pages: number, fetch: FetchPage): LogWindow {
  if (w.rows.length === 0) return w;
  const delta = pages * w.height;
  const need = pages > 0 ? w.top + delta + w.height - 1 : w.top + delta;
  // ensureLoaded shifts indices when it prepends: move from the shifted window.
  const { w: loaded } = ensureLoaded(w, need, fetch);
  return settle({ ...loaded, top: Math.max(0, loaded.top + delta), cursor: loaded.cursor + delta });
}

/** A new screen height (terminal resize). */
export function resize(w: LogWindow, height: number): LogWindow {
  return settle({ ...w, height: Math.max(1, height) });
}

/**
 * Re-read the rows on screen after the Log changed (live refresh), keeping
 * the cursor on the same email when it is still in view. At the head of the
 * Log the screen stays at the head, so new mail appears on top.
 */
export function refresh(w: LogWindow, fetch: FetchPage): LogWindow {
  const keepId = w.rows[w.cursor]?.id;
  const screenRow = Math.max(0, w.cursor - w.top);
  const atHead = w.top === 0 && !w.hasMoreBefore;
  const fromHead = (): LogWindow =>
    fromPage(fetch({ limit: Math.max(chunkSize(w.height), w.top + w.height + chunkSize(w.height)) }), w.height, 0);
  let next: LogWindow | undefined;
  let anchorTop = 0;
  if (!atHead && w.rows.length > 0) {
    const before = fetch({ before: w.cursors[w.top], limit: chunkSize(w.height) });
    if (before.rows.length > 0) {
      const after = fetch({ after: before.cursors[before.cursors.length - 1], limit: w.height + chunkSize(w.height) });
      anchorTop = before.rows.length;
      next = {
        rows: before.rows.concat(after.rows),
        cursors: before.cursors.concat(after.cursors),
        hasMoreBefore: before.hasMoreBefore,
        hasMoreAfter: after.hasMoreAfter,
        top: anchorTop,
        cursor: anchorTop,
        offset: before.hasMoreBefore ? null : 0,
        height: w.height,
      };
    }
  }
  next ??= fromHead();
  const found = keepId === undefined ? -1 : next.rows.findIndex((r) => r.id === keepId);
  if (found >= 0) {
    const top = atHead ? 0 : found - screenRow;
    return settle({ ...next, cursor: found, top: Math.max(0, top) });
  }
  return settle({ ...next, top: anchorTop, cursor: anchorTop + screenRow });
}

/** Position (0-based) of the cursor row in the whole sorted Log, when it can be known. */
export function cursorPosition(w: LogWindow, total: number | null): number | null {
  if (w.cursor < 0) return null;
  if (w.offset !== null) return w.offset + w.cursor;
  if (!w.hasMoreAfter && total !== null) return total - (w.rows.length - w.cursor);
  return null;
}

/** The rows on screen. */
export function visibleRows(w: LogWindow): EmailSummary[] {
  return w.rows.slice(w.top, w.top + w.height);
}
