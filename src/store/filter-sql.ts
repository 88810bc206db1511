// Filter nodes → Drizzle SQL conditions: the one place that knows how the filter
// language maps to columns.
import { and, not, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { emails } from './schema.js';
import { parseFilter, type FilterNode, type TextField } from './filter.js';

const TEXT_COLUMNS: Record<TextField, AnyColumn[]> = {
  to: [emails.to],
  from: [emails.fromAddress],
  subject: [emails.subject],
  origin: [emails.origin],
  error: [emails.lastError, emails.smtpResponse],
};

/** Case-insensitive substring match (LIKE is case-insensitive for ASCII); % and _ are literal. */
function contains(column: AnyColumn, value: string): SQL {
  const pattern = `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

export interface FilterSqlOptions {
  /**
   * Whether status / created_at terms may drive the index choice (default true). When
   * the Log is sorted by another column and those terms match many rows, walking the
   * sort index and stopping after `limit` matches is far cheaper than sorting every
   * match, so the caller turns them off: the terms are then written `+status`, which
   * SQLite never answers from an index.
   */
  statusIndex?: boolean;
  timeIndex?: boolean;
}

function nodeCondition(node: FilterNode, opts: FilterSqlOptions): SQL {
  const status = opts.statusIndex === false ? sql`+${emails.status}` : sql`${emails.status}`;
  const created = opts.timeIndex === false ? sql`+${emails.createdAt}` : sql`${emails.createdAt}`;
  let cond: SQL;
  switch (node.kind) {
    case 'word':
      cond = or(contains(emails.to, node.value), contains(emails.subject, node.value))!;
      break;
    case 'text': {
      const cols = TEXT_COLUMNS[node.field];
      cond = cols.length === 1 ? contains(cols[0]!, node.value) : or(...cols.map((c) => contains(c, node.value)))!;
      break;
    }
    case 'status':
      cond = sql`${status} IN (${sql.join(node.values.map((v) => sql`${v}`), sql`, `)})`;
      break;
    case 'source':
      cond = sql`${emails.fromSource} IN (${sql.join(node.values.map((v) => sql`${v}`), sql`, `)})`;
      break;
    case 'time':
      cond = node.field === 'since' ? sql`${created} >= ${node.at}` : sql`${created} < ${node.at}`;
      break;
  }
  return node.negate ? not(cond) : cond;
}

/** AND of every node; undefined for an empty filter. */
export function filterCondition(nodes: FilterNode[], opts: FilterSqlOptions = {}): SQL | undefined {
  if (nodes.length === 0) return undefined;
  const parts = nodes.map((n) => nodeCondition(n, opts));
  return parts.length === 1 ? parts[0] : and(...parts);
}

/** Parses and converts in one go; throws FilterError when malformed. */
export function filterSql(expr: string | undefined, now = Date.now(), opts: FilterSqlOptions = {}): SQL | undefined {
  if (expr === undefined || expr.trim() === '') return undefined;
  return filterCondition(parseFilter(expr, now), opts);
}
