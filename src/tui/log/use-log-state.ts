// The Log tab's state hook: holds LogState, turns commands into reducer
// actions plus calls on the `Outbound` (the only thing the console talks to),
// keeps the table live on outbound.onChange, counts lazily and persists the
// view. Key handling is elsewhere (use-log-input.ts); rendering too.
//
// The current state lives in a ref as well as in React state: better-sqlite3
// is synchronous, so a command reads the latest state, fetches and commits at
// once, and a second key arriving before React re-renders sees the first's
// result instead of a stale copy.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FilterError } from '../../errors.js';
import type { EmailStatus, Outbound } from '../../types.js';
import { COLUMNS, layoutColumns, type ColumnLayout } from './columns.js';
import { plural } from './format.js';
import { type LogAction, type LogMode, type LogState, initialLogState, logReducer, targetIds } from './log-state.js';
import { type FetchPage, type LogWindow, EMPTY_WINDOW, loadBottom, loadTop, moveBy, pageBy, refresh, resize } from './log-window.js';
import { rangeIds } from './range.js';
import { tableRows } from './tab-layout.js';
import { VIEW_STATE_KEY, readViewSettings, type LogViewSettings } from './view-settings.js';

/** How often at most the table re-reads itself after outbound.onChange. */
const REFRESH_MS = 250;
/** Above this many selected rows whose status is not on screen, Send Now asks after trying (see sendNow). */
const STATUS_LOOKUP_MAX = 1000;
const SELECT_ALL_MAX = 100_000;

export interface LogCommands {
  down(): void; up(): void; pageDown(): void; pageUp(): void; top(): void; bottom(): void;
  toggleRow(): void; rangeSelect(): void; selectAll(): void; clearSelection(): void;
  view(): void; closeView(): void;
  sendNow(): void; confirmResend(): void; declineResend(): void;
  forward(): void; submitForward(address: string): void;
  delete(): void; confirmDelete(): void;
  cancel(): void;
  colLeft(): void; colRight(): void; sort(): void; reverse(): void;
  filter(): void; applyFilter(filter: string): void; clearFilter(): void; checkFilter(filter: string): string | undefined;
  columns(): void; chooserDown(): void; chooserUp(): void; chooserToggle(): void;
  widen(): void; narrow(): void; resetWidth(): void;
}

