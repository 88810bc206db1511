// The filter language of the Log (CLI --filter and the console's `/`), parsed once here.
// Pure: no SQL, no I/O. filter-sql.ts turns the nodes into Drizzle conditions.
//
//   disk full                  free words: each must appear in To or Subject (case-insensitive)
//   "disk full"                a quoted phrase is one word
//   to:bob  from:alerts  subject:"disk full"  origin:cron  error:timeout   substring match
//   status:queued  status:queued,deferred     exact, validated
//   source:template                            exact (procedure|template|desk|default)
//   since:2h  since:2026-12-01  before:2026-12-01T08:00  before:7d     created time
//   !word  !status:sent  !"disk full"          a leading ! negates the token
import { FilterError } from '../errors.js';
import { EMAIL_STATUSES, type EmailStatus, type FromSource } from '../types.js';

export const FROM_SOURCES: readonly FromSource[] = ['procedure', 'template', 'desk', 'default'];

export type TextField = 'to' | 'from' | 'subject' | 'origin' | 'error';
export const TEXT_FIELDS: readonly TextField[] = ['to', 'from', 'subject', 'origin', 'error'];
export const FILTER_FIELDS = ['status', 'to', 'from', 'subject', 'source', 'origin', 'since', 'before', 'error'] as const;

export type FilterNode =
  | { kind: 'word'; value: string; negate: boolean }
  | { kind: 'text'; field: TextField; value: string; negate: boolean }
  | { kind: 'status'; values: EmailStatus[]; negate: boolean }
  | { kind: 'source'; values: FromSource[]; negate: boolean }
  /** since: created_at >= at; before: created_at < at. */
  | { kind: 'time'; field: 'since' | 'before'; at: number; negate: boolean };

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** A duration like 90s, 15m, 2h, 7d, 1w → milliseconds; undefined if it is not one. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+)([smhdw])$/i.exec(text);
  return m ? Number(m[1]) * UNIT_MS[m[2]!.toLowerCase()]! : undefined;
}

/** since/before value: a duration back from `now`, a date (local midnight) or an ISO date-time. */
function parseTime(field: string, value: string, now: number, position: number): number {
  const ago = parseDuration(value);
  if (ago !== undefined) return now - ago;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    const [y, mo, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const at = new Date(y, mo - 1, d);
    if (at.getFullYear() === y && at.getMonth() === mo - 1 && at.getDate() === d) return at.getTime();
  } else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)) {
    const at = Date.parse(value.replace(' ', 'T'));
    if (!Number.isNaN(at)) return at;
  }
  throw new FilterError(
    `bad time "${value}" for ${field}: — use a duration (30m, 2h, 7d, 1w; units s m h d w), a date (2026-12-01) or a date-time (2026-12-01T08:00)`,
    position,
  );
}

function parseList<T extends string>(field: string, value: string, known: readonly T[], position: number): T[] {
  const out: T[] = [];
  for (const part of value.split(',')) {
    const v = part.trim().toLowerCase();
    if (!(known as readonly string[]).includes(v)) {
      throw new FilterError(`bad ${field} "${part.trim()}" — known values are ${known.join(', ')}`, position);
    }
    if (!out.includes(v as T)) out.push(v as T);
  }
  return out;
}

function buildNode(field: string, value: string, negate: boolean, now: number, fieldPos: number, valuePos: number): FilterNode {
  const f = field.toLowerCase();
  if (value === '') throw new FilterError(`empty value for "${field}:" at position ${valuePos + 1} — write e.g. ${f}:something, quote values with spaces`, valuePos);
  switch (f) {
    case 'status':
      return { kind: 'status', values: parseList('status', value, EMAIL_STATUSES, valuePos), negate };
    case 'source':
      return { kind: 'source', values: parseList('source', value, FROM_SOURCES, valuePos), negate };
    case 'since':
    case 'before':
      return { kind: 'time', field: f, at: parseTime(f, value, now, valuePos), negate };
    default:
      if ((TEXT_FIELDS as readonly string[]).includes(f)) return { kind: 'text', field: f as TextField, value, negate };
      throw new FilterError(
        `unknown field "${field}" — known fields are ${FILTER_FIELDS.join(', ')} (to search for the word itself, quote it: "${field}:${value}")`,
        fieldPos,
      );
  }
}

/** Parses a filter expression; throws FilterError naming what is wrong and where. `now` anchors durations. */
export function parseFilter(expr: string, now: number = Date.now()): FilterNode[] {
  const nodes: FilterNode[] = [];
  let i = 0;
  const n = expr.length;
  const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

  const readQuoted = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    while (i < n && expr[i] !== '"') {
      if (expr[i] === '\\' && (expr[i + 1] === '"' || expr[i + 1] === '\\')) i++;
      out += expr[i];
      i++;
    }
    if (i >= n) throw new FilterError(`unterminated quote at position ${start + 1} — close it with "`, start);
    i++; // closing quote
    if (i < n && !isSpace(expr[i])) {
      throw new FilterError(`unexpected "${expr[i]}" after a closing quote at position ${i + 1} — put a space between tokens`, i);
    }
    return out;
  };

  const readBare = (stopAtColon: boolean): string => {
    let out = '';
    while (i < n && !isSpace(expr[i]) && !(stopAtColon && expr[i] === ':')) {
      if (expr[i] === '"') {
        throw new FilterError(`unexpected quote at position ${i + 1} — quote the whole value, e.g. subject:"disk full"`, i);
      }
      out += expr[i];
      i++;
    }
    return out;
  };

  while (i < n) {
    if (isSpace(expr[i])) {
      i++;
      continue;
    }
    const tokenStart = i;
    let negate = false;
    if (expr[i] === '!') {
      negate = true;
      i++;
      if (i >= n || isSpace(expr[i]) || expr[i] === '!') {
        throw new FilterError(`"!" at position ${tokenStart + 1} must be followed by a word or field:value to negate`, tokenStart);
      }
    }
    if (expr[i] === '"') {
      const value = readQuoted();
      if (value === '') throw new FilterError(`empty quotes at position ${tokenStart + 1}`, tokenStart);
      nodes.push({ kind: 'word', value, negate });
      continue;
    }
    const fieldPos = i;
    const head = readBare(true);
    if (expr[i] === ':') {
      if (head === '') throw new FilterError(`missing field name before ":" at position ${i + 1}`, i);
      i++; // colon
      const valuePos = i;
      const value = expr[i] === '"' ? readQuoted() : readBare(false);
      nodes.push(buildNode(head, value, negate, now, fieldPos, valuePos));
    } else {
      nodes.push({ kind: 'word', value: head, negate });
    }
  }
  return nodes;
}
