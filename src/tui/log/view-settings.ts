// The part of the Log view that persists per database (outbound.getUiState /
// setUiState, key 'log.view'): chosen columns, widths, sort and filter.
// Anything unreadable in the stored value falls back to the default, so an
// older or hand-edited value never breaks the console.
import type { SortColumn, SortSpec } from '../../types.js';
import { DEFAULT_VISIBLE, MAX_COLUMN_WIDTH, columnDef, isColumnKey } from './columns.js';

export const VIEW_STATE_KEY = 'log.view';

export interface LogViewSettings {
  columns: SortColumn[];
  widths: Partial<Record<SortColumn, number>>;
  sort: SortSpec;
  filter: string;
}

export const DEFAULT_SORT: SortSpec = { column: 'createdAt', direction: 'desc' };

export function defaultViewSettings(): LogViewSettings {
  return { columns: [...DEFAULT_VISIBLE], widths: {}, sort: { ...DEFAULT_SORT }, filter: '' };
}

export function readViewSettings(stored: unknown): LogViewSettings {
  const view = defaultViewSettings();
  if (!stored || typeof stored !== 'object') return view;
  const s = stored as Record<string, unknown>;
  if (Array.isArray(s.columns)) {
    const cols = [...new Set(s.columns.filter(isColumnKey))];
    if (cols.length > 0) view.columns = cols;
  }
  if (s.widths && typeof s.widths === 'object') {
    for (const [k, v] of Object.entries(s.widths as Record<string, unknown>)) {
      if (isColumnKey(k) && typeof v === 'number' && Number.isFinite(v)) {
        view.widths[k] = Math.max(columnDef(k).min, Math.min(MAX_COLUMN_WIDTH, Math.round(v)));
      }
    }
  }
  if (s.sort && typeof s.sort === 'object') {
    const sort = s.sort as Record<string, unknown>;
    if (isColumnKey(sort.column) && (sort.direction === 'asc' || sort.direction === 'desc')) {
      view.sort = { column: sort.column, direction: sort.direction };
    }
  }
  if (typeof s.filter === 'string') view.filter = s.filter;
  return view;
}

/** The direction a column sorts in when first chosen: newest/largest first for times and counts. */
export function initialDirection(column: SortColumn): 'asc' | 'desc' {
  return ['createdAt', 'sentAt', 'attempts', 'size', 'id'].includes(column) ? 'desc' : 'asc';
}
