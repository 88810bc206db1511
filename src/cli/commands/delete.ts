// outbound delete: remove emails from the Log (never one being sent).
import { parseCommandArgs, parseId } from '../args.js';
import { withCore, type CommandContext } from '../context.js';
import { confirm } from '../confirm.js';
import { line } from '../output.js';
import { stdinIsTerminal } from '../stdin.js';
import { CommandFailure, UsageError } from '../usage-error.js';

export const help = `Usage: outbound delete ID… [--yes]

Deletes emails from the Log (queued mail too: it will not be sent). Asks for
confirmation on a terminal; without a terminal --yes is required. Emails
being sent right now are not deleted. Every id must exist, else nothing is
deleted. Exit status 0 only if every email was deleted.

Example:
  outbound delete 12 13 --yes
`;

const OPTIONS = { yes: { type: 'boolean', short: 'y' } } as const;

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('delete', argv, OPTIONS, { min: 1 });
  const ids = [...new Set(positionals.map((p) => parseId('delete', p)))];
  if (!values.yes && !stdinIsTerminal()) {
    throw new UsageError('delete: stdin is not a terminal, so nobody can confirm: add --yes to delete without asking');
  }
  return withCore(ctx, values.db, async (o) => {
    const missing = ids.filter((id) => !o.getEmail(id));
    if (missing.length) throw new CommandFailure(`delete: no email with id ${missing.join(', ')}; nothing deleted`);
    if (!values.yes && !(await confirm(`Delete ${ids.length} email${ids.length === 1 ? '' : 's'} (${ids.join(', ')})?`))) {
      line('nothing deleted');
      return 1;
    }
    const deleted = o.deleteEmails(ids);
    line(`deleted ${deleted} of ${ids.length}`);
    if (deleted < ids.length) {
      process.stderr.write(`outbound: delete: ${ids.length - deleted} not deleted (being sent right now; try again shortly)\n`);
      return 1;
    }
    return 0;
  });
}
