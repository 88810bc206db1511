// The Log as pages: keyset paging over any sortable column, filtered by the filter
// language. Each page is a few bounded queries whose index is chosen here, explicitly
// (INDEXED BY / NOT INDEXED), because SQLite without statistics guesses badly on a
// million rows:
//   sort    walk the sort column's (column, id) index and stop after `limit` matches —
//           the normal case, O(page) at any depth, even inside a long run of ties;
//   status  / time: the filter's status or since/before terms select few rows: read
//           those through their index and sort them;
//   scan    the filter's text terms match few rows (estimated from a sample): one pass
//           over the table in storage order beats index lookups in sort order.
import { and, asc, sql, type SQL } from 'drizzle-orm';
import { emails, statusCounts } from './schema.js';
import type { Store } from './open.js';
import { parseFilter, type FilterNode } from './filter.js';
import { filterCondition } from './filter-sql.js';
import { SORT_COLUMNS, sortValue, summaryColumns, toSummary, type SummaryRow } from './rows.js';
import type { LogCursor, LogPage, LogQuery, SortColumn, SortSpec } from '../types.js';

export const MAX_PAGE = 1000;
/** Up to this many matches, reading and sorting the matches beats walking the sort index. */
const SMALL_SET = 20_000;
/** Rows sampled to tell a rare text filter from a common one. */
const SAMPLE = 2000;

const DEFAULT_SORT: SortSpec = { column: 'createdAt', direction: 'desc' };

/** The (column, id) index of each sort column (id itself is the rowid). */
const SORT_INDEX: Record<SortColumn, string | null> = {
  id: null,
  createdAt: 'emails_created_idx',
  status: 'emails_status_idx',
  from: 'emails_from_idx',
  fromSource: 'emails_from_source_idx',
  to: 'emails_to_idx',
  cc: 'emails_cc_idx',
  subject: 'emails_subject_idx',
  attempts: 'emails_attempts_idx',
  nextAttemptAt: 'emails_next_attempt_idx',
  sentAt: 'emails_sent_idx',
  lastError: 'emails_last_error_idx',
  origin: 'emails_origin_idx',
  size: 'emails_size_idx',
};

const NUMERIC: ReadonlySet<SortColumn> = new Set(['id', 'createdAt', 'attempts', 'nextAttemptAt', 'sentAt', 'size']);

export type LogPlan = 'sort' | 'status' | 'time' | 'scan';

interface Ctx {
  store: Store;
  column: SortColumn;
  where: SQL | undefined;
  plan: LogPlan;
}

