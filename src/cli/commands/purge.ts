// outbound purge: retention by hand (sent and failed rows only).
import { parseCommandArgs, parseCount } from '../args.js';
import { withCore, type CommandContext } from '../context.js';
import { line } from '../output.js';

export const help = `Usage: outbound purge [--older-than DAYS] [--dry-run]

Deletes sent and failed emails older than DAYS (default: the daysToKeep
setting). Queued and deferred mail is never purged. --dry-run only counts.
A running console or \`outbound serve\` also purges automatically.

Examples:
  outbound purge --older-than 7 --dry-run
  outbound purge
`;

const OPTIONS = { 'older-than': { type: 'string' }, 'dry-run': { type: 'boolean', short: 'n' } } as const;

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommandArgs('purge', argv, OPTIONS, { max: 0 });
  const days = values['older-than'] !== undefined ? parseCount('purge', 'older-than', values['older-than']) : undefined;
  const dryRun = values['dry-run'] === true;
  await withCore(ctx, values.db, async (o) => {
    const olderThan = days ?? o.getSettings().daysToKeep;
    const { count } = await o.purge({ olderThanDays: olderThan, dryRun });
    const what = `sent/failed email${count === 1 ? '' : 's'} older than ${olderThan} day${olderThan === 1 ? '' : 's'}`;
    line(dryRun ? `would delete ${count} ${what}` : `deleted ${count} ${what}`);
  });
  return 0;
}
