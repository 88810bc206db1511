// outbound templates|readers|desks list|add|remove: the three lists the
// default-sender precedence reads (template From, desk → reader Reply).
import type { Outbound } from '../../types.js';
import { parseCommandArgs } from '../args.js';
import { withCore, type CommandContext } from '../context.js';
import { line, printJson, printTable, type Column } from '../output.js';
import { CommandFailure, UsageError } from '../usage-error.js';

interface Kind {
  singular: string;
  usage: string;
  about: string;
  example: string;
  /** The option add takes and whether it is required. */
  option: { name: string; required: boolean };
  list(o: Outbound): Record<string, unknown>[];
  add(o: Outbound, name: string, value: string | undefined): Record<string, unknown>;
  remove(o: Outbound, name: string): boolean;
  columns: Column<Record<string, unknown>>[];
}

const text = (key: string) => (row: Record<string, unknown>) => (row[key] == null ? '' : String(row[key]));

const KINDS: Record<string, Kind> = {
  templates: {
    singular: 'template',
    usage: 'templates add NAME [--from A]',
    about: "A message template's From is rule 2 of the sender precedence (after the producer's --from).",
    example: "outbound templates add backup-report --from 'Backups <backup@example.com>'",
    option: { name: 'from', required: false },
    list: (o) => o.templates.list().map((t) => ({ ...t })),
    add: (o, name, from) => ({ ...o.templates.add(name, from) }),
    remove: (o, name) => o.templates.remove(name),
    columns: [{ header: 'NAME', value: text('name') }, { header: 'FROM', value: text('from'), flexible: true }],
  },
  readers: {
    singular: 'reader',
    usage: 'readers add NAME --reply A',
    about: "An email reader's Reply address is rule 3 of the sender precedence, through a service desk linked to it.",
    example: 'outbound readers add helpdesk --reply help@example.com',
    option: { name: 'reply', required: true },
    list: (o) => o.readers.list().map((r) => ({ ...r })),
    add: (o, name, reply) => ({ ...o.readers.add(name, reply!) }),
    remove: (o, name) => o.readers.remove(name),
    columns: [{ header: 'NAME', value: text('name') }, { header: 'REPLY', value: text('reply'), flexible: true }],
  },
  desks: {
    singular: 'desk',
    usage: 'desks add NAME --reader NAME',
    about: "A service desk's email reader supplies the From (rule 3) for mail enqueued with --desk NAME.",
    example: 'outbound desks add support --reader helpdesk',
    option: { name: 'reader', required: false },
    list: (o) => o.desks.list().map((d) => ({ ...d })),
    add: (o, name, reader) => ({ ...o.desks.add(name, reader) }),
    remove: (o, name) => o.desks.remove(name),
    columns: [{ header: 'NAME', value: text('name') }, { header: 'READER', value: text('reader'), flexible: true }],
  },
};

export function help(ctx: CommandContext): string {
  const kind = KINDS[ctx.command] ?? KINDS.templates!;
  const name = Object.keys(KINDS).find((k) => KINDS[k] === kind)!;
  return `Usage: outbound ${name} list [--json]
       outbound ${kind.usage}
       outbound ${name} remove NAME

${kind.about}
Names are unique. --json prints the list (or the added entry) as JSON.
See also: outbound templates|readers|desks --help.

Example:
  ${kind.example}
  outbound ${name} list
`;
}

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const name = ctx.command;
  const kind = KINDS[name];
  if (!kind) throw new UsageError(`unknown command ${JSON.stringify(name)}`);
  const options = { json: { type: 'boolean' }, [kind.option.name]: { type: 'string' } } as const;
  const { values, positionals } = parseCommandArgs(name, argv, options as { json: { type: 'boolean' } }, { max: 2 });
  const optionValue = (values as Record<string, string | undefined>)[kind.option.name];
  const [action = 'list', item] = positionals;
  if (action === 'list') {
    if (item !== undefined) throw new UsageError(`${name}: list takes no name`);
    if (optionValue !== undefined) throw new UsageError(`${name}: --${kind.option.name} goes with add`);
    const rows = await withCore(ctx, values.db, (o) => kind.list(o));
    if (values.json) printJson(rows);
    else if (rows.length === 0) line(`no ${name} yet (add one: outbound ${kind.usage})`);
    else printTable(rows, kind.columns);
    return 0;
  }
  if (action !== 'add' && action !== 'remove') throw new UsageError(`${name}: unknown action ${JSON.stringify(action)}; use list, add or remove`);
  if (item === undefined || item.trim() === '') throw new UsageError(`${name}: ${action} needs a NAME (see outbound ${name} --help)`);
  if (action === 'add') {
    if (kind.option.required && optionValue === undefined) throw new UsageError(`${name}: --${kind.option.name} is required: outbound ${kind.usage}`);
    const added = await withCore(ctx, values.db, (o) => kind.add(o, item, optionValue));
    if (values.json) printJson(added);
    else line(`added ${kind.singular} ${JSON.stringify(added.name)}`);
    return 0;
  }
  if (optionValue !== undefined) throw new UsageError(`${name}: --${kind.option.name} goes with add`);
  const removed = await withCore(ctx, values.db, (o) => kind.remove(o, item));
  if (!removed) throw new CommandFailure(`${name}: no ${kind.singular} named ${JSON.stringify(item)} (see outbound ${name} list)`);
  line(`removed ${kind.singular} ${JSON.stringify(item)}`);
  return 0;
}
