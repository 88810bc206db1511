// outbound log: the Log as a table, JSON or CSV.
import type { EmailSummary, LogCursor, Outbound, SortDirection, SortSpec } from '../../types.js';
import { parseCommandArgs, parseCount } from '../args.js';
import { withCore, type CommandContext } from '../context.js';
import { JSON_FIELDS, SORT_COLUMNS, TABLE_COLUMNS, emailJson } from '../email-fields.js';
import { csvLine, printTable, write } from '../output.js';
import { UsageError } from '../usage-error.js';

export const help = `Usage: outbound log [--filter EXPR] [--sort COL[:asc|desc]] [--limit N] [--json|--csv]

Lists the Log, newest first. A table on a terminal (fitted to its width),
else whole values; --json prints an array of objects with the fields
${JSON_FIELDS.join(', ')}
(timestamps ISO 8601, null when none); --csv the same fields with a header row.

  --filter EXPR   free words match To/Subject; field:value tokens for status, to,
                  from, subject, source, origin, since:2h, before:2026-12-01;
                  quote values with spaces; a leading ! negates a token
  --sort COL[:asc|desc]  one of ${SORT_COLUMNS.join(', ')}
                  (default createdAt:desc)
  --limit N       at most N rows (default 100; 0 = all)

Examples:
  outbound log --filter 'status:failed since:24h'
  outbound log --filter '!status:sent' --sort createdAt:asc --json
`;

const OPTIONS = {
  filter: { type: 'string' },
  sort: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
} as const;

const PAGE = 1000;

export function parseSort(command: string, text: string): SortSpec {
  const [column, direction = undefined, ...extra] = text.split(':');
  if (!SORT_COLUMNS.includes(column as SortSpec['column'])) {
    throw new UsageError(`${command}: cannot sort by ${JSON.stringify(column)}; use one of ${SORT_COLUMNS.join(', ')}`);
  }
  if (extra.length || (direction !== undefined && direction !== 'asc' && direction !== 'desc')) {
    throw new UsageError(`${command}: --sort takes COLUMN or COLUMN:asc or COLUMN:desc, not ${JSON.stringify(text)}`);
  }
  const dir: SortDirection = (direction as SortDirection | undefined) ?? (column === 'createdAt' || column === 'sentAt' || column === 'id' ? 'desc' : 'asc');
  return { column: column as SortSpec['column'], direction: dir };
}

/** Every matching row up to `limit` (0 = all), page by page (keyset). */
export function* eachRow(outbound: Outbound, filter: string | undefined, sort: SortSpec | undefined, limit: number): Generator<EmailSummary> {
  let after: LogCursor | undefined;
  let left = limit === 0 ? Infinity : limit;
  while (left > 0) {
    const page = outbound.listEmails({
      ...(filter ? { filter } : {}),
      ...(sort ? { sort } : {}),
      ...(after ? { after } : {}),
      limit: Math.min(PAGE, left),
    });
    for (const row of page.rows) {
      if (process.stdout.destroyed) return; // the reader went away (log | head)
      yield row;
    }
    left -= page.rows.length;
    if (!page.hasMoreAfter || page.rows.length === 0) return;
    after = page.cursors[page.cursors.length - 1];
  }
}

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommandArgs('log', argv, OPTIONS, { max: 0 });
  if (values.json && values.csv) throw new UsageError('log: choose --json or --csv, not both');
  const sort = values.sort !== undefined ? parseSort('log', values.sort) : undefined;
  const limit = values.limit !== undefined ? parseCount('log', 'limit', values.limit) : 100;
  const filter = values.filter?.trim() || undefined;

  await withCore(ctx, values.db, (o) => {
    if (filter) checkFilter(o, filter); // a malformed filter is an error, never an empty result
    const rows = eachRow(o, filter, sort, limit);
    if (values.json) {
      let first = true;
      write('[');
      for (const row of rows) {
        write(`${first ? '\n' : ',\n'}  ${JSON.stringify(emailJson(row))}`);
        first = false;
      }
      write(first ? ']\n' : '\n]\n');
    } else if (values.csv) {
      write(csvLine([...JSON_FIELDS]));
      for (const row of rows) {
        const json = emailJson(row);
        write(csvLine(JSON_FIELDS.map((f) => json[f])));
      }
    } else {
      const list = [...rows];
      if (list.length === 0) process.stderr.write(filter ? 'no emails match the filter\n' : 'the Log is empty\n');
      else printTable(list, TABLE_COLUMNS);
    }
  });
  return 0;
}

/** A malformed --filter: the filter's own message, in the "log: …" style of the other log errors. */
function checkFilter(outbound: Outbound, filter: string): void {
  try {
    outbound.checkFilter(filter);
  } catch (err) {
    if ((err as Error)?.name === 'FilterError') throw new UsageError(`log: --filter: ${(err as Error).message}`);
    throw err;
  }
}
