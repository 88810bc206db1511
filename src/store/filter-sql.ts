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

// Which index answers these conditions is decided by the caller (log.ts plans each page).
function nodeCondition(node: FilterNode): SQL {
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
      cond = sql`${emails.status} IN (${sql.join(node.values.map((v) => sql`${v}`), sql`, `)})`;
      break;
    case 'source':
      cond = sql`${emails.fromSource} IN (${sql.join(node.values.map((v) => sql`${v}`), sql`, `)})`;
      break;
    case 'time':
      cond = node.field === 'since' ? sql`${emails.createdAt} >= ${node.at}` : sql`${emails.createdAt} < ${node.at}`;
      break;
  }
  return node.negate ? not(cond) : cond;
}

/** AND of every node; undefined for an empty filter. */
export function filterCondition(nodes: FilterNode[]): SQL | undefined {
  if (nodes.length === 0) return undefined;
  const parts = nodes.map((n) => nodeCondition(n));
  return parts.length === 1 ? parts[0] : and(...parts);
}

/** Parses and converts in one go; throws FilterError when malformed. */
export function filterSql(expr: string | undefined, now = Date.now()): SQL | undefined {
  if (expr === undefined || expr.trim() === '') return undefined;
  return filterCondition(parseFilter(expr, now));
}