/** How many rows (capped at SMALL_SET + 1) satisfy `cond`, through the index of `index`. */
function boundedCount(store: Store, index: string, cond: SQL): number {
  const r = store.db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM (SELECT 1 FROM ${emails} INDEXED BY ${sql.identifier(index)} WHERE ${cond} LIMIT ${SMALL_SET + 1})`,
  );
  return r?.n ?? 0;
}

/**
 * Estimated share of rows matching `where`: counted over SAMPLE rows taken from three
 * rowid ranges (oldest third, middle, newest), so that a Log whose newest rows are all
 * queued does not look like one where nothing is sent.
 */
function sampleShare(store: Store, where: SQL): number {
  const r = store.db.get<{ lo: number | null; hi: number | null }>(sql`SELECT (SELECT min(id) FROM ${emails}) AS lo, (SELECT max(id) FROM ${emails}) AS hi`);
  if (!r || r.lo === null || r.hi === null) return 1;
  const span = r.hi - r.lo + 1;
  const part = Math.ceil(SAMPLE / 3);
  let hits = 0;
  let seen = 0;
  for (const start of [r.lo + Math.floor(span / 6), r.lo + Math.floor(span / 2), r.hi - part + 1]) {
    const got = store.db.get<{ n: number; m: number }>(
      sql`SELECT count(*) AS n, coalesce(sum(CASE WHEN ${where} THEN 1 ELSE 0 END), 0) AS m FROM ${emails} NOT INDEXED WHERE ${emails.id} >= ${start} AND ${emails.id} < ${start + part}`,
    );
    seen += got?.n ?? 0;
    hits += got?.m ?? 0;
  }
  return seen === 0 ? 1 : hits / seen;
}

/** Chooses how to read a page (see the header comment). Exported for tests and benchmarks. */
export function planLog(store: Store, nodes: FilterNode[], column: SortColumn, limit = 50): LogPlan {
  if (nodes.length === 0) return 'sort';
  const statusNodes = nodes.filter((n) => n.kind === 'status' && !n.negate);
  const timeNodes = nodes.filter((n) => n.kind === 'time' && !n.negate);
  if (column !== 'status' && statusNodes.length > 0 && boundedCount(store, 'emails_status_idx', filterCondition(statusNodes)!) <= SMALL_SET) {
    return 'status';
  }
  if (column !== 'createdAt' && timeNodes.length > 0 && boundedCount(store, 'emails_created_idx', filterCondition(timeNodes)!) <= SMALL_SET) {
    return 'time';
  }
  if (column === 'id') return 'sort'; // the rowid walk is already a sequential pass
  if (column === 'createdAt' && timeNodes.length > 0) return 'sort'; // the index range is the time range
  const total = countedStatuses(store, ['queued', 'sending', 'sent', 'deferred', 'failed']);
  if (total <= SAMPLE * 5) return 'sort';
  // Per row visited, walking an index costs about twice a sequential pass when the index
  // follows storage order (created_at) and about ten times otherwise (measured on 1M rows);
  // the walk pays while it finds the page's rows within that share of the table.
  const factor = column === 'createdAt' ? 2 : 10;
  const expected = sampleShare(store, filterCondition(nodes)!) * total;
  return expected >= factor * (limit + 1) ? 'sort' : 'scan';
}

function source(ctx: Ctx): SQL {
  switch (ctx.plan) {
    case 'status':
      return sql`${emails} INDEXED BY emails_status_idx`;
    case 'time':
      return sql`${emails} INDEXED BY emails_created_idx`;
    case 'scan':
      return sql`${emails} NOT INDEXED`;
    case 'sort': {
      const index = SORT_INDEX[ctx.column];
      return index ? sql`${emails} INDEXED BY ${sql.identifier(index)}` : sql`${emails} NOT INDEXED`;
    }
  }
}

const selectList = sql.join(
  Object.entries(summaryColumns).map(([name, column]) => sql`${column} AS ${sql.identifier(name)}`),
  sql`, `,
);

function direction(ascending: boolean): SQL {
  return ascending ? sql`ASC` : sql`DESC`;
}

function query(ctx: Ctx, extra: SQL | undefined, order: SQL, limit: number, columns: SQL = selectList): SummaryRow[] {
  const where = and(ctx.where, extra) ?? sql`1`;
  return ctx.store.db.all<SummaryRow>(
    sql`SELECT ${columns} FROM ${source(ctx)} WHERE ${where} ORDER BY ${order} LIMIT ${limit}`,
  );
}

function fullOrder(ctx: Ctx, ascending: boolean): SQL {
  const d = direction(ascending);
  return ctx.column === 'id' ? sql`${emails.id} ${d}` : sql`${SORT_COLUMNS[ctx.column]} ${d}, ${emails.id} ${d}`;
}

function cursorValue(column: SortColumn, cursor: LogCursor): string | number {
  return NUMERIC.has(column) ? Number(cursor.value) : String(cursor.value);
}

/**
 * Up to `limit` rows strictly beyond `cursor` when reading in `ascending` storage order.
 * With the sort index the cursor is split in two seeks — the rest of the cursor's run of
 * ties (column = v AND id beyond), then the values beyond — because SQLite seeks a row
 * value (column, id) > (v, id) on the column alone and would walk the whole run of ties.
 */
function rowsBeyond(ctx: Ctx, cursor: LogCursor | undefined, ascending: boolean, limit: number, columns?: SQL): SummaryRow[] {
  const order = fullOrder(ctx, ascending);
  if (!cursor) return query(ctx, undefined, order, limit, columns);
  const op = sql.raw(ascending ? '>' : '<');
  const id = Math.trunc(Number(cursor.id));
  if (ctx.column === 'id') return query(ctx, sql`${emails.id} ${op} ${id}`, order, limit, columns);
  const col = SORT_COLUMNS[ctx.column];
  const value = cursorValue(ctx.column, cursor);
  if (ctx.plan !== 'sort') return query(ctx, sql`(${col}, ${emails.id}) ${op} (${value}, ${id})`, order, limit, columns);
  const ties = query(ctx, sql`${col} = ${value} AND ${emails.id} ${op} ${id}`, sql`${emails.id} ${direction(ascending)}`, limit, columns);
  if (ties.length >= limit) return ties;
  return ties.concat(query(ctx, sql`${col} ${op} ${value}`, order, limit - ties.length, columns));
}

/** Whether any row lies beyond the cursor in that direction (or at it, when `inclusive`). */
function anyBeyond(ctx: Ctx, cursor: LogCursor, ascending: boolean, inclusive: boolean): boolean {
  if (ctx.plan === 'scan') return true; // each probe would be a full pass; the caller had rows there
  const id = Math.trunc(Number(cursor.id)) + (inclusive ? (ascending ? -1 : 1) : 0);
  return rowsBeyond(ctx, { id, value: cursor.value }, ascending, 1, sql`${emails.id} AS id`).length > 0;
}

function cursorOf(r: SummaryRow, column: SortColumn): LogCursor {
  return { id: r.id, value: sortValue(r, column) };
}

/**
 * One page of the Log. Sort by any SortColumn (default createdAt desc), ties broken by id
 * in the same direction. `after` / `before` page from a cursor; `fromEnd` gives the last
 * page. `limit` is capped at 1000. A malformed filter throws FilterError.
 * Cursor values are the stored sort values (0 / '' where the row shows null).
 */
export function listEmails(store: Store, query: LogQuery, now: number = Date.now()): LogPage {
  const limit = Math.min(MAX_PAGE, Math.max(0, Math.floor(Number(query.limit) || 0)));
  const sort = query.sort ?? DEFAULT_SORT;
  if (!(sort.column in SORT_COLUMNS)) throw new TypeError(`unknown sort column ${String(sort.column)}`);
  const nodes = query.filter ? parseFilter(query.filter, now) : [];
  const ascending = sort.direction === 'asc';
  const page = (rows: SummaryRow[], hasMoreBefore: boolean, hasMoreAfter: boolean): LogPage => ({
    rows: rows.map(toSummary),
    cursors: rows.map((r) => cursorOf(r, sort.column)),
    hasMoreBefore,
    hasMoreAfter,
  });
  if (limit === 0) return page([], false, false);
  const ctx: Ctx = { store, column: sort.column, where: filterCondition(nodes), plan: planLog(store, nodes, sort.column, limit) };

  if (query.before && !query.after) {
    const got = rowsBeyond(ctx, query.before, !ascending, limit + 1);
    const rows = got.slice(0, limit).reverse();
    const last = rows.at(-1);
    const hasMoreAfter = last
      ? anyBeyond(ctx, cursorOf(last, sort.column), ascending, false)
      : anyBeyond(ctx, query.before, ascending, true);
    return page(rows, got.length > limit, hasMoreAfter);
  }
  if (query.fromEnd && !query.after) {
    const got = rowsBeyond(ctx, undefined, !ascending, limit + 1);
    return page(got.slice(0, limit).reverse(), got.length > limit, false);
  }
  const got = rowsBeyond(ctx, query.after, ascending, limit + 1);
  const rows = got.slice(0, limit);
  let hasMoreBefore = false;
  if (query.after) {
    const first = rows[0];
    hasMoreBefore = first
      ? anyBeyond(ctx, cursorOf(first, sort.column), !ascending, false)
      : anyBeyond(ctx, query.after, !ascending, true);
  }
  return page(rows, hasMoreBefore, got.length > limit);
}

/** Sum of the trigger-maintained counters for these statuses. */
function countedStatuses(store: Store, statuses: readonly string[]): number {
  let n = 0;
  for (const r of store.db.select().from(statusCounts).all()) if (statuses.includes(r.status)) n += r.count;
  return n;
}

/** Rows matching the filter. No filter, or a plain status:… filter, is answered from the counters. */
export function countEmails(store: Store, filter?: string, now: number = Date.now()): number {
  const nodes = filter ? parseFilter(filter, now) : [];
  if (nodes.length === 0) return countedStatuses(store, ['queued', 'sending', 'sent', 'deferred', 'failed']);
  const only = nodes[0]!;
  if (nodes.length === 1 && only.kind === 'status' && !only.negate) return countedStatuses(store, only.values);
  const r = store.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${emails} WHERE ${filterCondition(nodes)}`);
  return r?.n ?? 0;
}

