// Everything the Log tab knows, and the pure reducer that changes it. The
// rows on screen live in `window` (log-window.ts pages them); this file
// holds the rest: the persisted view, column cursor, selection, what is
// open on top of the table, running batch jobs and the last notice.
import type { LogCursor, SortColumn } from '../../types.js';
import { COLUMNS, MAX_COLUMN_WIDTH, columnDef, preferredWidth } from './columns.js';
import { EMPTY_WINDOW, type LogWindow } from './log-window.js';
import { initialDirection, type LogViewSettings } from './view-settings.js';

export type LogMode =
  | { kind: 'table' }
  | { kind: 'filter' }
  | { kind: 'chooser'; index: number }
  | { kind: 'view'; id: number }
  | { kind: 'confirm-delete'; ids: number[] }
  /** Send Now where some rows were already sent/failed: ask before resending them. */
  | { kind: 'confirm-resend'; ids: number[]; already: number }
  | { kind: 'forward'; ids: number[] };

export interface Job {
  id: number;
  label: string;
  done: number;
  total: number;
}

export interface Notice {
  text: string;
  tone: 'ok' | 'warn' | 'error';
}

export interface LogState {
  view: LogViewSettings;
  /** The column cursor (← →): a column key, so it survives column changes. */
  focus: SortColumn;
  window: LogWindow;
  selection: ReadonlySet<number>;
  /** The row last toggled with Space: one end of a `v` range. */
  anchor: { id: number; cursor: LogCursor } | null;
  /** Rows matching the filter; null until counted (counting is lazy). */
  total: number | null;
  /** Why the applied filter could not be used (e.g. a stored filter that no longer parses). */
  filterError: string | null;
  mode: LogMode;
  jobs: Job[];
  notice: Notice | null;
}

export type LogAction =
  | { type: 'window'; window: LogWindow }
  | { type: 'focus-move'; delta: number }
  | { type: 'sort-focused' }
  | { type: 'reverse' }
  | { type: 'width'; delta: number }
  | { type: 'reset-width' }
  | { type: 'chooser-move'; delta: number }
  | { type: 'chooser-toggle' }
  | { type: 'set-filter'; filter: string }
  | { type: 'filter-error'; message: string | null }
  | { type: 'toggle-row' }
  | { type: 'select'; ids: readonly number[] }
  | { type: 'clear-selection' }
  | { type: 'unselect'; ids: readonly number[] }
  | { type: 'mode'; mode: LogMode }
  | { type: 'total'; total: number | null }
  | { type: 'job-start'; job: Job }
  | { type: 'job-progress'; id: number; done: number; total: number }
  | { type: 'job-end'; id: number }
  | { type: 'notice'; notice: Notice | null };

export function initialLogState(view: LogViewSettings): LogState {
  return {
    view,
    focus: view.sort.column && view.columns.includes(view.sort.column) ? view.sort.column : view.columns[0]!,
    window: EMPTY_WINDOW,
    selection: new Set(),
    anchor: null,
    total: null,
    filterError: null,
    mode: { kind: 'table' },
    jobs: [],
    notice: null,
  };
}

const WIDTH_STEP = 2;

export function logReducer(state: LogState, action: LogAction): LogState {
  const { view } = state;
  switch (action.type) {
    case 'window':
      return { ...state, window: action.window };
    case 'focus-move': {
      const i = Math.max(0, view.columns.indexOf(state.focus));
      const next = Math.max(0, Math.min(view.columns.length - 1, i + action.delta));
      return { ...state, focus: view.columns[next]! };
    }
    case 'sort-focused': {
      const sort = view.sort.column === state.focus
        ? { column: state.focus, direction: view.sort.direction === 'asc' ? 'desc' as const : 'asc' as const }
        : { column: state.focus, direction: initialDirection(state.focus) };
      return { ...state, view: { ...view, sort }, anchor: null };
    }
    case 'reverse':
      return { ...state, view: { ...view, sort: { ...view.sort, direction: view.sort.direction === 'asc' ? 'desc' : 'asc' } }, anchor: null };
    case 'width': {
      const def = columnDef(state.focus);
      const w = Math.max(def.min, Math.min(MAX_COLUMN_WIDTH, preferredWidth(state.focus, view.widths) + action.delta * WIDTH_STEP));
      return { ...state, view: { ...view, widths: { ...view.widths, [state.focus]: w } } };
    }
    case 'reset-width': {
      const widths = { ...view.widths };
      delete widths[state.focus];
      return { ...state, view: { ...view, widths } };
    }
    case 'chooser-move': {
      if (state.mode.kind !== 'chooser') return state;
      const index = Math.max(0, Math.min(COLUMNS.length - 1, state.mode.index + action.delta));
      return { ...state, mode: { kind: 'chooser', index } };
    }
    case 'chooser-toggle': {
      if (state.mode.kind !== 'chooser') return state;
      const key = COLUMNS[state.mode.index]!.key;
      const shown = view.columns.includes(key);
      if (shown && view.columns.length === 1) {
        return { ...state, notice: { text: 'At least one column stays visible', tone: 'warn' } };
      }
      // Columns keep the canonical order of COLUMNS however they were chosen.
      const columns = shown ? view.columns.filter((k) => k !== key) : COLUMNS.map((c) => c.key).filter((k) => k === key || view.columns.includes(k));
      const focus = columns.includes(state.focus) ? state.focus : columns[0]!;
      return { ...state, focus, view: { ...view, columns } };
    }
    case 'set-filter':
      return { ...state, view: { ...view, filter: action.filter }, total: null, filterError: null, anchor: null };
    case 'filter-error':
      return { ...state, filterError: action.message };
    case 'toggle-row': {
      const w = state.window;
      const row = w.rows[w.cursor];
      if (!row) return state;
      const selection = new Set(state.selection);
      if (selection.has(row.id)) selection.delete(row.id);
      else selection.add(row.id);
      return { ...state, selection, anchor: { id: row.id, cursor: w.cursors[w.cursor]! } };
    }
    case 'select': {
      const selection = new Set(state.selection);
      for (const id of action.ids) selection.add(id);
      return { ...state, selection };
    }
    case 'unselect': {
      if (!action.ids.some((id) => state.selection.has(id))) return state;
      const selection = new Set(state.selection);
      for (const id of action.ids) selection.delete(id);
      return { ...state, selection };
    }
    case 'clear-selection':
      return { ...state, selection: new Set(), anchor: null };
    case 'mode':
      return { ...state, mode: action.mode };
    case 'total':
      return { ...state, total: action.total };
    case 'job-start':
      return { ...state, jobs: [...state.jobs, action.job] };
    case 'job-progress':
      return { ...state, jobs: state.jobs.map((j) => (j.id === action.id ? { ...j, done: action.done, total: action.total } : j)) };
    case 'job-end':
      return { ...state, jobs: state.jobs.filter((j) => j.id !== action.id) };
    case 'notice':
      return { ...state, notice: action.notice };
  }
}

/** The ids an action applies to: the selection, else the cursor row. */
export function targetIds(state: LogState): number[] {
  if (state.selection.size > 0) return [...state.selection];
  const row = state.window.rows[state.window.cursor];
  return row ? [row.id] : [];
}
