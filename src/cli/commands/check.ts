// outbound check: a monitoring probe (Nagios/Icinga plugin conventions, cron).
import { parseCommandArgs, parseCount } from '../args.js';
import { withCore, type CommandContext } from '../context.js';
import { formatAge, formatDuration, parseDuration } from '../duration.js';
import { line, oneLine } from '../output.js';
import { CommandFailure, UsageError } from '../usage-error.js';

export const help = `Usage: outbound check [--max-queue-age DUR] [--max-deferred N] [--max-failed N] [--window DUR]

Prints one status line and exits 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN:
  OUTBOUND OK - 0 queued, oldest 0s, 0 deferred, 0 failed in 24h

CRITICAL when the oldest queued or deferred email is older than
--max-queue-age (default 1h: mail is not leaving), or the database cannot be
read. WARNING when more than --max-deferred emails are deferred (default 10:
the relay is refusing or unreachable) or more than --max-failed of the emails
created within --window have failed (defaults 0 and 24h).
DUR: 90s, 30m, 2h, 1d, 1w.
UNKNOWN (exit 3) when the check itself was called wrongly (a bad option or
value): "OUTBOUND UNKNOWN - …" on stdout and an "outbound: …" line on stderr.

Example (cron, mails nobody if OK):
  */10 * * * * outbound check --max-queue-age 30m >/dev/null || logger -t outbound "mail queue problem"
`;

const OPTIONS = {
  'max-queue-age': { type: 'string' },
  'max-deferred': { type: 'string' },
  'max-failed': { type: 'string' },
  window: { type: 'string' },
} as const;

/** Nagios/Icinga plugin exit code for "the check could not run as asked". */
const UNKNOWN = 3;

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  let options;
  try {
    options = parseOptions(argv);
  } catch (err) {
    // A usage error is the probe's fault, not the mail's: UNKNOWN (3), never
    // CRITICAL (2), or a typo in the monitoring config pages someone at night.
    if (!(err instanceof UsageError)) throw err;
    line(`OUTBOUND UNKNOWN - ${oneLine(err.message)}`);
    throw new CommandFailure(err.message, UNKNOWN);
  }
  const { values, maxAge, maxDeferred, maxFailed, windowMs } = options;
  const windowText = formatDuration(windowMs);

  let state: { counts: ReturnType<import('../../types.js').Outbound['counts']>; failed: number; auto: boolean };
  try {
    state = await withCore(ctx, values.db, (o) => {
      const minutes = Math.max(1, Math.ceil(windowMs / 60_000));
      return { counts: o.counts(), failed: o.countEmails(`status:failed since:${minutes}m`), auto: o.getSettings().autoDelivery };
    });
  } catch (err) {
    line(`OUTBOUND CRITICAL - ${String((err as Error).message ?? err).replace(/[\r\n]+/g, ' ')}`);
    return 2;
  }
  const { counts, failed, auto } = state;
  const waiting = counts.queued + counts.sending;
  const age = counts.oldestQueuedAt ? Date.now() - counts.oldestQueuedAt : 0;
  const problems: { level: 1 | 2; text: string }[] = [];
  if (age > maxAge) problems.push({ level: 2, text: `oldest ${formatAge(age)} > ${formatDuration(maxAge)}${auto ? '' : ' (automatic delivery is OFF)'}` });
  if (counts.deferred > maxDeferred) problems.push({ level: 1, text: `${counts.deferred} deferred > ${maxDeferred}` });
  if (failed > maxFailed) problems.push({ level: 1, text: `${failed} failed in ${windowText} > ${maxFailed}` });
  const level = Math.max(0, ...problems.map((p) => p.level));
  const name = ['OK', 'WARNING', 'CRITICAL'][level]!;
  const summary = `${waiting} queued, oldest ${formatAge(age)}, ${counts.deferred} deferred, ${failed} failed in ${windowText}`;
  line(`OUTBOUND ${name} - ${summary}${problems.length ? ` (${problems.map((p) => p.text).join('; ')})` : ''}`);
  return level;
}

function parseOptions(argv: string[]) {
  const { values } = parseCommandArgs('check', argv, OPTIONS, { max: 0 });
  return {
    values,
    maxAge: values['max-queue-age'] !== undefined ? parseDuration('check', 'max-queue-age', values['max-queue-age']) : 3_600_000,
    maxDeferred: values['max-deferred'] !== undefined ? parseCount('check', 'max-deferred', values['max-deferred']) : 10,
    maxFailed: values['max-failed'] !== undefined ? parseCount('check', 'max-failed', values['max-failed']) : 0,
    windowMs: values.window !== undefined ? parseDuration('check', 'window', values.window) : 86_400_000,
  };
}
