// The Log as pages: keyset paging over any sortable column, filtered by the filter
// language. Every page is one bounded, indexed query (plus one LIMIT 1 probe), so it
// costs the same on row 10 and row 1,000,000.
import { and, asc, desc, sql, type SQL } from 'drizzle-orm';
import { emails, statusCounts } from './schema.js';
import type { Store } from './open.js';
import { parseFilter, type FilterNode } from './filter.js';
import { filterCondition, type FilterSqlOptions } from './filter-sql.js';
import { SORT_COLUMNS, sortValue, summaryColumns, toSummary, type SummaryRow } from './rows.js';
import type { LogCursor, LogPage, LogQuery, SortColumn, SortSpec } from '../types.js';

export const MAX_PAGE = 1000;
/** Below this many matches, sorting the matches beats walking the sort index. */
const SMALL_SET = 5000;

const DEFAULT_SORT: SortSpec = { column: 'createdAt', direction: 'desc' };

function isNumericColumn(column: SortColumn): boolean {
  return ['id', 'createdAt', 'attempts', 'nextAttemptAt', 'sentAt', 'size'].includes(column);
}

/** How many rows (capped at SMALL_SET + 1) satisfy `cond`; bounded, uses the condition's index. */
function boundedCount(store: Store, cond: SQL): number {
  const r = store.db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM (SELECT 1 FROM ${emails} WHERE ${cond} LIMIT ${SMALL_SET + 1})`,
  );
  return r?.n ?? 0;
}

/**
 * Decides whether status / time terms may use their own indexes for this sort (see
 * FilterSqlOptions): yes when they select few rows, or when they index the sort column.
 */
export function planFilter(store: Store, nodes: FilterNode[], column: SortColumn): FilterSqlOptions {
  const statusNodes = nodes.filter((n) => n.kind === 'status' && !n.negate);
  const timeNodes = nodes.filter((n) => n.kind === 'time' && !n.negate);
  const small = (ns: FilterNode[]) => ns.length > 0 && boundedCount(store, filterCondition(ns)!) <= SMALL_SET;
  return {
    statusIndex: column === 'status' || statusNodes.length === 0 || small(statusNodes),
    timeIndex: column === 'createdAt' || timeNodes.length === 0 || small(timeNodes),
  };
}

/** Keyset comparison of (sort column, id) against a cursor. */
function keyCompare(column: SortColumn, op: '<' | '>' | '<=' | '>=', cursor: LogCursor): SQL {
  const id = Math.trunc(Number(cursor.id));
  if (column === 'id') return sql`${emails.id} ${sql.raw(op)} ${id}`;
  const value = isNumericColumn(column) ? Number(cursor.value) : String(cursor.value);
  return sql`(${SORT_COLUMNS[column]}, ${emails.id}) ${sql.raw(op)} (${value}, ${id})`;
}

interface Ctx {
  store: Store;
  column: SortColumn;
  /** true = ascending in storage order for this read. */
  ascending: boolean;
  where: SQL | undefined;
}

function fetch(ctx: Ctx, cursorCond: SQL | undefined, ascending: boolean, n: number): SummaryRow[] {
  const col = SORT_COLUMNS[ctx.column];
  const dir = ascending ? asc : desc;
  const order = ctx.column === 'id' ? [dir(emails.id)] : [dir(col), dir(emails.id)];
  return ctx.store.db
    .select(summaryColumns)
    .from(emails)
    .where(and(ctx.where, cursorCond))
    .orderBy(...order)
    .limit(n)
    .all();
}

function exists(ctx: Ctx, cond: SQL): boolean {
  return ctx.store.db.select({ id: emails.id }).from(emails).where(and(ctx.where, cond)).limit(1).get() !== undefined;
}

function cursorOf(r: SummaryRow, column: SortColumn): LogCursor {
  return { id: r.id, value: sortValue(r, column) };
}

/** Ops meaning "later in sort order" and "earlier", for the sort direction. */
function ops(ascending: boolean) {
  return ascending
    ? { after: '>' as const, afterEq: '>=' as const, before: '<' as const, beforeEq: '<=' as const }
    : { after: '<' as const, afterEq: '<=' as const, before: '>' as const, beforeEq: '>=' as const };
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
  const ctx: Ctx = { store, column: sort.column, ascending, where: filterCondition(nodes, planFilter(store, nodes, sort.column)) };
  const o = ops(ascending);
  const page = (rows: SummaryRow[], hasMoreBefore: boolean, hasMoreAfter: boolean): LogPage => ({
    rows: rows.map(toSummary),
    cursors: rows.map((r) => cursorOf(r, sort.column)),
    hasMoreBefore,
    hasMoreAfter,
  });
  if (limit === 0) return page([], false, false);

  if (query.before && !query.after) {
    const got = fetch(ctx, keyCompare(sort.column, o.before, query.before), !ascending, limit + 1);
    const more = got.length > limit;
    const rows = got.slice(0, limit).reverse();
    const last = rows.at(-1);
    const hasMoreAfter = last
      ? exists(ctx, keyCompare(sort.column, o.after, cursorOf(last, sort.column)))
      : exists(ctx, keyCompare(sort.column, o.afterEq, query.before));
    return page(rows, more, hasMoreAfter);
  }
  if (query.fromEnd && !query.after) {
    const got = fetch(ctx, undefined, !ascending, limit + 1);
    return page(got.slice(0, limit).reverse(), got.length > limit, false);
  }
  const got = fetch(ctx, query.after ? keyCompare(sort.column, o.after, query.after) : undefined, ascending, limit + 1);
  const rows = got.slice(0, limit);
  let hasMoreBefore = false;
  if (query.after) {
    const first = rows[0];
    hasMoreBefore = first
      ? exists(ctx, keyCompare(sort.column, o.before, cursorOf(first, sort.column)))
      : exists(ctx, keyCompare(sort.column, o.beforeEq, query.after));
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