export interface LogController {
  state: LogState;
  layout: ColumnLayout;
  commands: LogCommands;
  /** Rows of emails on screen now. */
  rowsHeight: number;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function fetcherFor(outbound: Outbound, view: LogViewSettings): FetchPage {
  const filter = view.filter.trim() || undefined;
  return (q) => outbound.listEmails({ ...q, filter, sort: view.sort });
}

/** Re-page the window with the view's filter and sort; a filter that fails leaves an empty table and says why. */
function withWindow(outbound: Outbound, s: LogState, page: (fetch: FetchPage) => LogWindow): LogState {
  try {
    const window = page(fetcherFor(outbound, s.view));
    // A window holding every matching row is its own count: no counting query needed.
    const complete = !window.hasMoreBefore && !window.hasMoreAfter;
    const total = complete ? window.rows.length : s.total;
    return s.filterError || total !== s.total ? { ...s, window, filterError: null, total } : { ...s, window };
  } catch (err) {
    if (err instanceof FilterError) return { ...s, window: { ...EMPTY_WINDOW, height: s.window.height }, filterError: err.message, total: 0 };
    return { ...s, notice: { text: message(err), tone: 'error' } };
  }
}

export function useLogState({ outbound, width, height, active }: { outbound: Outbound; width: number; height: number; active: boolean }): LogController {
  const [state, setState] = useState<LogState>(() => {
    let stored: unknown;
    try {
      stored = outbound.getUiState(VIEW_STATE_KEY);
    } catch {
      stored = undefined; // an unreadable stored view is not worth failing the console for
    }
    const initial = initialLogState(readViewSettings(stored));
    return withWindow(outbound, initial, (f) => loadTop(f, tableRows(initial, height)));
  });
  const rowsHeight = tableRows(state, height);
  const ref = useRef(state);
  const mounted = useRef(true);
  const activeRef = useRef(active);
  activeRef.current = active;

  const heightRef = useRef(height);
  heightRef.current = height;
  const commit = useCallback((proposed: LogState) => {
    if (proposed === ref.current || !mounted.current) return;
    // Opening a dialog or a progress line takes rows from the table: resize in the same commit.
    const rows = tableRows(proposed, heightRef.current);
    const next = rows === proposed.window.height ? proposed : { ...proposed, window: resize(proposed.window, rows) };
    ref.current = next;
    setState(next);
  }, []);
  const dispatch = useCallback((action: LogAction) => commit(logReducer(ref.current, action)), [commit]);
  const notice = useCallback((text: string, tone: 'ok' | 'warn' | 'error' = 'ok') => dispatch({ type: 'notice', notice: { text, tone } }), [dispatch]);
  const page = useCallback((fn: (w: LogWindow, fetch: FetchPage) => LogWindow) => {
    const s = ref.current;
    commit(withWindow(outbound, s, (f) => fn(s.window, f)));
  }, [commit, outbound]);

  // ---- counting: lazy, after the page is on screen, never in the key path --------
  const countTimer = useRef<NodeJS.Timeout | null>(null);
  const lastCount = useRef({ at: 0, tookMs: 0 });
  const scheduleCount = useCallback((soon: boolean) => {
    if (countTimer.current) return;
    // A slow count (a text filter over a huge Log) is repeated rarely while mail flows.
    const spacing = soon ? 0 : Math.max(500, lastCount.current.tookMs * 20);
    const wait = Math.max(soon ? 20 : 0, lastCount.current.at + spacing - Date.now());
    countTimer.current = setTimeout(() => {
      countTimer.current = null;
      const s = ref.current;
      if (s.filterError) return;
      if (!s.window.hasMoreBefore && !s.window.hasMoreAfter) return; // the window is the whole result
      const started = Date.now();
      try {
        const total = outbound.countEmails(s.view.filter.trim() || undefined);
        lastCount.current = { at: Date.now(), tookMs: Date.now() - started };
        if (ref.current.view.filter === s.view.filter) dispatch({ type: 'total', total });
      } catch (err) {
        if (!(err instanceof FilterError)) notice(message(err), 'error');
      }
    }, wait);
  }, [dispatch, notice, outbound]);

  // ---- live refresh ----------------------------------------------------------------
  const refreshTimer = useRef<NodeJS.Timeout | null>(null);
  const dirty = useRef(false);
  const refreshNow = useCallback(() => {
    dirty.current = false;
    page((w, f) => refresh(w, f));
    scheduleCount(false);
  }, [page, scheduleCount]);
  useEffect(() => {
    const off = outbound.onChange((event) => {
      if (!event.kinds.includes('emails') && !event.kinds.includes('external')) return;
      dirty.current = true;
      if (refreshTimer.current || !activeRef.current) return;
      refreshTimer.current = setTimeout(() => {
        refreshTimer.current = null;
        if (activeRef.current && mounted.current) refreshNow();
      }, REFRESH_MS);
    });
    return () => {
      off();
    };
  }, [outbound, refreshNow]);
  useEffect(() => {
    if (active && dirty.current) refreshNow();
  }, [active, refreshNow]);

  useEffect(() => {
    scheduleCount(true);
    return () => {
      mounted.current = false;
      if (countTimer.current) clearTimeout(countTimer.current);
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // ---- the view persists (debounced; flushed on unmount) -----------------------------
  const saved = useRef(state.view);
  const saveTimer = useRef<NodeJS.Timeout | null>(null);
  const save = useCallback(() => {
    saveTimer.current = null;
    const view = ref.current.view;
    if (view === saved.current) return;
    saved.current = view;
    try {
      outbound.setUiState(VIEW_STATE_KEY, view);
    } catch {
      /* the database may be closing; the view is a convenience */
    }
  }, [outbound]);
  useEffect(() => {
    if (state.view === saved.current || saveTimer.current) return;
    saveTimer.current = setTimeout(save, 300);
  }, [state.view, save]);
  useEffect(() => () => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    save();
  }, [save]);

  // ---- the screen height changes with the terminal and with what is open below the table
  useEffect(() => {
    if (ref.current.window.height !== rowsHeight) commit({ ...ref.current });
  }, [rowsHeight, commit]);

  // ---- batch jobs -----------------------------------------------------------------------
  const jobSeq = useRef(0);
  const runSend = useCallback((ids: number[], resend: boolean, askAfter = false) => {
    if (ids.length === 0) return;
    const id = ++jobSeq.current;
    dispatch({ type: 'job-start', job: { id, label: resend ? 'resending' : 'sending', done: 0, total: ids.length } });
    let last = 0;
    outbound
      .sendNow(ids, {
        resend,
        onProgress: (done, total) => {
          const now = Date.now();
          if (now - last < 100 && done < total) return; // a progress bar needs ~10 frames a second, not one per message
          last = now;
          dispatch({ type: 'job-progress', id, done, total });
        },
      })
      .then((r) => {
        dispatch({ type: 'job-end', id });
        const already = r.skipped.filter((s) => /^already (sent|failed)/.test(s.reason)).map((s) => s.id);
        const parts = [`${r.sent.length} sent`];
        if (r.deferred.length) parts.push(`${r.deferred.length} deferred`);
        if (r.failed.length) parts.push(`${r.failed.length} failed`);
        const otherSkips = r.skipped.length - already.length;
        if (otherSkips) parts.push(`${otherSkips} skipped (${r.skipped.find((s) => !already.includes(s.id))!.reason})`);
        notice(`Send Now: ${parts.join(', ')}`, r.failed.length || r.deferred.length ? 'warn' : 'ok');
        // Statuses were not all known beforehand (a huge selection): ask about the rest now.
        if (askAfter && already.length > 0 && ref.current.mode.kind === 'table') {
          dispatch({ type: 'mode', mode: { kind: 'confirm-resend', ids: already, already: already.length } });
        }
      })
      .catch((err) => {
        dispatch({ type: 'job-end', id });
        notice(`Send Now failed: ${message(err)}`, 'error');
      });
  }, [dispatch, notice, outbound]);

  const runForward = useCallback(async (ids: number[], address: string) => {
    const id = ++jobSeq.current;
    if (ids.length > 1) dispatch({ type: 'job-start', job: { id, label: `forwarding to ${address}`, done: 0, total: ids.length } });
    const made: number[] = [];
    try {
      for (const emailId of ids) {
        const row = await outbound.forward(emailId, address);
        made.push(row.id);
        if (ids.length > 1) dispatch({ type: 'job-progress', id, done: made.length, total: ids.length });
      }
      notice(`Forwarded ${plural(made.length, 'email')} to ${address} (new ${made.length === 1 ? 'row' : 'rows'} ${made.join(', ')})`);
    } catch (err) {
      notice(`Forward failed${made.length ? ` after ${made.length}` : ''}: ${message(err)}`, 'error');
    } finally {
      if (ids.length > 1) dispatch({ type: 'job-end', id });
    }
  }, [dispatch, notice, outbound]);

  // ---- commands ---------------------------------------------------------------------------
  const commands = useMemo<LogCommands>(() => {
    const setMode = (mode: LogMode) => dispatch({ type: 'mode', mode });
    const reload = () => {
      page((w, f) => loadTop(f, w.height));
      scheduleCount(true);
    };
    const statusesOf = (ids: number[]): Map<number, EmailStatus> | undefined => {
      const known = new Map<number, EmailStatus>();
      for (const r of ref.current.window.rows) known.set(r.id, r.status);
      const unknown = ids.filter((id) => !known.has(id));
      if (unknown.length > STATUS_LOOKUP_MAX) return undefined;
      for (const id of unknown) {
        const e = outbound.getEmail(id);
        if (e) known.set(id, e.status);
      }
      return known;
    };
    return {
      down: () => page((w, f) => moveBy(w, 1, f)),
      up: () => page((w, f) => moveBy(w, -1, f)),
      pageDown: () => page((w, f) => pageBy(w, 1, f)),
      pageUp: () => page((w, f) => pageBy(w, -1, f)),
      top: () => page((w, f) => loadTop(f, w.height)),
      bottom: () => page((w, f) => loadBottom(f, w.height)),

      toggleRow: () => {
        dispatch({ type: 'toggle-row' });
        page((w, f) => moveBy(w, 1, f));
      },
      rangeSelect: () => {
        const s = ref.current;
        if (!s.anchor) return notice('Select a row with Space first: v selects from it to the cursor', 'warn');
        try {
          const ids = rangeIds(s.window, s.anchor, fetcherFor(outbound, s.view), s.view.sort.direction === 'asc');
          dispatch({ type: 'select', ids });
          notice(`Selected ${plural(ids.length, 'row')} of the range`);
        } catch (err) {
          notice(message(err), 'error');
        }
      },
      selectAll: () => {
        const s = ref.current;
        if (s.filterError) return notice('Fix the filter first', 'warn');
        try {
          const ids = outbound.matchingIds(s.view.filter.trim() || undefined, SELECT_ALL_MAX);
          dispatch({ type: 'select', ids });
          notice(ids.length >= SELECT_ALL_MAX
            ? `Selected the first ${plural(ids.length, 'email')} matching the filter (the most one selection holds)`
            : `Selected all ${plural(ids.length, 'email')} matching ${s.view.filter.trim() ? 'the filter' : 'the Log'}`);
        } catch (err) {
          notice(message(err), 'error');
        }
      },
      clearSelection: () => {
        const s = ref.current;
        if (s.selection.size > 0) {
          dispatch({ type: 'clear-selection' });
          dispatch({ type: 'notice', notice: null });
        } else if (s.view.filter) {
          dispatch({ type: 'set-filter', filter: '' });
          reload();
        }
      },

      view: () => {
        const row = ref.current.window.rows[ref.current.window.cursor];
        if (row) setMode({ kind: 'view', id: row.id });
      },
      closeView: () => {
        setMode({ kind: 'table' });
        if (dirty.current) refreshNow();
      },

      sendNow: () => {
        const ids = targetIds(ref.current);
        if (ids.length === 0) return;
        const statuses = statusesOf(ids);
        const already = statuses ? ids.filter((id) => statuses.get(id) === 'sent' || statuses.get(id) === 'failed').length : 0;
        if (already > 0) return setMode({ kind: 'confirm-resend', ids, already });
        runSend(ids, false, statuses === undefined);
        if (ref.current.selection.size > 0) dispatch({ type: 'clear-selection' });
      },
      confirmResend: () => {
        const m = ref.current.mode;
        if (m.kind !== 'confirm-resend') return;
        setMode({ kind: 'table' });
        runSend(m.ids, true);
        dispatch({ type: 'clear-selection' });
      },
      declineResend: () => {
        const m = ref.current.mode;
        if (m.kind !== 'confirm-resend') return;
        setMode({ kind: 'table' });
        // "No" means: leave the sent/failed ones alone, still send the rest.
        if (m.already < m.ids.length) runSend(m.ids, false);
        dispatch({ type: 'clear-selection' });
      },

      forward: () => {
        const ids = targetIds(ref.current);
        if (ids.length > 0) setMode({ kind: 'forward', ids });
      },
      submitForward: (address: string) => {
        const m = ref.current.mode;
        if (m.kind !== 'forward') return;
        setMode({ kind: 'table' });
        if (ref.current.selection.size > 0) dispatch({ type: 'clear-selection' });
        void runForward(m.ids, address.trim());
      },

      delete: () => {
        const ids = targetIds(ref.current);
        if (ids.length > 0) setMode({ kind: 'confirm-delete', ids });
      },
      confirmDelete: () => {
        const m = ref.current.mode;
        if (m.kind !== 'confirm-delete') return;
        setMode({ kind: 'table' });
        try {
          const n = outbound.deleteEmails(m.ids);
          dispatch({ type: 'unselect', ids: m.ids });
          const kept = m.ids.length - n;
          notice(`Deleted ${plural(n, 'email')}${kept ? ` (${kept} being sent or already gone ${kept === 1 ? 'was' : 'were'} kept)` : ''}`, kept ? 'warn' : 'ok');
          page((w, f) => refresh(w, f));
          scheduleCount(true);
        } catch (err) {
          notice(`Delete failed: ${message(err)}`, 'error');
        }
      },
      cancel: () => setMode({ kind: 'table' }),

      colLeft: () => dispatch({ type: 'focus-move', delta: -1 }),
      colRight: () => dispatch({ type: 'focus-move', delta: 1 }),
      sort: () => {
        dispatch({ type: 'sort-focused' });
        page((w, f) => loadTop(f, w.height));
      },
      reverse: () => {
        dispatch({ type: 'reverse' });
        page((w, f) => loadTop(f, w.height));
      },

      filter: () => setMode({ kind: 'filter' }),
      checkFilter: (filter: string) => {
        try {
          outbound.checkFilter(filter);
          return undefined;
        } catch (err) {
          return message(err);
        }
      },
      applyFilter: (filter: string) => {
        setMode({ kind: 'table' });
        dispatch({ type: 'set-filter', filter: filter.trim() });
        reload();
      },
      clearFilter: () => {
        setMode({ kind: 'table' });
        if (ref.current.view.filter === '' && !ref.current.filterError) return;
        dispatch({ type: 'set-filter', filter: '' });
        reload();
      },

      columns: () => {
        const s = ref.current;
        setMode({ kind: 'chooser', index: Math.max(0, COLUMNS.findIndex((c) => c.key === s.focus)) });
      },
      chooserDown: () => dispatch({ type: 'chooser-move', delta: 1 }),
      chooserUp: () => dispatch({ type: 'chooser-move', delta: -1 }),
      chooserToggle: () => dispatch({ type: 'chooser-toggle' }),

      widen: () => dispatch({ type: 'width', delta: 1 }),
      narrow: () => dispatch({ type: 'width', delta: -1 }),
      resetWidth: () => dispatch({ type: 'reset-width' }),
    };
  }, [dispatch, notice, outbound, page, refreshNow, runForward, runSend, scheduleCount]);

  const idDigits = state.window.rows.reduce((m, r) => Math.max(m, r.id), 0).toString().length;
  const layout = useMemo(
    () => layoutColumns({ visible: state.view.columns, widths: state.view.widths, width, focus: state.focus, idDigits }),
    [state.view.columns, state.view.widths, width, state.focus, idDigits],
  );
  return { state, layout, commands, rowsHeight };
}