/**
 * Like countEmails, but stops counting at `cap` (returns at most `cap`): a status bar can
 * show "10000+" for a common word without counting a million rows. A rare match still
 * costs one pass over the Log.
 */
export function countEmailsCapped(store: Store, filter: string | undefined, cap: number, now: number = Date.now()): number {
  const nodes = filter ? parseFilter(filter, now) : [];
  const limit = Math.max(0, Math.floor(cap));
  if (nodes.length === 0 || (nodes.length === 1 && nodes[0]!.kind === 'status' && !nodes[0]!.negate)) {
    return Math.min(limit, countEmails(store, filter, now));
  }
  const r = store.db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM (SELECT 1 FROM ${emails} WHERE ${filterCondition(nodes)} LIMIT ${limit})`,
  );
  return r?.n ?? 0;
}

/** Ids of rows matching the filter (for "select all"), ascending, at most `limit`. */
export function matchingIds(store: Store, filter: string | undefined, limit: number, now: number = Date.now()): number[] {
  const nodes = filter ? parseFilter(filter, now) : [];
  return store.db
    .select({ id: emails.id })
    .from(emails)
    .where(filterCondition(nodes))
    .orderBy(asc(emails.id))
    .limit(Math.max(0, Math.floor(limit)))
    .all()
    .map((r) => r.id);
}

/** Throws FilterError if the expression is malformed. */
export function checkFilter(filter: string): void {
  parseFilter(filter);
}
